package org.jsrvany.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The signals a process ignores, from the {@code SigIgn} mask in {@code /proc/PID/status}. An ignored signal
 * stays ignored across exec (a handler does not: exec resets it to the default), so a child needs its
 * dispositions reset only when the wrapper itself ignores the signal.
 */
final class IgnoredSignals {
    private IgnoredSignals() {
    }

    /** The {@code SigIgn} mask of a {@code /proc/PID/status} text (bit {@code n-1} is signal {@code n}). */
    static OptionalLong mask(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("SigIgn:")) {
                try {
                    return OptionalLong.of(Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /** True when {@code mask} ignores any of {@code signals}. */
    static boolean anyOf(long mask, int... signals) {
        for (int signal : signals) {
            if ((mask >>> (signal - 1) & 1) != 0) {
                return true;
            }
        }
        return false;
    }

    /** True when this process ignores any of {@code signals}, or when that cannot be read (assume the worst). */
    static boolean selfIgnoresAnyOf(int... signals) {
        try {
            OptionalLong mask = mask(Files.readString(Path.of("/proc/self/status")));
            return mask.isEmpty() || anyOf(mask.getAsLong(), signals);
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
