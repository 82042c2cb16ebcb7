package org.jsrvany.core.win32.process;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.BaseTSD.SIZE_T;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTRByReference;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * kernel32.dll functions and structures that jna-platform's {@code Kernel32} lacks.
 *
 * <p>Loaded lazily (first use), so this interface can be named, and its structures sized, on
 * any OS.
 */
interface Kernel32Ex extends StdCallLibrary {

    /** Loaded on first use only: Linux tests size the structures without loading kernel32. */
    final class Holder {
        static final Kernel32Ex INSTANCE =
                Native.load("kernel32", Kernel32Ex.class, W32APIOptions.DEFAULT_OPTIONS);

        private Holder() {
        }
    }

    static Kernel32Ex instance() {
        return Holder.INSTANCE;
    }

    int JobObjectBasicAccountingInformation = 1;
    int JobObjectBasicLimitInformation = 2;
    int JobObjectBasicProcessIdList = 3;
    int JobObjectExtendedLimitInformation = 9;
    int JobObjectAssociateCompletionPortInformation = 7;
    int JobObjectCpuRateControlInformation = 15;

    int JOB_OBJECT_LIMIT_JOB_MEMORY = 0x00000200;
    int JOB_OBJECT_CPU_RATE_CONTROL_ENABLE = 0x1;
    int JOB_OBJECT_CPU_RATE_CONTROL_HARD_CAP = 0x4;

    /** Job notifications: the message id arrives as GetQueuedCompletionStatus's byte count (winnt.h). */
    int JOB_OBJECT_MSG_END_OF_JOB_TIME = 1;
    int JOB_OBJECT_MSG_END_OF_PROCESS_TIME = 2;
    int JOB_OBJECT_MSG_ACTIVE_PROCESS_LIMIT = 3;
    int JOB_OBJECT_MSG_ACTIVE_PROCESS_ZERO = 4;
    int JOB_OBJECT_MSG_NEW_PROCESS = 6;
    int JOB_OBJECT_MSG_EXIT_PROCESS = 7;
    int JOB_OBJECT_MSG_ABNORMAL_EXIT_PROCESS = 8;
    int JOB_OBJECT_MSG_PROCESS_MEMORY_LIMIT = 9;
    int JOB_OBJECT_MSG_JOB_MEMORY_LIMIT = 10;
    int JOB_OBJECT_MSG_NOTIFICATION_LIMIT = 11;

    int INFINITE = 0xFFFFFFFF;
    /** GetQueuedCompletionStatus on a port whose handle was closed. */
    int ERROR_ABANDONED_WAIT_0 = 735;

    int JOB_OBJECT_LIMIT_BREAKAWAY_OK = 0x00000800;
    int JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK = 0x00001000;
    int JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x00002000;

    int DEBUG_PROCESS = 0x00000001;
    int CREATE_SUSPENDED = 0x00000004;
    int DETACHED_PROCESS = 0x00000008;
    int CREATE_NEW_CONSOLE = 0x00000010;
    int CREATE_NEW_PROCESS_GROUP = 0x00000200;
    int CREATE_UNICODE_ENVIRONMENT = 0x00000400;
    int EXTENDED_STARTUPINFO_PRESENT = 0x00080000;
    int CREATE_BREAKAWAY_FROM_JOB = 0x01000000;
    int CREATE_NO_WINDOW = 0x08000000;

    /** {@code ProcThreadAttributeValue(ProcThreadAttributeHandleList, FALSE, TRUE, FALSE)}. */
    long PROC_THREAD_ATTRIBUTE_HANDLE_LIST = 0x00020002L;
    /** {@code ProcThreadAttributeValue(ProcThreadAttributeGroupAffinity, TRUE, TRUE, FALSE)}. */
    long PROC_THREAD_ATTRIBUTE_GROUP_AFFINITY = 0x00030003L;

