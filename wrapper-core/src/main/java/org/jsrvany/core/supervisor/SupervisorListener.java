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

    /**
     * The child's user session ended ({@code AppSession} Console or Active): its run ended as expected, not
     * as a crash, and no exit rule applied. {@code exitCode} is empty when the run never started (nobody was
     * logged on at the launch).
     */
    default void childEndedWithSession(long pid, java.util.OptionalInt exitCode) {
    }

    /** Nothing runs and nothing will until a user logs on ({@link Supervisor#hold()}); the service stays RUNNING. */
    default void waitingForSession() {
    }

    /** The service ended. */
    default void finished(ServiceOutcome outcome) {
    }
}
