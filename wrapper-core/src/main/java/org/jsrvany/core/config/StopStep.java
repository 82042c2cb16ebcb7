package org.jsrvany.core.config;

/**
 * The graceful-to-forceful stop ladder, in order, with NSSM's {@code AppStopMethodSkip} bits.
 * POSIX maps CONSOLE to SIGINT, WINDOW to SIGTERM and TERMINATE to SIGKILL; THREADS has no POSIX
 * counterpart and is never delivered there.
 */
public enum StopStep {
    /** Ctrl+C to the child's console (SIGINT to the process group on POSIX). */
    CONSOLE(1),
    /** WM_CLOSE to the child's top-level windows (SIGTERM to the process group on POSIX). */
    WINDOW(2),
    /** WM_QUIT to the child's threads (Windows only). */
    THREADS(4),
    /** TerminateJobObject / TerminateProcess (SIGKILL to the process group on POSIX). */
    TERMINATE(8);

    private final int skipBit;

    StopStep(int skipBit) {
        this.skipBit = skipBit;
    }

    /** This step's bit in {@code AppStopMethodSkip}. */
    public int skipBit() {
        return skipBit;
    }
}
