package org.jsrvany.core.config;

import java.util.Objects;

/**
 * Process options only Windows acts on: {@code AppNoConsole}, {@code AppPriority}, {@code AppAffinity},
 * the session the program runs in ({@code AppSession} and its companions, {@link SessionRule}), and
 * {@code AppConsoleCodePage} ({@link ConsoleCodePage}; 0 = the console as Windows creates it).
 */
public record WindowsOptions(boolean noConsole, int priorityClass, String affinity, SessionRule session,
                             int consoleCodePage) {
    public WindowsOptions {
        affinity = affinity == null ? "" : affinity;
        Objects.requireNonNull(session, "session");
    }

    /** The options without a console code page. */
    public WindowsOptions(boolean noConsole, int priorityClass, String affinity, SessionRule session) {
        this(noConsole, priorityClass, affinity, session, ConsoleCodePage.UNSET);
    }

    /** The options of a program that runs in the service's own session. */
    public WindowsOptions(boolean noConsole, int priorityClass, String affinity) {
        this(noConsole, priorityClass, affinity, SessionRule.SERVICE);
    }
}
