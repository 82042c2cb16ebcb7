package org.jsrvany.core.config;

import java.util.Map;
import java.util.Optional;
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

    /**
     * An exit code as written in an {@code AppExit} value name or on the command line: decimal, from
     * -2147483648 to 4294967295 (a 32-bit code read signed or unsigned); empty when it is not one.
     */
    public static Optional<Integer> parseCode(String text) {
        try {
            long v = Long.parseLong(text.strip());
            if (v >= Integer.MIN_VALUE && v <= 0xFFFF_FFFFL) {
                return Optional.of((int) v);
            }
        } catch (NumberFormatException e) {
            // not a number: the caller says what is expected
        }
        return Optional.empty();
    }

    /** The action for this exit code. */
    public ExitAction actionFor(int exitCode) {
        return byCode.getOrDefault(exitCode, defaultAction);
    }
}
