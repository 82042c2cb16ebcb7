package org.jsrvany.core.config;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/** How the child is stopped: which ladder steps run, how long each waits, and whether the whole tree goes. */
public record StopPolicy(Set<StopStep> skipped, Duration consoleWait, Duration windowWait, Duration threadsWait,
                         boolean killTree) {
    public StopPolicy {
        skipped = skipped.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(skipped));
        requireNonNegative(consoleWait, Param.APP_STOP_METHOD_CONSOLE);
        requireNonNegative(windowWait, Param.APP_STOP_METHOD_WINDOW);
        requireNonNegative(threadsWait, Param.APP_STOP_METHOD_THREADS);
    }

    /** NSSM's defaults: every step, 1500 ms each, the whole tree. */
    public static StopPolicy defaults() {
        Duration d = Duration.ofMillis(1500);
        return new StopPolicy(Set.of(), d, d, d, true);
    }

    /** The steps from an {@code AppStopMethodSkip} bit mask. */
    public static Set<StopStep> skippedFromBits(long bits) {
        EnumSet<StopStep> set = EnumSet.noneOf(StopStep.class);
        for (StopStep s : StopStep.values()) {
            if ((bits & s.skipBit()) != 0) {
                set.add(s);
            }
        }
        return set;
    }

    /** How long to wait for the child after delivering this step. TERMINATE has no wait of its own. */
    public Duration waitAfter(StopStep step) {
        return switch (step) {
            case CONSOLE -> consoleWait;
            case WINDOW -> windowWait;
            case THREADS -> threadsWait;
            case TERMINATE -> Duration.ZERO;
        };
    }

    private static void requireNonNegative(Duration d, Param p) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(p.registryName() + " must be zero or more milliseconds, not " + d);
        }
    }
}
