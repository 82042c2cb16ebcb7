package org.jsrvany.core.win32;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT.HANDLE;

/**
 * A Win32 job object whose processes are all killed when its last handle closes
 * ({@code JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE}): the child tree never outlives the wrapper, even
 * when the wrapper is killed.
 */
public final class JobObject implements AutoCloseable {
    private HANDLE handle;

    private JobObject(HANDLE handle) {
        this.handle = handle;
    }

    /** An anonymous job with {@code JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE}. */
    public static JobObject createKillOnClose() {
        Kernel32Ex k32 = Kernel32Ex.instance();
        HANDLE job = k32.CreateJobObjectW(null, null);
        if (job == null) {
            throw Win32Exception.lastError("CreateJobObjectW");
        }
        JobObject result = new JobObject(job);
        try {
            Kernel32Ex.JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits =
                    new Kernel32Ex.JOBOBJECT_EXTENDED_LIMIT_INFORMATION();
            limits.BasicLimitInformation.LimitFlags = Kernel32Ex.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
            limits.write();
            if (!k32.SetInformationJobObject(job, Kernel32Ex.JobObjectExtendedLimitInformation,
                    limits, limits.size())) {
                throw Win32Exception.lastError("SetInformationJobObject(KILL_ON_JOB_CLOSE)");
            }
            return result;
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
    }

    /**
     * Puts a process into the job. Assign a child created suspended, before it runs, so none of
     * its own children can escape.
     */
    public synchronized void assign(ProcessHandleW process) {
        if (!Kernel32Ex.instance().AssignProcessToJobObject(open(), process.processHandle())) {
            throw Win32Exception.lastError("AssignProcessToJobObject(pid " + process.pid() + ")");
        }
    }

    /** Ends every process in the job with {@code exitCode}. */
    public synchronized void terminate(int exitCode) {
        if (!Kernel32Ex.instance().TerminateJobObject(open(), exitCode)) {
            throw Win32Exception.lastError("TerminateJobObject");
        }
    }

    /** Closes the handle: with it the job's processes die. Idempotent. */
    @Override
    public synchronized void close() {
        if (handle == null) {
            return;
        }
        HANDLE h = handle;
        handle = null;
        if (!Kernel32.INSTANCE.CloseHandle(h)) {
            throw Win32Exception.lastError("CloseHandle(job)");
        }
    }

    private HANDLE open() {
        if (handle == null) {
            throw new IllegalStateException("job object already closed");
        }
        return handle;
    }
}
