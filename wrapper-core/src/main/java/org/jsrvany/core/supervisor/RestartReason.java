package org.jsrvany.core.supervisor;

/**
 * Why the supervisor restarts a running program by itself, through the stop ladder
 * ({@link Supervisor#restartNow}): counted and logged apart from the program's own exits.
 */
public enum RestartReason {
    /** {@code AppRestartAt} or {@code AppRestartEvery} came due. */
    SCHEDULED("the scheduled restart (AppRestartAt/AppRestartEvery) is due", false),
    /** The tree reached {@code AppMemoryLimit} and {@code AppMemoryLimitAction=Restart}. */
    MEMORY_LIMIT("the process tree reached its memory limit (AppMemoryLimit)", true),
    /** {@code AppHealthCheck} failed {@code AppHealthFailures} times in a row. */
    HEALTH_CHECK("the health check (AppHealthCheck) failed", true),
    /** The program wrote nothing for {@code AppHealthSilence}. */
    OUTPUT_SILENCE("the program wrote no output for AppHealthSilence", true),
    /** A restarted program did not pass {@code AppReadyCheck} within {@code AppReadyTimeout}. */
    NOT_READY("the restarted program was not ready within AppReadyTimeout", true);

    private final String description;
    private final boolean countsAsUnhealthy;

    RestartReason(String description, boolean countsAsUnhealthy) {
        this.description = description;
        this.countsAsUnhealthy = countsAsUnhealthy;
    }

    /** A clause for logs and events: "the scheduled restart ... is due". */
    public String description() {
        return description;
    }

    /**
     * Whether the stopped run counts as unhealthy for the back-off ({@link ForcedRestart}): a failure does (a
     * program failing its checks or blowing its memory again and again backs off 2 s, 4 s ... like a crashing
     * one); a planned restart does not.
     */
    public boolean countsAsUnhealthy() {
        return countsAsUnhealthy;
    }
}
