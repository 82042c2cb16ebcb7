package org.jsrvany.core.supervisor;

/**
 * Why the supervisor restarts a running program by itself, through the stop ladder
 * ({@link Supervisor#restartNow}): counted and logged apart from the program's own exits.
 */
public enum RestartReason {
    /** {@code AppRestartAt} or {@code AppRestartEvery} came due. */
    SCHEDULED("the scheduled restart (AppRestartAt/AppRestartEvery) is due"),
    /** The tree reached {@code AppMemoryLimit} and {@code AppMemoryLimitAction=Restart}. */
    MEMORY_LIMIT("the process tree reached its memory limit (AppMemoryLimit)");

    private final String description;

    RestartReason(String description) {
        this.description = description;
    }

    /** A clause for logs and events: "the scheduled restart ... is due". */
    public String description() {
        return description;
    }
}
