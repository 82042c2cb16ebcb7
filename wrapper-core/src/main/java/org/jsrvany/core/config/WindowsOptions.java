package org.jsrvany.core.config;

/** Process options only Windows acts on: {@code AppNoConsole}, {@code AppPriority}, {@code AppAffinity}. */
public record WindowsOptions(boolean noConsole, int priorityClass, String affinity) {
    public WindowsOptions {
        affinity = affinity == null ? "" : affinity;
    }
}
