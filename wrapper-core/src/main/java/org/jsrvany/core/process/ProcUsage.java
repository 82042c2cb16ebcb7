package org.jsrvany.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Memory and CPU of Linux processes from {@code /proc/PID/status} ({@code VmRSS}) and {@code /proc/PID/stat}
 * (utime and stime, in the kernel's USER_HZ ticks, 100 a second on every Linux architecture jsrvany runs on).
 */
final class ProcUsage {
    /** USER_HZ: the unit of utime and stime in /proc/PID/stat. */
    static final long TICKS_PER_SECOND = 100;

    private ProcUsage() {
    }

    /** The tree's usage: the sum over {@code pids}; a process that ended meanwhile counts nothing. */
    static TreeUsage of(List<Long> pids) {
        long rss = 0;
        long ticks = 0;
        boolean anyMemory = false;
        for (long pid : pids) {
            Path dir = Path.of("/proc", Long.toString(pid));
            try {
                OptionalLong r = residentBytes(Files.readString(dir.resolve("status")));
                if (r.isPresent()) {
                    rss += r.getAsLong();
                    anyMemory = true;
                }
                ticks += cpuTicks(Files.readString(dir.resolve("stat"))).orElse(0);
            } catch (IOException e) {
                // ended while being read
            }
        }
        return new TreeUsage(pids, anyMemory ? OptionalLong.of(rss) : OptionalLong.empty(), OptionalLong.empty(),
                Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND));
    }

    /** {@code VmRSS:   1234 kB} of a status file, in bytes; empty for a zombie or kernel thread (no VmRSS). */
    static OptionalLong residentBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] f = line.substring(6).trim().split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(f[0]) * 1024);
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /** utime + stime (fields 14 and 15) of a stat line, counted after the command name's last ')'. */
    static OptionalLong cpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            return OptionalLong.empty();
        }
        String[] f = stat.substring(close + 2).trim().split(" ");
        if (f.length < 13) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
