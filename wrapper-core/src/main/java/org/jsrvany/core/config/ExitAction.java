package org.jsrvany.core.config;

import java.util.Arrays;
import java.util.Optional;

/** What the supervisor does when the child exits by itself: NSSM's {@code AppExit} actions. */
public enum ExitAction {
    /** Start the child again (after the restart delay or back-off). */
    RESTART("Restart"),
    /** Leave it: the service keeps reporting RUNNING with no child, as srvany does. */
    IGNORE("Ignore"),
    /** Stop the service; a non-zero code is reported as a service-specific error. */
    EXIT("Exit"),
    /** End the wrapper without reporting STOPPED, so the SCM's recovery actions fire. */
    SUICIDE("Suicide");

    private final String registryText;

    ExitAction(String registryText) {
        this.registryText = registryText;
    }

    /** The word stored in the registry. */
    public String registryText() {
        return registryText;
    }

    /** Parses a stored word, case-insensitively. */
    public static Optional<ExitAction> parse(String text) {
        String t = text == null ? "" : text.trim();
        return Arrays.stream(values()).filter(a -> a.registryText.equalsIgnoreCase(t)).findFirst();
    }
}
