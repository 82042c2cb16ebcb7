package org.jsrvany.core.config;

import java.util.Arrays;
import java.util.Optional;

/** What a PAUSE control does ({@code AppPauseMode}). */
public enum PauseMode {
    /** Freeze every process of the child's tree; CONTINUE thaws them. */
    SUSPEND("Suspend"),
    /** Only report PAUSED and leave the child running, as srvany does. */
    REPORT("Report");

    private final String registryText;

    PauseMode(String registryText) {
        this.registryText = registryText;
    }

    public String registryText() {
        return registryText;
    }

    public static Optional<PauseMode> parse(String text) {
        String t = text == null ? "" : text.trim();
        return Arrays.stream(values()).filter(m -> m.registryText.equalsIgnoreCase(t)).findFirst();
    }
}
