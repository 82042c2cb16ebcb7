package org.jsrvany.core.supervisor;

import java.time.Duration;

/**
 * Receives what the supervisor does, on the supervisor's own thread: keep implementations quick
 * (the Windows status reporter only records and signals its own thread).
 */
public interface SupervisorListener {

    /** Every transition; {@code waitHint} is how long the state may last when it is a pending one. */
    void stateChanged(ServiceState state, Duration waitHint);

    /** A child run began. */
    default void childStarted(long pid, String commandLine) {
    }

    /** Something the platform could not do for this run as it should ({@code ChildProcess.launchWarnings()}). */
    default void childWarning(long pid, String warning) {
    }

    /** A child run ended by itself, and what follows. */
    default void childExited(long pid, int exitCode, Duration runTime, ExitDecision decision) {
    }

    /** The service ended. */
    default void finished(ServiceOutcome outcome) {
    }
}
