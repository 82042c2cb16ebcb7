package org.jsrvany.core.supervisor;

import java.time.Duration;

/**
 * The wait before starting the program again after the supervisor itself stopped it for a restart
 * ({@link Supervisor#restartNow}): the rules of {@link RestartPolicy} for an exit that {@code AppExit}
 * does not decide (the restart was asked for, whatever code the stopped program returns). A run shorter
 * than {@code AppThrottle} is unhealthy, and so is one restarted for failing a check
 * ({@code countsAsUnhealthy}): failing checks back off 2 s, 4 s ... like a crashing program, and wait at
 * least {@code AppRestartDelay}. A planned restart of a healthy run does not wait {@code AppRestartDelay}.
 */
public final class ForcedRestart {

    private ForcedRestart() {
    }

    /**
     * @param runTime           how long the stopped run lasted
     * @param unhealthyRuns     unhealthy runs in a row before this one
     * @param countsAsUnhealthy true for a failed check, false for a planned restart (a schedule)
     * @param throttle          {@code AppThrottle}
     * @param restartDelay      {@code AppRestartDelay}
     */
    public static ExitDecision.Restart decide(Duration runTime, int unhealthyRuns, boolean countsAsUnhealthy,
                                              Duration throttle, Duration restartDelay) {
        boolean unhealthy = countsAsUnhealthy || runTime.compareTo(throttle) < 0;
        int count = unhealthy ? unhealthyRuns + 1 : 0;
        Duration wait = RestartPolicy.backoff(count);
        // AppRestartDelay spaces out restarts after failures; a planned restart of a healthy run (the schedule)
        // is the wrapper's own decision and starts again at once, for the shortest outage.
        if (unhealthy && restartDelay.compareTo(wait) > 0) {
            wait = restartDelay;
        }
        Duration floor = RestartPolicy.MIN_START_INTERVAL.minus(runTime);
        if (floor.compareTo(wait) > 0) {
            wait = floor;
        }
        return new ExitDecision.Restart(wait, count);
    }
}
