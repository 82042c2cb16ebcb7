package org.jsrvany.core.service;

/** The controls the installer sends ({@code SERVICE_CONTROL_*}, and NSSM's user-defined rotate, 128). */
public enum Control {
    STOP(1), PAUSE(2), CONTINUE(3), ROTATE(128);

    private final int scmValue;

    Control(int scmValue) {
        this.scmValue = scmValue;
    }

    public int scmValue() {
        return scmValue;
    }
}