    int STARTF_USESHOWWINDOW = 0x00000001;
    int STARTF_USESTDHANDLES = 0x00000100;
    /** {@code SW_HIDE} for {@code STARTUPINFO.wShowWindow}. */
    short SW_HIDE = 0;

    int HANDLE_FLAG_INHERIT = 0x00000001;
    int STD_INPUT_HANDLE = -10;
    int STD_OUTPUT_HANDLE = -11;
    int STD_ERROR_HANDLE = -12;
    int DUPLICATE_SAME_ACCESS = 0x00000002;

    int PROCESS_TERMINATE = 0x0001;
    int PROCESS_QUERY_INFORMATION = 0x0400;
    int PROCESS_SUSPEND_RESUME = 0x0800;
    int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    int SYNCHRONIZE = 0x00100000;

    int TH32CS_SNAPTHREAD = 0x00000004;

    int CTRL_C_EVENT = 0;
    int CTRL_BREAK_EVENT = 1;

    int ERROR_ACCESS_DENIED = 5;
    int ERROR_INSUFFICIENT_BUFFER = 122;
    int ERROR_INVALID_HANDLE = 6;
    int ERROR_INVALID_PARAMETER = 87;
    int ERROR_BROKEN_PIPE = 109;
    int ERROR_MORE_DATA = 234;

    /** {@code ResumeThread}/{@code SuspendThread} return (DWORD) -1 on failure. */
    int THREAD_COUNT_FAILED = -1;

    /**
     * {@code CreateProcessW} with a {@link STARTUPINFOEX} (pass {@code EXTENDED_STARTUPINFO_PRESENT});
     * jna-platform's takes the plain {@code STARTUPINFO} only.
     */
    boolean CreateProcessW(String applicationName, char[] commandLine, SECURITY_ATTRIBUTES processAttributes,
            SECURITY_ATTRIBUTES threadAttributes, boolean inheritHandles, int creationFlags, Pointer environment,
            String currentDirectory, STARTUPINFOEX startupInfo, WinBase.PROCESS_INFORMATION processInformation);

    /** With {@code list} NULL: fails with ERROR_INSUFFICIENT_BUFFER and sets {@code size} to what is needed. */
    boolean InitializeProcThreadAttributeList(Pointer list, int attributeCount, int flags, ULONG_PTRByReference size);

    boolean UpdateProcThreadAttribute(Pointer list, int flags, ULONG_PTR attribute, Pointer value, SIZE_T size,
            Pointer previousValue, Pointer returnSize);

    void DeleteProcThreadAttributeList(Pointer list);

    /** The number of active processor groups ({@code WORD}). */
    short GetActiveProcessorGroupCount();

    /** The number of active processors in {@code group}; 0 on failure. */
    int GetActiveProcessorCount(short group);

    HANDLE CreateJobObjectW(SECURITY_ATTRIBUTES jobAttributes, String name);

    boolean SetInformationJobObject(HANDLE job, int infoClass, Structure info, int infoLength);

    boolean QueryInformationJobObject(HANDLE job, int infoClass, Structure info, int infoLength,
            IntByReference returnLength);

    /** The same call into a raw buffer (the variable-length process id list). */
    boolean QueryInformationJobObject(HANDLE job, int infoClass, Pointer info, int infoLength,
            IntByReference returnLength);

    boolean IsProcessInJob(HANDLE process, HANDLE job, IntByReference result);

    /** A new completion port ({@code fileHandle} INVALID_HANDLE_VALUE, no existing port); null on failure. */
    HANDLE CreateIoCompletionPort(HANDLE fileHandle, HANDLE existingPort, ULONG_PTR completionKey, int concurrentThreads);

    boolean GetQueuedCompletionStatus(HANDLE port, IntByReference numberOfBytes, ULONG_PTRByReference completionKey,
            com.sun.jna.ptr.PointerByReference overlapped, int milliseconds);

    boolean PostQueuedCompletionStatus(HANDLE port, int numberOfBytes, ULONG_PTR completionKey, Pointer overlapped);

