package org.jsrvany.core.win32.process;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jsrvany.core.config.CpuList;

/**
 * {@code AppAffinity} placed on this machine's processor groups. Pure: tested on any OS.
 *
 * <p>Windows groups logical processors in processor groups of up to 64; an affinity mask has one bit
 * per CPU of one group, and a process's affinity ({@code SetProcessAffinityMask}) is a mask within the
 * group it runs in. So an {@code AppAffinity} list (CPU numbers counted across the groups in order, see
 * {@link CpuList}) must name CPUs of one group: the child is started in that group and given the mask.
 */
final class Affinity {

    private Affinity() {
    }

    /**
     * Where the child runs.
     *
     * @param group          the processor group
     * @param mask           the CPUs within the group (bit n = the group's CPU n)
     * @param missing        requested CPU numbers the machine does not have (to be logged; not applied)
     * @param groupAttribute whether the child must be created in {@code group}
     *                       ({@code PROC_THREAD_ATTRIBUTE_GROUP_AFFINITY}): only on a machine with more than one
     *                       group, where Windows would otherwise pick the child's group itself
     */
    record Placement(int group, long mask, SortedSet<Integer> missing, boolean groupAttribute) {
        Placement {
            missing = Collections.unmodifiableSortedSet(new TreeSet<>(missing));
        }
    }

    /**
     * The placement of {@code requested} CPUs (global numbers) on a machine whose groups have
     * {@code groupSizes} active CPUs each (group 0 first); empty for an empty request (all CPUs, the default).
     * CPUs beyond the machine are dropped (and reported in {@link Placement#missing()}).
     *
     * @throws IllegalArgumentException when none of the requested CPUs exists, or they lie in more than one
     *     processor group; the sentence names the groups' CPU numbers
     */
    static Optional<Placement> place(SortedSet<Integer> requested, List<Integer> groupSizes) {
        if (requested.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<Integer, Long> masks = new TreeMap<>();
        TreeSet<Integer> missing = new TreeSet<>();
        for (int cpu : requested) {
            int first = 0;
            boolean found = false;
            for (int g = 0; g < groupSizes.size(); g++) {
                int size = groupSizes.get(g);
                if (cpu < first + size) {
                    masks.merge(g, 1L << (cpu - first), (a, b) -> a | b);
                    found = true;
                    break;
                }
                first += size;
            }
            if (!found) {
                missing.add(cpu);
            }
        }
        if (masks.isEmpty()) {
            throw new IllegalArgumentException("AppAffinity asks for CPUs " + format(requested)
                    + " but this machine has only CPUs " + range(0, total(groupSizes))
                    + ": name at least one existing CPU, or leave AppAffinity empty for all of them");
        }
        if (masks.size() > 1) {
            throw new IllegalArgumentException("AppAffinity asks for CPUs " + format(requested) + " in processor groups "
                    + masks.keySet() + ", but a process runs in one group: name CPUs of one group only ("
                    + describe(groupSizes) + ")");
        }
        int group = masks.firstKey();
        return Optional.of(new Placement(group, masks.get(group), missing, groupSizes.size() > 1));
    }

    /** "group 0 = CPUs 0-39, group 1 = CPUs 40-79". */
    static String describe(List<Integer> groupSizes) {
        List<String> parts = new ArrayList<>();
        int first = 0;
        for (int g = 0; g < groupSizes.size(); g++) {
            parts.add("group " + g + " = CPUs " + range(first, first + groupSizes.get(g)));
            first += groupSizes.get(g);
        }
        return String.join(", ", parts);
    }

    private static int total(List<Integer> groupSizes) {
        return groupSizes.stream().mapToInt(Integer::intValue).sum();
    }

    private static String range(int from, int to) {
        return to - from <= 0 ? "(none)" : to - from == 1 ? Integer.toString(from) : from + "-" + (to - 1);
    }

    /** A mask within one group as a CPU list ({@code 0-2,4}); the empty mask is {@code (none)}. */
    static String format(long mask) {
        List<Integer> cpus = new ArrayList<>();
        for (int c = 0; c < Long.SIZE; c++) {
            if ((mask & (1L << c)) != 0) {
                cpus.add(c);
            }
        }
        return format(cpus);
    }

    /** CPU numbers, ascending, as a list with ranges ({@code 0-2,4}); none is {@code (none)}. */
    static String format(Collection<Integer> cpus) {
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(cpus));
        if (sorted.isEmpty()) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < sorted.size()) {
            int start = sorted.get(i);
            int end = start;
            while (i + 1 < sorted.size() && sorted.get(i + 1) == end + 1) {
                end = sorted.get(++i);
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(start);
            if (end > start) {
                sb.append('-').append(end);
            }
            i++;
        }
        return sb.toString();
    }
}
