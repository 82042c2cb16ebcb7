package org.jsrvany.installer;

/**
 * The installer's exit codes (docs/installer.md has the same table). They are stable: a code never
 * changes meaning, new ones get new numbers.
 */
enum Exit {
    OK(0, "success (status: the service is RUNNING)"),
    FAILED(1, "unexpected failure: the message names the Windows call and its error code"),
    USAGE(2, "wrong command line"),
    INVALID(3, "invalid value or configuration (program not found, working directory missing, bad parameter value,"
            + " invalid name); nothing was changed"),
    ACCESS_DENIED(4, "access denied: run from an elevated prompt (Run as administrator)"),
    NO_SUCH_SERVICE(5, "the service does not exist"),
    SERVICE_EXISTS(6, "the service already exists and is not a jsrvany service (use adopt, or --force)"),
    MARKED_FOR_DELETION(7, "the service is marked for deletion: close what holds it open, or reboot"),
    ACCOUNT(8, "the account cannot run the service: unknown account, wrong password, or no 'Log on as a service' right"),
    DEPENDENCY(9, "a dependency does not exist, or the dependencies form a circle"),
    TIMEOUT(10, "the service did not reach the wanted state in time (its last state is printed)"),
    WRONG_STATE(11, "the service cannot do that in its current state (disabled, not running, does not accept pause...)"),
    SERVICE_FAILED(12, "the service stopped instead of reaching the wanted state, or (start, restart) its program exited"
            + " before it was ready or within AppThrottle (the exit code is explained)"),
    UNSUPPORTED(13, "this system cannot do that (not Windows, or a setting Wine does not implement)"),
    STOPPED(20, "status: the service is STOPPED"),
    PAUSED(21, "status: the service is PAUSED"),
    PENDING(22, "status: the service is starting, stopping, pausing or continuing"),
    TEST_LAUNCH_FAILED(30, "test: the program could not be started"),
    TEST_CHILD_FAILED(31, "test: the program exited with a non-zero code and AppExit said Exit"),
    TEST_SUICIDE(32, "test: the program exited and AppExit said Suicide"),
    TEST_NOT_READY(33, "test: the program did not become ready (AppReadyCheck): it exited first, or AppReadyTimeout"
            + " passed with AppReadyTimeoutAction=Stop"),
    AUDIT_FINDINGS(40, "audit: something a service runs can be changed by non-administrators, or an ImagePath is"
            + " unquoted (each finding is printed with the command that fixes it)"),
    NO_JAVA(41, "jsrvany.cmd found no Java 17 or later to run jsrvany (the message says what to install or set)"),
    NO_CHANGE(50, "install --config: the service already has every setting of the file; nothing was changed (0 means"
            + " it was installed or changed)");

    private final int code;
    private final String meaning;

    Exit(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    int code() {
        return code;
    }

    String meaning() {
        return meaning;
    }
}
