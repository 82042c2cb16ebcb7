package org.jsrvany.core.win32.process;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * ntdll.dll functions jna-platform lacks: freezing and thawing a whole process. Both are
 * undocumented but stable since Windows XP (Process Explorer's "Suspend" uses them) and
 * implemented by Wine. They return an {@code NTSTATUS}, not a Win32 error.
 */
interface NtDllEx extends StdCallLibrary {

    /** Loaded on first use only. */
    final class Holder {
        static final NtDllEx INSTANCE = Native.load("ntdll", NtDllEx.class, W32APIOptions.DEFAULT_OPTIONS);

        private Holder() {
        }
    }

    static NtDllEx instance() {
        return Holder.INSTANCE;
    }

    int STATUS_SUCCESS = 0;

    /** Suspends every thread of the process (each thread's suspend count rises by one). */
    int NtSuspendProcess(HANDLE process);

    /** Resumes every thread of the process (each thread's suspend count falls by one). */
    int NtResumeProcess(HANDLE process);

    /** The Win32 error matching an {@code NTSTATUS}, for messages. */
    int RtlNtStatusToDosError(int status);
}
