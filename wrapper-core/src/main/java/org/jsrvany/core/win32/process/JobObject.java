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
    /** The LimitFlags set at creation, kept when a memory limit is added. */
    private int limitFlags;

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
        result.limitFlags = limitFlags;
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

    /**
     * Limits the memory all the job's processes may commit together ({@code JOB_OBJECT_LIMIT_JOB_MEMORY} with
     * {@code JobMemoryLimit}), keeping the flags set at creation. An allocation beyond it fails, and the job
     * posts {@code JOB_OBJECT_MSG_JOB_MEMORY_LIMIT} to its completion port.
     */
    public synchronized void limitJobMemory(long bytes) {
        Kernel32Ex.JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits = new Kernel32Ex.JOBOBJECT_EXTENDED_LIMIT_INFORMATION();
        limits.BasicLimitInformation.LimitFlags = limitFlags | Kernel32Ex.JOB_OBJECT_LIMIT_JOB_MEMORY;
        limits.JobMemoryLimit = new com.sun.jna.platform.win32.BaseTSD.SIZE_T(bytes);
        limits.write();
        if (!Kernel32Ex.instance().SetInformationJobObject(open(), Kernel32Ex.JobObjectExtendedLimitInformation, limits,
                limits.size())) {
            throw Win32CallException.lastError("SetInformationJobObject(JobMemoryLimit=" + bytes + ")");
        }
        limitFlags |= Kernel32Ex.JOB_OBJECT_LIMIT_JOB_MEMORY;
    }

    /**
     * Caps the CPU the job's processes may use together, as a percentage of all the machine's processors
     * ({@code JobObjectCpuRateControlInformation}, {@code ENABLE | HARD_CAP}, CpuRate = percent × 100).
     */
    public synchronized void capCpuRate(int percent) {
        Kernel32Ex.JOBOBJECT_CPU_RATE_CONTROL_INFORMATION rate = new Kernel32Ex.JOBOBJECT_CPU_RATE_CONTROL_INFORMATION();
        rate.ControlFlags = Kernel32Ex.JOB_OBJECT_CPU_RATE_CONTROL_ENABLE | Kernel32Ex.JOB_OBJECT_CPU_RATE_CONTROL_HARD_CAP;
        rate.CpuRate = percent * 100;
        rate.write();
        if (!Kernel32Ex.instance().SetInformationJobObject(open(), Kernel32Ex.JobObjectCpuRateControlInformation, rate,
                rate.size())) {
            throw Win32CallException.lastError("SetInformationJobObject(JobObjectCpuRateControlInformation, "
                    + percent + "%)");
        }
    }

    /** Sends the job's notifications to {@code port} with {@code key} ({@code JobObjectAssociateCompletionPortInformation}). */
    synchronized void associateCompletionPort(HANDLE port, long key) {
        Kernel32Ex.JOBOBJECT_ASSOCIATE_COMPLETION_PORT assoc = new Kernel32Ex.JOBOBJECT_ASSOCIATE_COMPLETION_PORT();
        assoc.CompletionKey = new com.sun.jna.Pointer(key);
        assoc.CompletionPort = port;
        assoc.write();
        if (!Kernel32Ex.instance().SetInformationJobObject(open(), Kernel32Ex.JobObjectAssociateCompletionPortInformation,
                assoc, assoc.size())) {
            throw Win32CallException.lastError("SetInformationJobObject(JobObjectAssociateCompletionPortInformation)");
        }
    }

    /** User plus kernel time of every process the job has held, ended ones included. */
    public synchronized java.time.Duration cpuTime() {
        Kernel32Ex.JOBOBJECT_BASIC_ACCOUNTING_INFORMATION acc = new Kernel32Ex.JOBOBJECT_BASIC_ACCOUNTING_INFORMATION();
        if (!Kernel32Ex.instance().QueryInformationJobObject(open(), Kernel32Ex.JobObjectBasicAccountingInformation, acc,
                acc.size(), null)) {
            throw Win32CallException.lastError("QueryInformationJobObject(JobObjectBasicAccountingInformation)");
        }
        acc.read();
        return java.time.Duration.ofNanos((acc.TotalUserTime + acc.TotalKernelTime) * 100);
    }

    /** The most memory the job's processes committed at once ({@code PeakJobMemoryUsed}); Wine reads back 0. */
    public synchronized long peakJobMemory() {
        Kernel32Ex.JOBOBJECT_EXTENDED_LIMIT_INFORMATION ext = new Kernel32Ex.JOBOBJECT_EXTENDED_LIMIT_INFORMATION();
        if (!Kernel32Ex.instance().QueryInformationJobObject(open(), Kernel32Ex.JobObjectExtendedLimitInformation, ext,
                ext.size(), null)) {
            throw Win32CallException.lastError("QueryInformationJobObject(JobObjectExtendedLimitInformation)");
        }
        ext.read();
        return ext.PeakJobMemoryUsed.longValue();
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
