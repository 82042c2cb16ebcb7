package org.jsrvany.core.win32.process;

import java.util.ArrayList;
import java.util.List;
import org.jsrvany.core.win32.Win32CallException;

/** This machine's processor groups ({@code GetActiveProcessorGroupCount}, {@code GetActiveProcessorCount}). */
final class ProcessorGroups {
    private ProcessorGroups() {
    }

    /** The number of active CPUs in each processor group, group 0 first. */
    static List<Integer> activeCounts() {
        Kernel32Ex k32 = Kernel32Ex.instance();
        int groups = Short.toUnsignedInt(k32.GetActiveProcessorGroupCount());
        if (groups == 0) {
            throw Win32CallException.lastError("GetActiveProcessorGroupCount");
        }
        List<Integer> counts = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int n = k32.GetActiveProcessorCount((short) g);
            if (n == 0) {
                throw Win32CallException.lastError("GetActiveProcessorCount(group " + g + ")");
            }
            counts.add(n);
        }
        return List.copyOf(counts);
    }
}
