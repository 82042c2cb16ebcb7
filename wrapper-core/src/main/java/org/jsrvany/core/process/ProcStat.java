package org.jsrvany.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a process's state letter from Linux's /proc/PID/stat. */
public final class ProcStat {
    private ProcStat() {
    }

    /** The state letter (R, S, D, T, t, Z ...) if the process exists. */
    public static Optional<Character> state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() ? Optional.empty() : Optional.of(stat.charAt(close + 2));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** True when the process exists and is not a zombie. */
    public static boolean alive(long pid) {
        return state(pid).map(s -> s != 'Z' && s != 'X').orElse(false);
    }

    /** True when the process is stopped by a signal. */
    public static boolean stopped(long pid) {
        return state(pid).map(s -> s == 'T' || s == 't').orElse(false);
    }

    /** The process group id (field 5), if the process exists. */
    public static Optional<Long> processGroup(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(rest[2]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
