package org.jsrvany.core.supervisor;

import java.util.OptionalInt;

/** How a supervised service ended. */
public sealed interface ServiceOutcome {

    /** Stopped by a STOP or SHUTDOWN (or a signal in the foreground). */
    record StoppedOnRequest() implements ServiceOutcome {
    }

    /** The child exited by itself and {@code AppExit} said Exit. */
    record ChildExited(int exitCode) implements ServiceOutcome {
    }

    /** The child exited and {@code AppExit} said Suicide: end without reporting STOPPED. */
    record Suicide(int exitCode) implements ServiceOutcome {
    }

    /** The child could not be started; {@code systemError} is the OS error code when there is one. */
    record LaunchFailed(String reason, OptionalInt systemError) implements ServiceOutcome {
    }

    /**
     * The program did not become ready ({@code AppReadyCheck}): it exited first ({@code exitCode} present), or
     * {@code AppReadyTimeout} passed with {@code AppReadyTimeoutAction=Stop} and it was stopped.
     *
     * @param reason what happened, as the end of a sentence ("it exited with code 3 after 300 ms")
     */
    record NotReady(String reason, OptionalInt exitCode) implements ServiceOutcome {
    }

    /** The wrapper itself failed (a bug or an OS call that must not fail). */
    record WrapperFailed(String reason) implements ServiceOutcome {
    }
}
