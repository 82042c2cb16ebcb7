package org.jsrvany.core.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where the program runs ({@code AppSession}): the service's own session, or an interactive user's. */
public enum SessionMode {
    /** The service's session (session 0 on Windows Vista and later): today's behaviour, the default. */
    SERVICE("Service"),
    /** The session attached to the physical console, while a user is logged on to it. */
    CONSOLE("Console"),
    /** Any active session with a logged-on user, Remote Desktop included (the console's first). */
    ACTIVE("Active");

    private final String registryText;

    SessionMode(String registryText) {
        this.registryText = registryText;
    }

    public String registryText() {
        return registryText;
    }

    /** Whether the program runs in a user's session (anything but {@link #SERVICE}). */
    public boolean desktop() {
        return this != SERVICE;
    }

    /** The mode named {@code text}, case-insensitively. */
    public static Optional<SessionMode> parse(String text) {
        String t = text == null ? "" : text.trim();
        return Arrays.stream(values()).filter(m -> m.registryText.equalsIgnoreCase(t)).findFirst();
    }

    /** "Service, Console or Active", for messages. */
    public static String choices() {
        String all = Arrays.stream(values()).map(SessionMode::registryText).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }
}
