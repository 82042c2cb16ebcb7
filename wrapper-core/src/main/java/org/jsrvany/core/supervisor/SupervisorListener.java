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

    /** The program passed its readiness check ({@code AppReadyCheck}) {@code after} its launch; {@code seen} says what passed. */
    default void programReady(long pid, Duration after, String seen) {
    }

    /**
     * The program did not pass its readiness check within {@code AppReadyTimeout}; {@code stopping}: it is stopped
     * now ({@code AppReadyTimeoutAction=Stop}), else it is treated as ready with this warning.
     */
    default void programNotReady(long pid, String check, String seen, Duration timeout, boolean stopping) {
    }

    /** The liveness check ({@code AppHealthCheck}, or the output silence) failed {@code failures} times in a row: the program is restarted. */
    default void healthCheckFailed(long pid, String check, String seen, int failures) {
    }

    /**
     * A liveness check ({@code AppHealthCheck}) looked: whether it passed, what it saw, and the failed looks in a
     * row up to this one (0 after a pass). Called for every look, before {@link #healthCheckFailed}.
     */
    default void healthChecked(long pid, String check, boolean passed, String seen, int failuresInRow) {
    }

    /** {@code AppStartCondition} did not hold within its timeout: the program is launched anyway. */
    default void startConditionTimedOut(String check, String seen, Duration waited) {
    }

    /**
     * The supervisor stops the running program through the stop ladder to start it again
     * ({@link Supervisor#restartNow}); {@code detail} says what was seen.
     */
    default void restarting(long pid, RestartReason reason, String detail) {
    }

    /** The child's tree reached one of its limits (counted whatever the limit's action is). */
    default void limitBreached(long pid, org.jsrvany.core.process.LimitBreach breach) {
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
