package org.jsrvany.core.status;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest liveness check of the running program ({@code AppHealthCheck}, docs/readiness-health.md), as the
 * published status carries it for {@code jsrvany status} and monitoring.
 *
 * @param check         the check as configured ({@code tcp:127.0.0.1:8080}, {@code http://...}, {@code cmd:...})
 * @param passed        whether that look passed
 * @param seen          what it saw (a status code, an error, an exit code)
 * @param at            when it looked
 * @param failuresInRow failed looks in a row up to this one (0 after a pass)
 * @param restarts      restarts the checks (and {@code AppHealthSilence}) caused since the wrapper started
 */
public record HealthResult(String check, boolean passed, String seen, Instant at, int failuresInRow, long restarts) {
    public HealthResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(seen, "seen");
        Objects.requireNonNull(at, "at");
        if (failuresInRow < 0 || restarts < 0) {
            throw new IllegalArgumentException("counters must be zero or more");
        }
    }

    /** One line for {@code jsrvany status}: {@code "tcp:127.0.0.1:8080 passed at T (connected)"}. */
    public String describe() {
        return check + (passed ? " passed" : " failed" + (failuresInRow > 1 ? " " + failuresInRow + " times in a row" : ""))
                + " at " + at + " (" + seen + ")" + (restarts == 0 ? "" : "; " + restarts + " restart(s) for failed checks");
    }
}
