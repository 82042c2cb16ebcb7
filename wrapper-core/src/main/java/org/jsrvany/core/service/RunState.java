package org.jsrvany.core.service;

/** The SCM's service states ({@code SERVICE_STOPPED} ... {@code SERVICE_PAUSED}). */
public enum RunState {
    STOPPED(1), START_PENDING(2), STOP_PENDING(3), RUNNING(4), CONTINUE_PENDING(5), PAUSE_PENDING(6), PAUSED(7);

    private final int scmValue;

    RunState(int scmValue) {
        this.scmValue = scmValue;
    }

    public int scmValue() {
        return scmValue;
    }

    /** Whether the service is on its way to another state. */
    public boolean pending() {
        return this == START_PENDING || this == STOP_PENDING || this == CONTINUE_PENDING || this == PAUSE_PENDING;
    }

    public static RunState fromScm(int value) {
        for (RunState s : values()) {
            if (s.scmValue == value) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown service state " + value);
    }
}
