package org.jsrvany.core.health;

import java.time.Duration;
import org.jsrvany.core.config.HealthSettings.ReadyTimeoutAction;

/** Whether a starting program is ready, as a pure function of the last probe and the time it had. */
public final class Readiness {
    /** How often readiness is probed while the program starts. */
    public static final Duration PROBE_EVERY = Duration.ofMillis(250);

    /** What follows a readiness probe. */
    public enum Decision {
        /** The check passed: report RUNNING (the first run) and start the liveness checks. */
        READY,
        /** Not yet, and there is time left: probe again. */
        NOT_YET,
        /** Not ready within the timeout and AppReadyTimeoutAction=Stop: stop the program, fail the start. */
        TIMED_OUT_STOP,
        /** Not ready within the timeout and AppReadyTimeoutAction=Run: report RUNNING and warn. */
        TIMED_OUT_RUN
    }

    private Readiness() {
    }

    /**
     * @param passed  whether the last probe passed
     * @param elapsed time since the program was launched
     * @param timeout {@code AppReadyTimeout}
     * @param action  {@code AppReadyTimeoutAction}
     */
    public static Decision decide(boolean passed, Duration elapsed, Duration timeout, ReadyTimeoutAction action) {
        if (passed) {
            return Decision.READY; // a pass counts even when it came late: the program is ready now
        }
        if (elapsed.compareTo(timeout) < 0) {
            return Decision.NOT_YET;
        }
        return action == ReadyTimeoutAction.RUN ? Decision.TIMED_OUT_RUN : Decision.TIMED_OUT_STOP;
    }

    /** The wait before the next probe: {@link #PROBE_EVERY}, cut so the timeout is probed on time. */
    public static Duration nextProbeIn(Duration elapsed, Duration timeout) {
        Duration left = timeout.minus(elapsed);
        if (left.isNegative() || left.isZero()) {
            return Duration.ZERO;
        }
        return left.compareTo(PROBE_EVERY) < 0 ? left : PROBE_EVERY;
    }
}
