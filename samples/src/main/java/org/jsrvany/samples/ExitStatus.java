package org.jsrvany.samples;

/** Exit codes the fixture uses for its own failures (as opposed to {@code --exit-code}). */
enum ExitStatus {
    /** Unknown or malformed flag. */
    USAGE(2),
    /** An {@code --ignore-*} flag could not be honoured. */
    CANNOT_IGNORE_SIGNAL(3),
    /** Setup failed: a file could not be written, a grandchild did not start, the port is taken... */
    SETUP_FAILED(4);

    final int code;

    ExitStatus(int code) {
        this.code = code;
    }
}
