package org.jsrvany.core.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code AppExit} table: an action per exit code and a default. Exit codes are 32-bit values as
 * Windows reports them; {@code 4294967295} and {@code -1} name the same code.
 */
public record ExitActions(ExitAction defaultAction, Map<Integer, ExitAction> byCode) {
    public ExitActions {
        if (defaultAction == null) {
            throw new IllegalArgumentException("defaultAction is required");
        }
        byCode = Map.copyOf(new TreeMap<>(byCode));
    }

    /** NSSM's default: restart on every exit code. */
    public static ExitActions restartAlways() {
        return new ExitActions(ExitAction.RESTART, Map.of());
    }

    /** The action for this exit code. */
    public ExitAction actionFor(int exitCode) {
        return byCode.getOrDefault(exitCode, defaultAction);
    }
}
