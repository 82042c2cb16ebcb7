package org.jsrvany.core.config;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code AppAffinity}'s CPU lists, such as {@code 0-2,4}: parsed once, for validation and for the launch.
 *
 * <p>CPU numbers count the machine's logical processors across its processor groups in order: group 0's
 * CPUs first (0 to its size - 1), then group 1's, and so on. On a machine with 64 or fewer logical
 * processors (one group) that is the usual numbering, and a list means what it means to srvany and NSSM.
 * Whether the machine has the CPUs named, and whether they are in one group, is checked at launch.
 */
public final class CpuList {
    /** The highest CPU number a list may name (64 groups of 64); beyond it a number is taken for a typo. */
    public static final int MAX_CPU = 64 * 64 - 1;
    private static final Pattern ITEM = Pattern.compile("(\\d+)(?:-(\\d+))?");

    private CpuList() {
    }

    /**
     * The CPUs of a list, ascending; the empty list (blanks ignored) is the empty set, meaning "all CPUs".
     *
     * @throws IllegalArgumentException with a sentence naming the list and what is wrong with it
     */
    public static SortedSet<Integer> cpus(String list) {
        String text = list == null ? "" : list.replace(" ", "");
        TreeSet<Integer> cpus = new TreeSet<>();
        if (text.isEmpty()) {
            return Collections.unmodifiableSortedSet(cpus);
        }
        for (String item : text.split(",", -1)) {
            Matcher m = ITEM.matcher(item);
            if (!m.matches()) {
                throw new IllegalArgumentException("AppAffinity '" + list + "': '" + item
                        + "' is not a CPU number or a range such as 0-2");
            }
            int first = cpu(list, m.group(1));
            int last = m.group(2) == null ? first : cpu(list, m.group(2));
            if (last < first) {
                throw new IllegalArgumentException("AppAffinity '" + list + "': the range " + item
                        + " runs backwards; write it as " + last + "-" + first);
            }
            for (int c = first; c <= last; c++) {
                cpus.add(c);
            }
        }
        return Collections.unmodifiableSortedSet(cpus);
    }

    private static int cpu(String list, String digits) {
        int value;
        try {
            value = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            value = Integer.MAX_VALUE;
        }
        if (value > MAX_CPU) {
            throw new IllegalArgumentException("AppAffinity '" + list + "': CPU " + digits
                    + " is beyond " + MAX_CPU + ", the highest CPU number jsrvany accepts");
        }
        return value;
    }
}
