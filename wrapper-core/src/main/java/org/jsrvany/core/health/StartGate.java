package org.jsrvany.core.health;

import java.time.Duration;

/** Whether the first launch may go ahead ({@code AppStartCondition}), as a pure function. */
public final class StartGate {
    /** How often the start condition is probed. */
    public static final Duration PROBE_EVERY = Duration.ofMillis(500);

    /** What follows a probe of the start condition. */
    public enum Decision {
        /** The condition holds: launch. */
        LAUNCH,
        /** Not yet, time is left: probe again. */
        WAIT,
        /** Not within {@code AppStartConditionTimeout}: launch anyway and warn. */
        LAUNCH_ANYWAY
    }

    private StartGate() {
    }

    public static Decision decide(boolean passed, Duration elapsed, Duration timeout) {
        if (passed) {
            return Decision.LAUNCH;
        }
        return elapsed.compareTo(timeout) < 0 ? Decision.WAIT : Decision.LAUNCH_ANYWAY;
    }
}