    /** psapi's {@code GetProcessMemoryInfo}, exported by kernel32 since Windows 7 as {@code K32GetProcessMemoryInfo}. */
    boolean K32GetProcessMemoryInfo(HANDLE process, PROCESS_MEMORY_COUNTERS counters, int cb);

    boolean GetHandleInformation(HANDLE handle, IntByReference flags);

    /** {@code ReadFile} into native memory (jna-platform's takes a {@code byte[]}, copied twice). */
    boolean ReadFile(HANDLE file, Pointer buffer, int bytesToRead, IntByReference bytesRead,
            Pointer overlapped);

    boolean AssignProcessToJobObject(HANDLE job, HANDLE process);

    boolean TerminateJobObject(HANDLE job, int exitCode);

    int ResumeThread(HANDLE thread);

    int SuspendThread(HANDLE thread);

    boolean SetConsoleCtrlHandler(HandlerRoutine handler, boolean add);

    /**
     * The processes attached to the caller's console: how many there are (they fill {@code ids} up to
     * {@code count}); 0 with an error when the caller has no console.
     */
    int GetConsoleProcessList(int[] ids, int count);

    /** {@code PHANDLER_ROUTINE}; keep the instance strongly referenced while registered. */
    interface HandlerRoutine extends StdCallCallback {
        boolean callback(int ctrlType);
    }

    /**
     * {@code STARTUPINFOEXW}: {@code STARTUPINFOW} (104 bytes on x64) and the attribute list pointer, 112
     * bytes; {@code StartupInfo.cb} must be this structure's size.
     */
    @FieldOrder({"StartupInfo", "lpAttributeList"})
    class STARTUPINFOEX extends Structure {
        public WinBase.STARTUPINFO StartupInfo = new WinBase.STARTUPINFO();
        public Pointer lpAttributeList;

        STARTUPINFOEX() {
            StartupInfo.cb = new WinDef.DWORD(size());
        }

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /** {@code GROUP_AFFINITY}: a {@code KAFFINITY} mask, the group ({@code WORD}), three reserved WORDs; 16 bytes on x64. */
    @FieldOrder({"Mask", "Group", "Reserved"})
    class GROUP_AFFINITY extends Structure {
        public ULONG_PTR Mask = new ULONG_PTR();
        public short Group;
        public short[] Reserved = new short[3];

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /** {@code JOBOBJECT_BASIC_LIMIT_INFORMATION}: 64 bytes on x64, {@code LimitFlags} at 16. */
    @FieldOrder({"PerProcessUserTimeLimit", "PerJobUserTimeLimit", "LimitFlags",
            "MinimumWorkingSetSize", "MaximumWorkingSetSize", "ActiveProcessLimit", "Affinity",
            "PriorityClass", "SchedulingClass"})
    class JOBOBJECT_BASIC_LIMIT_INFORMATION extends Structure {
        public long PerProcessUserTimeLimit;
        public long PerJobUserTimeLimit;
        public int LimitFlags;
        public SIZE_T MinimumWorkingSetSize = new SIZE_T();
        public SIZE_T MaximumWorkingSetSize = new SIZE_T();
        public int ActiveProcessLimit;
        public ULONG_PTR Affinity = new ULONG_PTR();
        public int PriorityClass;
        public int SchedulingClass;

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /** {@code IO_COUNTERS}: six ULONGLONG, 48 bytes. */
    @FieldOrder({"ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
            "ReadTransferCount", "WriteTransferCount", "OtherTransferCount"})
    class IO_COUNTERS extends Structure {
        public long ReadOperationCount;
        public long WriteOperationCount;
        public long OtherOperationCount;
        public long ReadTransferCount;
        public long WriteTransferCount;
        public long OtherTransferCount;
    }

