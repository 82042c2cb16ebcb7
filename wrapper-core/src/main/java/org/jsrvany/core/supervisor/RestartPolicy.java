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
 *
 * <p>Whatever {@code AppThrottle} and {@code AppRestartDelay} say, two starts are at least
 * {@link #MIN_START_INTERVAL} apart: a program that exits at once is restarted at most ten times a
 * second. {@code AppThrottle=0} turns the back-off off, and without this floor such a program was
 * restarted about 95 times a second, each start forking two processes (the program and its watchdog)
 * and churning the wrapper's heap. A run that lasted the floor or longer is restarted with no added wait.
 */
public final class RestartPolicy {
    /** The longest back-off wait. */
    public static final Duration BACKOFF_CAP = Duration.ofSeconds(128);
    /** The shortest time from one start of the program to the next. */
    public static final Duration MIN_START_INTERVAL = Duration.ofMillis(100);
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
                Duration wait = longest(backoff(unhealthy), restartDelay, MIN_START_INTERVAL.minus(runTime));
                yield new ExitDecision.Restart(wait, unhealthy);
            }
        };
    }

    private static Duration longest(Duration a, Duration b, Duration c) {
        Duration ab = a.compareTo(b) >= 0 ? a : b;
        return ab.compareTo(c) >= 0 ? ab : c;
    }
}
