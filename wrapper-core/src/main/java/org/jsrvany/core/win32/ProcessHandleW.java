package org.jsrvany.core.win32;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A child process created by {@code CreateProcessW}, with its process and primary-thread handles.
 *
 * <p>{@link #startSuspended} creates it suspended so that it can be put into a {@link JobObject}
 * before it runs; {@link #resume()} then lets it go.
 */
public final class ProcessHandleW implements AutoCloseable {
    private static final int STILL_RUNNING = 0x00000102; // WAIT_TIMEOUT
    private static final int WAIT_FAILED = 0xFFFFFFFF;

    private final int pid;
    private HANDLE process;
    private HANDLE thread;

    private ProcessHandleW(int pid, HANDLE process, HANDLE thread) {
        this.pid = pid;
        this.process = process;
        this.thread = thread;
    }

    /**
     * Creates a process, suspended, from a raw command line (passed to Windows exactly as given:
     * the program parses it, usually by the {@code CommandLineToArgvW} rules).
     *
     * <p>Flags: {@code CREATE_SUSPENDED | CREATE_UNICODE_ENVIRONMENT | CREATE_NO_WINDOW}: the child
     * gets a console of its own without a window, so that a Ctrl+C sent to that console reaches
     * it. Never {@code CREATE_NEW_PROCESS_GROUP}: Windows disables Ctrl+C for such a child. No
     * handles are inherited.
     *
     * @param commandLine the full command line, program included
     * @param environment exactly the child's environment
     * @param workingDirectory the child's current directory (a Windows path)
     */
    public static ProcessHandleW startSuspended(String commandLine, EnvironmentBlock environment,
            String workingDirectory) {
        char[] line = (commandLine + '\0').toCharArray(); // CreateProcessW may write into it
        char[] block = environment.toChars();
        Memory env = new Memory((long) block.length * Native.WCHAR_SIZE);
        env.write(0, block, 0, block.length);

        WinBase.STARTUPINFO startup = new WinBase.STARTUPINFO();
        WinBase.PROCESS_INFORMATION info = new WinBase.PROCESS_INFORMATION();
        int flags = Kernel32Ex.CREATE_SUSPENDED | Kernel32Ex.CREATE_UNICODE_ENVIRONMENT
                | Kernel32Ex.CREATE_NO_WINDOW;
        if (!Kernel32.INSTANCE.CreateProcessW(null, line, null, null, false, new DWORD(flags), env,
                workingDirectory, startup, info)) {
            throw Win32Exception.lastError("CreateProcessW(" + commandLine + ")");
        }
        return new ProcessHandleW(info.dwProcessId.intValue(), info.hProcess, info.hThread);
    }

    /** The Windows process id (small and quickly reused under Wine: hold this handle instead). */
    public int pid() {
        return pid;
    }

    /** Lets a suspended child run ({@code ResumeThread} on its primary thread). */
    public synchronized void resume() {
        if (thread == null) {
            throw new IllegalStateException("process " + pid + ": thread handle already closed");
        }
        if (Kernel32Ex.instance().ResumeThread(thread) == Kernel32Ex.THREAD_COUNT_FAILED) {
            throw Win32Exception.lastError("ResumeThread(pid " + pid + ")");
        }
    }

    /**
     * Waits up to {@code timeout} for the process to end.
     *
     * @return its exit code, or empty if it still runs after the timeout
     */
    public OptionalInt waitFor(Duration timeout) {
        HANDLE h = processHandle();
        long millis = Math.min(timeout.toMillis(), 0xFFFFFFFEL); // 0xFFFFFFFF would be INFINITE
        int r = Kernel32.INSTANCE.WaitForSingleObject(h, (int) millis);
        if (r == STILL_RUNNING) {
            return OptionalInt.empty();
        }
        if (r == WAIT_FAILED) {
            throw Win32Exception.lastError("WaitForSingleObject(pid " + pid + ")");
        }
        IntByReference code = new IntByReference();
        if (!Kernel32.INSTANCE.GetExitCodeProcess(h, code)) {
            throw Win32Exception.lastError("GetExitCodeProcess(pid " + pid + ")");
        }
        return OptionalInt.of(code.getValue());
    }

    /** Ends the process (not its children: use the job for the tree). */
    public void terminate(int exitCode) {
        if (!Kernel32.INSTANCE.TerminateProcess(processHandle(), exitCode)) {
            throw Win32Exception.lastError("TerminateProcess(pid " + pid + ")");
        }
    }

    synchronized HANDLE processHandle() {
        if (process == null) {
            throw new IllegalStateException("process " + pid + ": handle already closed");
        }
        return process;
    }

    /** Closes both handles (the process itself goes on). Idempotent. */
    @Override
    public synchronized void close() {
        HANDLE p = process;
        HANDLE t = thread;
        process = null;
        thread = null;
        boolean threadClosed = t == null || Kernel32.INSTANCE.CloseHandle(t);
        Win32Exception failure = threadClosed ? null : Win32Exception.lastError("CloseHandle(thread of pid " + pid + ")");
        if (p != null && !Kernel32.INSTANCE.CloseHandle(p)) {
            failure = Win32Exception.lastError("CloseHandle(process " + pid + ")");
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "ProcessHandleW[pid " + pid + "]";
    }
}
