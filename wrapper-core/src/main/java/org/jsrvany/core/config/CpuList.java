package org.jsrvany.core.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code AppAffinity}'s CPU lists, such as {@code 0-2,4}: parsed once, for validation and for the launch. */
public final class CpuList {
    /** The highest CPU number a process affinity mask (64 bits) can name. */
    public static final int MAX_CPU = Long.SIZE - 1;
    private static final Pattern ITEM = Pattern.compile("(\\d+)(?:-(\\d+))?");

    private CpuList() {
    }

    /**
     * The mask of a CPU list; the empty list (blanks ignored) is 0, meaning "all CPUs".
     *
     * @throws IllegalArgumentException with a sentence naming the list and what is wrong with it
     */
    public static long mask(String list) {
        String text = list == null ? "" : list.replace(" ", "");
        if (text.isEmpty()) {
            return 0;
        }
        long mask = 0;
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
                mask |= 1L << c;
            }
        }
        return mask;
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
                    + " is beyond " + MAX_CPU + ", the highest CPU number a process affinity mask can name");
        }
        return value;
    }
}
