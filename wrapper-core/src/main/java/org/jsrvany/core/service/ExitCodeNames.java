package org.jsrvany.core.service;

import java.util.Map;
import java.util.Optional;

/**
 * The name of a program's exit code where one is known, for {@code jsrvany status}, the published status
 * and the metrics: on Windows the NTSTATUS a crashed process ends with ({@code 0xC0000005
 * STATUS_ACCESS_VIOLATION}) and the few Win32 errors Windows itself gives as exit codes ({@code 1067
 * ERROR_PROCESS_ABORTED}); on POSIX the signal that ended a process, from the shell's {@code 128+N}.
 * Small codes are the program's own business and have no name here: 1 is not ERROR_INVALID_FUNCTION.
 */
public final class ExitCodeNames {
    private ExitCodeNames() {
    }

    /** NTSTATUS values a process is seen to end with (ntstatus.h), as unsigned 32-bit codes. */
    private static final Map<Long, String> NTSTATUS = Map.ofEntries(
            Map.entry(0x80000003L, "STATUS_BREAKPOINT"),
            Map.entry(0x40010004L, "DBG_TERMINATE_PROCESS"),
            Map.entry(0xC0000005L, "STATUS_ACCESS_VIOLATION"),
            Map.entry(0xC0000006L, "STATUS_IN_PAGE_ERROR"),
            Map.entry(0xC0000008L, "STATUS_INVALID_HANDLE"),
            Map.entry(0xC0000017L, "STATUS_NO_MEMORY"),
            Map.entry(0xC000001DL, "STATUS_ILLEGAL_INSTRUCTION"),
            Map.entry(0xC0000022L, "STATUS_ACCESS_DENIED"),
            Map.entry(0xC000007BL, "STATUS_INVALID_IMAGE_FORMAT"),
            Map.entry(0xC0000094L, "STATUS_INTEGER_DIVIDE_BY_ZERO"),
            Map.entry(0xC0000096L, "STATUS_PRIVILEGED_INSTRUCTION"),
            Map.entry(0xC000009AL, "STATUS_INSUFFICIENT_RESOURCES"),
            Map.entry(0xC00000FDL, "STATUS_STACK_OVERFLOW"),
            Map.entry(0xC0000135L, "STATUS_DLL_NOT_FOUND"),
            Map.entry(0xC0000139L, "STATUS_ENTRYPOINT_NOT_FOUND"),
            Map.entry(0xC000013AL, "STATUS_CONTROL_C_EXIT"),
            Map.entry(0xC0000142L, "STATUS_DLL_INIT_FAILED"),
            Map.entry(0xC0000144L, "STATUS_UNHANDLED_EXCEPTION"),
            Map.entry(0xC0000374L, "STATUS_HEAP_CORRUPTION"),
            Map.entry(0xC0000409L, "STATUS_STACK_BUFFER_OVERRUN"),
            Map.entry(0xC0000420L, "STATUS_ASSERTION_FAILURE"),
            Map.entry(0xC0000602L, "STATUS_FAIL_FAST_EXCEPTION"));

    /** Win32 errors Windows gives as a process's exit code (winerror.h). */
    private static final Map<Long, String> WIN32 = Map.of(
            259L, "STILL_ACTIVE",
            1066L, "ERROR_SERVICE_SPECIFIC_ERROR",
            1067L, "ERROR_PROCESS_ABORTED");

    /** POSIX signals by number (Linux x86/ARM numbering), for exit codes 128+N. */
    private static final Map<Integer, String> SIGNALS = Map.ofEntries(
            Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"), Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"),
            Map.entry(5, "SIGTRAP"), Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"), Map.entry(8, "SIGFPE"),
            Map.entry(9, "SIGKILL"), Map.entry(10, "SIGUSR1"), Map.entry(11, "SIGSEGV"), Map.entry(12, "SIGUSR2"),
            Map.entry(13, "SIGPIPE"), Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"));

    /**
     * The name of {@code exitCode} (unsigned 32-bit) on Windows or POSIX; empty when it has none here.
     */
    public static Optional<String> name(long exitCode, boolean windows) {
        if (windows) {
            String nt = NTSTATUS.get(exitCode);
            return Optional.ofNullable(nt != null ? nt : WIN32.get(exitCode));
        }
        if (exitCode > 128 && exitCode < 128 + 32) {
            return Optional.ofNullable(SIGNALS.get((int) (exitCode - 128)));
        }
        return Optional.empty();
    }

    /** {@code 0xC0000005}: how an NTSTATUS-sized code is usually written. */
    public static String hex(long exitCode) {
        return String.format("0x%08X", exitCode);
    }
}
