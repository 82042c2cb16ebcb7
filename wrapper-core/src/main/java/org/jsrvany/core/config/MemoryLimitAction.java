package org.jsrvany.core.config;

import java.util.Arrays;
import java.util.Optional;

/** What reaching {@code AppMemoryLimit} does ({@code AppMemoryLimitAction}). */
public enum MemoryLimitAction {
    /** Restart the program through the stop ladder (counted and logged like any breach). */
    RESTART("Restart"),
    /** Only let the allocation fail (Windows refuses it; on Linux the kernel reclaims or kills within the cgroup). */
    FAIL("Fail");

    private final String registryText;

    MemoryLimitAction(String registryText) {
        this.registryText = registryText;
    }

    public String registryText() {
        return registryText;
    }

    public static Optional<MemoryLimitAction> parse(String text) {
        String t = text == null ? "" : text.strip();
        return Arrays.stream(values()).filter(m -> m.registryText.equalsIgnoreCase(t)).findFirst();
    }
}
