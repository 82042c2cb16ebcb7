package org.jsrvany.core.win32.process;

import org.jsrvany.core.config.CpuList;


/**
 * {@code AppAffinity}: a CPU list such as {@code 0-2,4} as a processor affinity mask, and that
 * mask checked against the CPUs the system has. Pure: tested on any OS.
 *
 * <p>A mask has 64 bits, one per CPU of the process's processor group, so CPU numbers go from 0
 * to 63 (a process runs in one group of at most 64 CPUs).
 */
final class Affinity {
    static final int MAX_CPU = CpuList.MAX_CPU;

    private Affinity() {
    }

    /** The affinity to apply: {@code mask} (0 = leave the default, all CPUs), and requested CPUs the system lacks. */
    record Resolved(long mask, long missing) {
    }

    /**
     * The requested mask limited to the system's CPUs. CPUs the system lacks are reported (to be
     * logged), not applied: {@code SetProcessAffinityMask} would refuse the whole mask.
     *
     * @throws IllegalArgumentException when none of the requested CPUs exists
     */
    static Resolved resolve(long requested, long systemMask) {
        if (requested == 0) {
            return new Resolved(0, 0);
        }
        long usable = requested & systemMask;
        if (usable == 0) {
            throw new IllegalArgumentException("AppAffinity asks for CPUs " + format(requested)
                    + " but this system has only CPUs " + format(systemMask)
                    + ": name at least one existing CPU, or leave AppAffinity empty for all of them");
        }
        return new Resolved(usable, requested & ~systemMask);
    }

    /** A mask as a CPU list ({@code 0-2,4}); the empty mask is {@code (none)}. */
    static String format(long mask) {
        if (mask == 0) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder();
        int c = 0;
        while (c <= MAX_CPU) {
            if ((mask & (1L << c)) == 0) {
                c++;
                continue;
            }
            int start = c;
            while (c + 1 <= MAX_CPU && (mask & (1L << (c + 1))) != 0) {
                c++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(start);
            if (c > start) {
                sb.append('-').append(c);
            }
            c++;
        }
        return sb.toString();
    }
}
