package org.jsrvany.core.config;

import java.util.Objects;

/**
 * Process options only Windows acts on: {@code AppNoConsole}, {@code AppPriority}, {@code AppAffinity},
 * and the session the program runs in ({@code AppSession} and its companions, {@link SessionRule}).
 */
public record WindowsOptions(boolean noConsole, int priorityClass, String affinity, SessionRule session) {
    public WindowsOptions {
        affinity = affinity == null ? "" : affinity;
        Objects.requireNonNull(session, "session");
    }

    /** The options of a program that runs in the service's own session. */
    public WindowsOptions(boolean noConsole, int priorityClass, String affinity) {
        this(noConsole, priorityClass, affinity, SessionRule.SERVICE);
    }
}
