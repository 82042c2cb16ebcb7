package org.jsrvany.core.win32.process;

import org.jsrvany.core.win32.Win32CallException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import com.sun.jna.platform.win32.WinDef.WORD;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A child process created by {@code CreateProcessW}, with its process and primary-thread handles.
 *
 * <p>{@link #startSuspended} creates it suspended so that it can be put into a {@link JobObject}
 * before it runs; {@link #resume()} then lets it go.
 */
final class ProcessHandleW implements AutoCloseable {
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
            throw Win32CallException.lastError("CreateProcessW(" + commandLine + ")");
        }
        return new ProcessHandleW(info.dwProcessId.intValue(), info.hProcess, info.hThread);
    }

    /**
     * Creates the child of a {@link LaunchPlan}, suspended: its raw command line, environment
     * block, directory, creation flags (console mode, {@code EXTENDED_STARTUPINFO_PRESENT}, and the job
     * placement's flag), and {@code stdio} as its standard handles. {@code bInheritHandles} is TRUE but
     * {@code attributes} limits inheritance to exactly the child's standard handles
     * ({@code PROC_THREAD_ATTRIBUTE_HANDLE_LIST}); call this under {@link ConsoleCtrl#LOCK}, see {@link ChildStdio}.
     */
    static ProcessHandleW create(LaunchPlan plan, ChildStdio stdio, ProcThreadAttributes attributes,
                                 JobPlacement placement) {
        return create(plan, stdio, attributes, placement, null);
    }

    /** The interactive desktop of a user's session: {@code STARTUPINFO.lpDesktop} for {@link #create} as a user. */
    static final String USER_DESKTOP = "winsta0\\default";

    /**
     * {@link #create(LaunchPlan, ChildStdio, ProcThreadAttributes, JobPlacement)}, and with {@code asUser} set
     * {@code CreateProcessAsUserW} with that user's token on {@link #USER_DESKTOP}, in the token's session: the same
     * flags (suspended, Unicode environment), handle list, directory and standard handles.
     */
    static ProcessHandleW create(LaunchPlan plan, ChildStdio stdio, ProcThreadAttributes attributes,
                                 JobPlacement placement, UserToken asUser) {
        char[] line = (plan.commandLine() + '\0').toCharArray(); // CreateProcessW may write into it
        char[] block = plan.environment().toChars();
        Memory env = new Memory((long) block.length * Native.WCHAR_SIZE);
        env.write(0, block, 0, block.length);

        Kernel32Ex.STARTUPINFOEX startup = new Kernel32Ex.STARTUPINFOEX();
        startup.StartupInfo.dwFlags = plan.startupFlags();
        startup.StartupInfo.wShowWindow = new WORD(plan.showWindow());
        startup.StartupInfo.hStdInput = stdio.childStdin();
        startup.StartupInfo.hStdOutput = stdio.childStdout();
        startup.StartupInfo.hStdError = stdio.childStderr();
        startup.lpAttributeList = attributes.list();
        WinBase.PROCESS_INFORMATION info = new WinBase.PROCESS_INFORMATION();
        if (asUser != null) {
            startup.StartupInfo.lpDesktop = USER_DESKTOP;
            if (!Advapi32Ex.instance().CreateProcessAsUserW(asUser.handle(), null, line, null, null, true,
                    plan.creationFlags(placement), env, plan.directory(), startup, info)) {
                throw Win32CallException.lastError("CreateProcessAsUserW(session " + asUser.session() + ", "
                        + plan.commandLine() + ")");
            }
        } else if (!Kernel32Ex.instance().CreateProcessW(null, line, null, null, true, plan.creationFlags(placement), env,
                plan.directory(), startup, info)) {
            throw Win32CallException.lastError("CreateProcessW(" + plan.commandLine() + ")");
        }
        return new ProcessHandleW(info.dwProcessId.intValue(), info.hProcess, info.hThread);
    }

    /**
     * Starts a small helper process with no console ({@code DETACHED_PROCESS}), the wrapper's
     * environment and directory, and no inherited handles; not suspended.
     */
    static ProcessHandleW startDetached(String commandLine) {
        char[] line = (commandLine + '\0').toCharArray();
        WinBase.STARTUPINFO startup = new WinBase.STARTUPINFO();
        WinBase.PROCESS_INFORMATION info = new WinBase.PROCESS_INFORMATION();
        if (!Kernel32.INSTANCE.CreateProcessW(null, line, null, null, false,
                new DWORD(Kernel32Ex.DETACHED_PROCESS), null, null, startup, info)) {
            throw Win32CallException.lastError("CreateProcessW(" + commandLine + ")");
        }
        return new ProcessHandleW(info.dwProcessId.intValue(), info.hProcess, info.hThread);
    }

    /**
     * Starts a small helper process as the user of {@code asUser}, in that token's session on {@link #USER_DESKTOP}
     * ({@code CreateProcessAsUserW}): no console ({@code DETACHED_PROCESS}), {@code environment} (the user's own),
     * the wrapper's directory, no inherited handles; suspended, so that it can be put into a job before it runs.
     */
    static ProcessHandleW startDetachedSuspendedAs(UserToken asUser, String commandLine, EnvironmentBlock environment) {
        char[] line = (commandLine + '\0').toCharArray();
        char[] block = environment.toChars();
        Memory env = new Memory((long) block.length * Native.WCHAR_SIZE);
        env.write(0, block, 0, block.length);
        Kernel32Ex.STARTUPINFOEX startup = new Kernel32Ex.STARTUPINFOEX();
        startup.StartupInfo.cb = new DWORD(startup.StartupInfo.size()); // a plain STARTUPINFO: no attribute list
        startup.StartupInfo.lpDesktop = USER_DESKTOP;
        WinBase.PROCESS_INFORMATION info = new WinBase.PROCESS_INFORMATION();
        int flags = Kernel32Ex.DETACHED_PROCESS | Kernel32Ex.CREATE_SUSPENDED | Kernel32Ex.CREATE_UNICODE_ENVIRONMENT;
        if (!Advapi32Ex.instance().CreateProcessAsUserW(asUser.handle(), null, line, null, null, false, flags, env, null,
                startup, info)) {
            throw Win32CallException.lastError("CreateProcessAsUserW(session " + asUser.session() + ", "
                    + commandLine + ")");
        }
        return new ProcessHandleW(info.dwProcessId.intValue(), info.hProcess, info.hThread);
    }

    /**
     * Opens an existing process (no thread handle).
     *
     * @throws Win32CallException with {@code ERROR_INVALID_PARAMETER} (87) when no such process runs
     */
    static ProcessHandleW open(int pid, int access) {
        HANDLE h = Kernel32.INSTANCE.OpenProcess(access, false, pid);
        if (h == null) {
            throw Win32CallException.lastError("OpenProcess(pid " + pid + ")");
        }
        return new ProcessHandleW(pid, h, null);
    }

    /** A second handle to the same process, for a thread that waits on it while this one may be closed. */
    ProcessHandleW duplicate() {
        HANDLE self = Kernel32.INSTANCE.GetCurrentProcess();
        HANDLEByReference copy = new HANDLEByReference();
        if (!Kernel32.INSTANCE.DuplicateHandle(self, processHandle(), self, copy, 0, false,
                Kernel32Ex.DUPLICATE_SAME_ACCESS)) {
            throw Win32CallException.lastError("DuplicateHandle(process " + pid + ")");
        }
        return new ProcessHandleW(pid, copy.getValue(), null);
    }

    /** Suspends every thread of the process ({@code NtSuspendProcess}); nests. */
    void suspendAll() {
        int status = NtDllEx.instance().NtSuspendProcess(processHandle());
        if (status != NtDllEx.STATUS_SUCCESS) {
            throw ntStatusFailure("NtSuspendProcess(pid " + pid + ")", status);
        }
    }

    /** Undoes one {@link #suspendAll()} ({@code NtResumeProcess}). */
    void resumeAll() {
        int status = NtDllEx.instance().NtResumeProcess(processHandle());
        if (status != NtDllEx.STATUS_SUCCESS) {
            throw ntStatusFailure("NtResumeProcess(pid " + pid + ")", status);
        }
    }

    /** The process's working set now, in bytes ({@code K32GetProcessMemoryInfo}). */
    long workingSet() {
        Kernel32Ex.PROCESS_MEMORY_COUNTERS counters = new Kernel32Ex.PROCESS_MEMORY_COUNTERS();
        if (!Kernel32Ex.instance().K32GetProcessMemoryInfo(processHandle(), counters, counters.size())) {
            throw Win32CallException.lastError("K32GetProcessMemoryInfo(pid " + pid + ")");
        }
        counters.read();
        return counters.WorkingSetSize.longValue();
    }

    /** Whether this process belongs to {@code job} ({@code IsProcessInJob}). */
    boolean isIn(JobObject job) {
        return job.containsProcess(processHandle(), pid);
    }

    /** {@code SetProcessAffinityMask}: the CPUs of the process's processor group it may run on. */
    void setAffinity(long mask) {
        if (!Kernel32.INSTANCE.SetProcessAffinityMask(processHandle(), new ULONG_PTR(mask))) {
            throw Win32CallException.lastError(String.format("SetProcessAffinityMask(pid %d, 0x%X)", pid, mask));
        }
    }

    /** {@code SetPriorityClass}. */
    void setPriorityClass(int priorityClass) {
        if (!Kernel32.INSTANCE.SetPriorityClass(processHandle(), new DWORD(priorityClass))) {
            throw Win32CallException.lastError(String.format("SetPriorityClass(pid %d, 0x%X)", pid, priorityClass));
        }
    }

    /** The exit code if the process has ended, else empty; does not wait. */
    OptionalInt exitCodeIfEnded() {
        return waitFor(Duration.ZERO);
    }

    /** Closes the primary thread's handle (once the child runs, only the process handle is needed). */
    synchronized void closeThread() {
        HANDLE t = thread;
        thread = null;
        if (t != null && !Kernel32.INSTANCE.CloseHandle(t)) {
            throw Win32CallException.lastError("CloseHandle(thread of pid " + pid + ")");
        }
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
            throw Win32CallException.lastError("ResumeThread(pid " + pid + ")");
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
            throw Win32CallException.lastError("WaitForSingleObject(pid " + pid + ")");
        }
        IntByReference code = new IntByReference();
        if (!Kernel32.INSTANCE.GetExitCodeProcess(h, code)) {
            throw Win32CallException.lastError("GetExitCodeProcess(pid " + pid + ")");
        }
        return OptionalInt.of(code.getValue());
    }

    /** Ends the process (not its children: use the job for the tree). */
    public void terminate(int exitCode) {
        if (!Kernel32.INSTANCE.TerminateProcess(processHandle(), exitCode)) {
            throw Win32CallException.lastError("TerminateProcess(pid " + pid + ")");
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
        Win32CallException failure = threadClosed ? null : Win32CallException.lastError("CloseHandle(thread of pid " + pid + ")");
        if (p != null && !Kernel32.INSTANCE.CloseHandle(p)) {
            failure = Win32CallException.lastError("CloseHandle(process " + pid + ")");
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "ProcessHandleW[pid " + pid + "]";
    }

    /** A failing {@code NTSTATUS} as the one Win32 failure type: the matching Win32 error, the status in the call's name. */
    private static Win32CallException ntStatusFailure(String call, int status) {
        int code = NtDllEx.instance().RtlNtStatusToDosError(status);
        return Win32CallException.of(String.format("%s (NTSTATUS 0x%08X)", call, status), code);
    }
}
