package org.jsrvany.core.win32.process;

import org.jsrvany.core.win32.Win32CallException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;

/**
 * A Win32 job object whose processes are all killed when its last handle closes
 * ({@code JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE}): the child tree never outlives the wrapper, even
 * when the wrapper is killed.
 */
final class JobObject implements AutoCloseable {
    private HANDLE handle;

    private JobObject(HANDLE handle) {
        this.handle = handle;
    }

    /** An anonymous job with {@code JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE}. */
    public static JobObject createKillOnClose() {
        return create(Kernel32Ex.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE);
    }

    /**
     * A kill-on-close job that holds only the process assigned to it: its children leave the job
     * silently. For {@code AppKillProcessTree=0}: the main process still dies with the wrapper, its
     * descendants are left alone.
     */
    public static JobObject createKillOnCloseMainOnly() {
        return create(Kernel32Ex.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | Kernel32Ex.JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK);
    }

    private static JobObject create(int limitFlags) {
        Kernel32Ex k32 = Kernel32Ex.instance();
        HANDLE job = k32.CreateJobObjectW(null, null);
        if (job == null) {
            throw Win32CallException.lastError("CreateJobObjectW");
        }
        JobObject result = new JobObject(job);
        try {
            Kernel32Ex.JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits =
                    new Kernel32Ex.JOBOBJECT_EXTENDED_LIMIT_INFORMATION();
            limits.BasicLimitInformation.LimitFlags = limitFlags;
            limits.write();
            if (!k32.SetInformationJobObject(job, Kernel32Ex.JobObjectExtendedLimitInformation,
                    limits, limits.size())) {
                throw Win32CallException.lastError("SetInformationJobObject(LimitFlags=0x" + Integer.toHexString(limitFlags) + ")");
            }
            return result;
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
    }

    /**
     * The {@code LimitFlags} of the job the wrapper itself runs in ({@code IsProcessInJob} with no job,
     * then {@code QueryInformationJobObject} with no job, which Windows takes as the caller's job); empty
     * when it runs in none. A job whose limits cannot be read counts as allowing no breakaway.
     */
    static java.util.OptionalInt wrapperJobLimits() {
        Kernel32Ex k32 = Kernel32Ex.instance();
        IntByReference inJob = new IntByReference();
        if (!k32.IsProcessInJob(Kernel32.INSTANCE.GetCurrentProcess(), null, inJob)) {
            throw Win32CallException.lastError("IsProcessInJob(wrapper, any job)");
        }
        if (inJob.getValue() == 0) {
            return java.util.OptionalInt.empty();
        }
        Kernel32Ex.JOBOBJECT_BASIC_LIMIT_INFORMATION basic = new Kernel32Ex.JOBOBJECT_BASIC_LIMIT_INFORMATION();
        if (!k32.QueryInformationJobObject(null, Kernel32Ex.JobObjectBasicLimitInformation, basic, basic.size(), null)) {
            org.slf4j.LoggerFactory.getLogger(JobObject.class).warn("The wrapper runs in a job whose limits cannot be"
                    + " read ({}); assuming it allows no breakaway", Win32CallException.lastError(
                    "QueryInformationJobObject(wrapper's job, JobObjectBasicLimitInformation)").getMessage());
            return java.util.OptionalInt.of(0);
        }
        basic.read();
        return java.util.OptionalInt.of(basic.LimitFlags);
    }

    /**
     * Puts a process into the job. Assign a child created suspended, before it runs, so none of
     * its own children can escape.
     */
    public synchronized void assign(ProcessHandleW process) {
        if (!Kernel32Ex.instance().AssignProcessToJobObject(open(), process.processHandle())) {
            throw Win32CallException.lastError("AssignProcessToJobObject(pid " + process.pid() + ")");
        }
    }

    /** Ends every process in the job with {@code exitCode}. */
    public synchronized void terminate(int exitCode) {
        if (!Kernel32Ex.instance().TerminateJobObject(open(), exitCode)) {
            throw Win32CallException.lastError("TerminateJobObject");
        }
    }

    /**
     * The ids of the processes in the job now ({@code JobObjectBasicProcessIdList}). Under Wine
     * the list may also hold the {@code conhost.exe} of a console child. Ids are reused quickly:
     * open a process and check {@link ProcessHandleW#isIn} before acting on it.
     */
    public synchronized int[] processIds() {
        int capacity = 16;
        while (true) {
            int size = ProcessIdList.bytesFor(capacity, Native.POINTER_SIZE);
            Memory buffer = new Memory(size);
            buffer.clear();
            if (Kernel32Ex.instance().QueryInformationJobObject(open(), Kernel32Ex.JobObjectBasicProcessIdList,
                    buffer, size, null)) {
                return ProcessIdList.ids(buffer.getByteBuffer(0, size), Native.POINTER_SIZE);
            }
            int error = Native.getLastError();
            int assigned = ProcessIdList.assigned(buffer.getByteBuffer(0, size));
            if (error != Kernel32Ex.ERROR_MORE_DATA || capacity >= 1 << 20) {
                throw Win32CallException.of("QueryInformationJobObject(JobObjectBasicProcessIdList)", error);
            }
            capacity = Math.max(capacity * 2, assigned + 16);
        }
    }

    /** Whether the process behind {@code process} is in this job ({@code IsProcessInJob}). */
    synchronized boolean containsProcess(HANDLE process, int pid) {
        IntByReference result = new IntByReference();
        if (!Kernel32Ex.instance().IsProcessInJob(process, open(), result)) {
            throw Win32CallException.lastError("IsProcessInJob(pid " + pid + ")");
        }
        return result.getValue() != 0;
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
            throw Win32CallException.lastError("CloseHandle(job)");
        }
    }

    private HANDLE open() {
        if (handle == null) {
            throw new IllegalStateException("job object already closed");
        }
        return handle;
    }
}