    /**
     * {@code JOBOBJECT_BASIC_ACCOUNTING_INFORMATION}: four LARGE_INTEGER times (100 ns units) and four DWORD
     * counters, 48 bytes.
     */
    @FieldOrder({"TotalUserTime", "TotalKernelTime", "ThisPeriodTotalUserTime", "ThisPeriodTotalKernelTime",
            "TotalPageFaultCount", "TotalProcesses", "ActiveProcesses", "TotalTerminatedProcesses"})
    class JOBOBJECT_BASIC_ACCOUNTING_INFORMATION extends Structure {
        public long TotalUserTime;
        public long TotalKernelTime;
        public long ThisPeriodTotalUserTime;
        public long ThisPeriodTotalKernelTime;
        public int TotalPageFaultCount;
        public int TotalProcesses;
        public int ActiveProcesses;
        public int TotalTerminatedProcesses;
    }

    /** {@code JOBOBJECT_ASSOCIATE_COMPLETION_PORT}: a PVOID key and a HANDLE, 16 bytes on x64. */
    @FieldOrder({"CompletionKey", "CompletionPort"})
    class JOBOBJECT_ASSOCIATE_COMPLETION_PORT extends Structure {
        public Pointer CompletionKey;
        public HANDLE CompletionPort;

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /**
     * {@code JOBOBJECT_CPU_RATE_CONTROL_INFORMATION}: {@code ControlFlags} and a DWORD union (CpuRate, Weight, or
     * MinRate/MaxRate WORDs), 8 bytes; only the CpuRate reading is used here.
     */
    @FieldOrder({"ControlFlags", "CpuRate"})
    class JOBOBJECT_CPU_RATE_CONTROL_INFORMATION extends Structure {
        public int ControlFlags;
        public int CpuRate;
    }

    /** {@code PROCESS_MEMORY_COUNTERS}: two DWORDs and eight SIZE_T, 72 bytes on x64; {@code cb} is its size. */
    @FieldOrder({"cb", "PageFaultCount", "PeakWorkingSetSize", "WorkingSetSize", "QuotaPeakPagedPoolUsage",
            "QuotaPagedPoolUsage", "QuotaPeakNonPagedPoolUsage", "QuotaNonPagedPoolUsage", "PagefileUsage",
            "PeakPagefileUsage"})
    class PROCESS_MEMORY_COUNTERS extends Structure {
        public int cb;
        public int PageFaultCount;
        public SIZE_T PeakWorkingSetSize = new SIZE_T();
        public SIZE_T WorkingSetSize = new SIZE_T();
        public SIZE_T QuotaPeakPagedPoolUsage = new SIZE_T();
        public SIZE_T QuotaPagedPoolUsage = new SIZE_T();
        public SIZE_T QuotaPeakNonPagedPoolUsage = new SIZE_T();
        public SIZE_T QuotaNonPagedPoolUsage = new SIZE_T();
        public SIZE_T PagefileUsage = new SIZE_T();
        public SIZE_T PeakPagefileUsage = new SIZE_T();

        PROCESS_MEMORY_COUNTERS() {
            cb = size();
        }

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /** {@code JOBOBJECT_EXTENDED_LIMIT_INFORMATION}: 144 bytes on x64. */
    @FieldOrder({"BasicLimitInformation", "IoInfo", "ProcessMemoryLimit", "JobMemoryLimit",
            "PeakProcessMemoryUsed", "PeakJobMemoryUsed"})
    class JOBOBJECT_EXTENDED_LIMIT_INFORMATION extends Structure {
        public JOBOBJECT_BASIC_LIMIT_INFORMATION BasicLimitInformation =
                new JOBOBJECT_BASIC_LIMIT_INFORMATION();
        public IO_COUNTERS IoInfo = new IO_COUNTERS();
        public SIZE_T ProcessMemoryLimit = new SIZE_T();
        public SIZE_T JobMemoryLimit = new SIZE_T();
        public SIZE_T PeakProcessMemoryUsed = new SIZE_T();
        public SIZE_T PeakJobMemoryUsed = new SIZE_T();

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }
}
