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

    /** The supervisor restarts the running program (pid) by itself, through the stop ladder. */
    default void restarting(long pid, RestartReason reason) {
    }

    /** The child's tree reached one of its limits (counted whatever the limit's action is). */
    default void limitBreached(long pid, org.jsrvany.core.process.LimitBreach breach) {
    }

    /** The service ended. */
    default void finished(ServiceOutcome outcome) {
    }
}
