package org.jsrvany.launcher;

/** The launcher's documented exit codes (docs/launcher.md). They never change meaning. */
enum ExitCode {
    /** Stopped on request, or the child exited with 0 and AppExit said Exit. */
    OK(0),
    /** The wrapper itself failed; the log says why. */
    WRAPPER_FAILED(1),
    /** Wrong command-line usage. */
    USAGE(2),
    /** The configuration is invalid; every problem was printed. */
    CONFIG(3),
    /** The program could not be started. */
    LAUNCH_FAILED(4),
    /** The child exited with a non-zero code and AppExit said Exit. */
    CHILD_FAILED(5),
    /** The child exited and AppExit said Suicide. */
    SUICIDE(6);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
