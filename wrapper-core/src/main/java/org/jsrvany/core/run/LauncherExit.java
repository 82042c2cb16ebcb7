package org.jsrvany.core.run;

import org.jsrvany.core.supervisor.ServiceOutcome;

/**
 * The launcher's exit codes ({@code run --config}; docs/launcher.md). The installer's {@code test}
 * maps them onto its own codes by name. They never change meaning; new ones get new numbers.
 */
public enum LauncherExit {
    /** Stopped on request, or the child exited with 0 and AppExit said Exit. */
    OK(0, "stopped on request, or the child exited 0 and AppExit said Exit"),
    /** The wrapper itself failed; the log says why. */
    WRAPPER_FAILED(1, "the wrapper itself failed"),
    /** Wrong command-line usage. */
    USAGE(2, "wrong usage"),
    /** The configuration is invalid; every problem was printed. */
    CONFIG(3, "invalid configuration"),
    /** The program could not be started. */
    LAUNCH_FAILED(4, "the program could not be started"),
    /** The child exited with a non-zero code and AppExit said Exit. */
    CHILD_FAILED(5, "the child exited non-zero and AppExit said Exit"),
    /** The child exited and AppExit said Suicide. */
    SUICIDE(6, "the child exited and AppExit said Suicide"),
    /** The program did not become ready (AppReadyCheck): it exited first, or AppReadyTimeout passed with AppReadyTimeoutAction=Stop. */
    NOT_READY(7, "the program did not become ready (AppReadyCheck)");

    private final int code;
    private final String meaning;

    LauncherExit(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** One line for help texts. */
    public String meaning() {
        return meaning;
    }

    /** The exit code for how a supervision ended. */
    public static LauncherExit of(ServiceOutcome outcome) {
        if (outcome instanceof ServiceOutcome.StoppedOnRequest) {
            return OK;
        } else if (outcome instanceof ServiceOutcome.ChildExited c) {
            return c.exitCode() == 0 ? OK : CHILD_FAILED;
        } else if (outcome instanceof ServiceOutcome.Suicide) {
            return SUICIDE;
        } else if (outcome instanceof ServiceOutcome.LaunchFailed) {
            return LAUNCH_FAILED;
        } else if (outcome instanceof ServiceOutcome.NotReady) {
            return NOT_READY;
        }
        return WRAPPER_FAILED;
    }
}
