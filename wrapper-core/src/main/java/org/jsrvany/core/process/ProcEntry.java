package org.jsrvany.core.process;

import java.util.Optional;

/**
 * The fields of one Linux {@code /proc/PID/stat} line that containment needs.
 *
 * @param startTime clock ticks since boot: with the pid, it names one process for its whole life
 *     (a pid alone can be reused once the process is gone)
 */
record ProcEntry(long pid, String name, char state, long ppid, long pgid, long sid, long startTime) {

    /** Parses a stat line; the command name may hold spaces and parentheses, so fields count from the last ')'. */
    static Optional<ProcEntry> parse(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 1 || close < open || close + 2 >= stat.length()) {
            return Optional.empty();
        }
        String[] f = stat.substring(close + 2).trim().split(" ");
        if (f.length < 20 || f[0].length() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcEntry(Long.parseLong(stat.substring(0, open).trim()), stat.substring(open + 1, close),
                    f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Ended and waiting to be reaped (or being reaped). */
    boolean zombie() {
        return state == 'Z' || state == 'X';
    }

    boolean stopped() {
        return state == 'T' || state == 't';
    }

    /** "pid 123 (name)", for log lines. */
    String describe() {
        return "pid " + pid + " (" + name + ")";
    }
}
