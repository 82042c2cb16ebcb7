package org.jsrvany.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The graceful-to-forceful stop ladder, in order, with NSSM's {@code AppStopMethodSkip} bits.
 * POSIX maps CONSOLE to SIGINT, WINDOW to SIGTERM and TERMINATE to SIGKILL; THREADS has no POSIX
 * counterpart and is never delivered there.
 */
public enum StopStep {
    /** Ctrl+C to the child's console (SIGINT to the process group on POSIX). */
    CONSOLE(1, "console", "ctrl-c", "ctrlc", "sigint"),
    /** WM_CLOSE to the child's top-level windows (SIGTERM to the process group on POSIX). */
    WINDOW(2, "window", "wm-close", "wm_close", "sigterm"),
    /** WM_QUIT to the child's threads (Windows only). */
    THREADS(4, "threads", "wm-quit", "wm_quit"),
    /** TerminateJobObject / TerminateProcess (SIGKILL to the process group on POSIX). */
    TERMINATE(8, "terminate", "kill", "sigkill");

    private final int skipBit;
    private final List<String> words;

    StopStep(int skipBit, String... words) {
        this.skipBit = skipBit;
        this.words = List.of(words);
    }

    /** The step a person names: its word ({@code console}), or the event or signal it sends ({@code ctrl-c}, {@code sigterm}). */
    public static Optional<StopStep> byWord(String word) {
        String w = word.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.words.contains(w)).findFirst();
    }

    /** The step's own word ({@code console}, {@code window}, {@code threads}, {@code terminate}). */
    public String word() {
        return words.get(0);
    }

    /** This step's bit in {@code AppStopMethodSkip}. */
    public int skipBit() {
        return skipBit;
    }
}
