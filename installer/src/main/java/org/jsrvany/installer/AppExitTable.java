package org.jsrvany.installer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code AppExit} table in messages. */
final class AppExitTable {
    private AppExitTable() {
    }

    /** {@code (not set)}, or {@code default=Restart, 0=Exit}. */
    static String show(Map<String, String> table) {
        if (table.isEmpty()) {
            return "(not set)";
        }
        List<String> parts = new ArrayList<>();
        table.forEach((code, action) -> parts.add((code.isEmpty() ? "default" : code) + "=" + action));
        return String.join(", ", parts);
    }

    /** Whether two tables hold the same entries (codes compared as written, actions case-insensitively). */
    static boolean same(Map<String, String> a, Map<String, String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, String> e : a.entrySet()) {
            String other = b.get(e.getKey());
            if (other == null || !other.equalsIgnoreCase(e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
