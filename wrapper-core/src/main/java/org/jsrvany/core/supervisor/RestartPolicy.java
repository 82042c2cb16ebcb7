package org.jsrvany.core.supervisor;

import java.time.Duration;
import org.jsrvany.core.config.ExitActions;

/**
 * NSSM's restart rules as pure functions.
 *
 * <p>A run shorter than {@code AppThrottle} is unhealthy. The n-th unhealthy run in a row waits
 * 2^n seconds before the next start (2 s, 4 s, 8 s ...), capped at {@link #BACKOFF_CAP} (128 s, what
 * NSSM's code does; its documentation says about four minutes), or {@code AppRestartDelay} when that
 * is longer. A healthy run resets the counter and waits only {@code AppRestartDelay}. Unlike NSSM, a
 * restart delay below two seconds is kept as it is.
 */
public final class RestartPolicy {
    /** The longest back-off wait. */
    public static final Duration BACKOFF_CAP = Duration.ofSeconds(128);
    private static final int CAP_EXPONENT = 7;

    private RestartPolicy() {
    }

    /** The back-off wait after this many unhealthy runs in a row (zero for none). */
    public static Duration backoff(int unhealthyRuns) {
        if (unhealthyRuns <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds(1L << Math.min(unhealthyRuns, CAP_EXPONENT));
    }

    /**
     * Decides what follows a child's exit.
     *
     * @param exitCode       the child's exit code
     * @param runTime        how long the run lasted
     * @param unhealthyRuns  unhealthy runs in a row before this one
     * @param actions        {@code AppExit}
     * @param throttle       {@code AppThrottle}
     * @param restartDelay   {@code AppRestartDelay}
     */
    public static ExitDecision decide(int exitCode, Duration runTime, int unhealthyRuns, ExitActions actions,
                                      Duration throttle, Duration restartDelay) {
        return switch (actions.actionFor(exitCode)) {
            case IGNORE -> new ExitDecision.Ignore();
            case EXIT -> new ExitDecision.Exit(exitCode);
            case SUICIDE -> new ExitDecision.Suicide(exitCode);
            case RESTART -> {
                int unhealthy = runTime.compareTo(throttle) < 0 ? unhealthyRuns + 1 : 0;
                Duration wait = backoff(unhealthy);
                yield new ExitDecision.Restart(wait.compareTo(restartDelay) > 0 ? wait : restartDelay, unhealthy);
            }
        };
    }
}
