package org.jsrvany.core.health;

import java.time.Duration;
import java.time.Instant;

/** Whether a running program is alive, as pure functions of the checks' results. */
public final class Liveness {

    private Liveness() {
    }

    /**
     * After one liveness check.
     *
     * @param failures failed checks in a row, this one included (zero after a pass)
     * @param restart  whether the program must be restarted now
     */
    public record Verdict(int failures, boolean restart) {
    }

    /**
     * @param failuresBefore failed checks in a row before this one
     * @param passed         whether this check passed
     * @param threshold      {@code AppHealthFailures}: failures in a row that restart the program
     */
    public static Verdict decide(int failuresBefore, boolean passed, int threshold) {
        if (passed) {
            return new Verdict(0, false);
        }
        int failures = failuresBefore + 1;
        return new Verdict(failures, failures >= threshold);
    }

    /**
     * Whether the output has been silent too long ({@code AppHealthSilence}); never with a zero limit.
     *
     * @param lastOutput when the program last wrote output (or was launched, if it has not yet)
     */
    public static boolean silentTooLong(Instant lastOutput, Instant now, Duration limit) {
        return !limit.isZero() && Duration.between(lastOutput, now).compareTo(limit) >= 0;
    }

    /** When to look at the silence again: when the limit would be reached if nothing comes meanwhile (at least 50 ms). */
    public static Duration nextSilenceCheckIn(Instant lastOutput, Instant now, Duration limit) {
        Duration left = limit.minus(Duration.between(lastOutput, now));
        Duration floor = Duration.ofMillis(50);
        return left.compareTo(floor) < 0 ? floor : left;
    }
}
