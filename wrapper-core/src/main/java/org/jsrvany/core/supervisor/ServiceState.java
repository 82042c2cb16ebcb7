package org.jsrvany.core.supervisor;

/** The supervisor's states: the SCM's, plus the wait before a restart. */
public enum ServiceState {
    START_PENDING,
    RUNNING,
    PAUSE_PENDING,
    PAUSED,
    CONTINUE_PENDING,
    STOP_PENDING,
    STOPPED,
    /** Waiting to start the child again; the SCM hears PAUSED (as NSSM reports it) and CONTINUE skips the wait. */
    WAITING_TO_RESTART;

    /** The state the SCM is told about. */
    public ServiceState reportedToScm() {
        return this == WAITING_TO_RESTART ? PAUSED : this;
    }

    /** Whether this is one of the SCM's pending states, during which no control is accepted. */
    public boolean pending() {
        return this == START_PENDING || this == PAUSE_PENDING || this == CONTINUE_PENDING || this == STOP_PENDING;
    }
}
