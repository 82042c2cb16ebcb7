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
public final class Win32CallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errorCode;

    /**
     * For callers that already hold the code and the system's message (tests, and code that maps an
     * error itself). {@code systemMessage} may be null or empty.
     */
    public Win32CallException(String call, int errorCode, String systemMessage) {
        super(message(call, errorCode, systemMessage));
        this.call = call;
        this.errorCode = errorCode;
    }

    /** For a call that just failed and set the thread's last error. Call it at once. */
    public static Win32CallException lastError(String call) {
        int code = Native.getLastError();
        return of(call, code);
    }

    /** For a call that returned its error code (the Reg* functions). */
    public static Win32CallException of(String call, int errorCode) {
        return new Win32CallException(call, errorCode, systemMessage(errorCode));
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
