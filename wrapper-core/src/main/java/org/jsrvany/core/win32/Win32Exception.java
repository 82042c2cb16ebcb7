package org.jsrvany.core.win32;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32Util;

/**
 * A failed Win32 call: names the call, the error code and the system's message for it.
 *
 * <p>The code comes from {@link Native#getLastError()} taken right after the call (JNA saves it
 * before anything else can overwrite it), or from the return value of the calls that return
 * their error (the registry functions).
 */
public final class Win32Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errorCode;

    Win32Exception(String call, int errorCode, String systemMessage) {
        super(message(call, errorCode, systemMessage));
        this.call = call;
        this.errorCode = errorCode;
    }

    /** For a call that just failed and set the thread's last error. Call it at once. */
    static Win32Exception lastError(String call) {
        int code = Native.getLastError();
        return of(call, code);
    }

    /** For a call that returned its error code (the Reg* functions). */
    static Win32Exception of(String call, int errorCode) {
        return new Win32Exception(call, errorCode, systemMessage(errorCode));
    }

    /**
     * For an ntdll call that returned a failing {@code NTSTATUS}: the code is the matching Win32
     * error, and the call's name carries the status itself.
     */
    static Win32Exception ntStatus(String call, int status) {
        int code = NtDllEx.instance().RtlNtStatusToDosError(status);
        return of(String.format("%s (NTSTATUS 0x%08X)", call, status), code);
    }

    /** The call that failed, with the argument that identifies what it worked on, if any. */
    public String call() {
        return call;
    }

    /** The Win32 error code ({@code ERROR_*}). */
    public int errorCode() {
        return errorCode;
    }

    static String message(String call, int errorCode, String systemMessage) {
        String text = systemMessage == null ? "" : systemMessage.strip();
        return String.format("%s failed: error %d (0x%08X)%s", call, errorCode, errorCode,
                text.isEmpty() ? "" : ": " + text);
    }

    private static String systemMessage(int errorCode) {
        try {
            return Kernel32Util.formatMessage(errorCode);
        } catch (RuntimeException e) {
            // FormatMessage knows no text for this code; the number is still in the message.
            return "";
        }
    }
}
