package org.jsrvany.core.service;

/** The controls the installer sends ({@code SERVICE_CONTROL_*}). */
public enum Control {
    STOP(1), PAUSE(2), CONTINUE(3);

    private final int scmValue;

    Control(int scmValue) {
        this.scmValue = scmValue;
    }

    public int scmValue() {
        return scmValue;
    }
}
