package org.jsrvany.core.service;

import org.jsrvany.core.supervisor.ServiceOutcome;

/**
 * The exit codes a stopped service reports to the SCM, and what they mean for people: the one
 * contract between the service (which reports them) and the installer (which explains them in
 * {@code status}, {@code start} and {@code stop}). docs/windows-service.md lists them.
 *
 * <ul>
 *   <li>stopped on request, or the program exited 0 with {@code AppExit=Exit}: NO_ERROR;</li>
 *   <li>the program exited with code N and {@code AppExit=Exit} (or Suicide): ERROR_SERVICE_SPECIFIC_ERROR
 *       (1066) with N;</li>
 *   <li>the program could not be started: the Win32 error of the failed launch (2 = file not found ...),
 *       or 1066 with {@link #LAUNCH_FAILED} when there is none;</li>
 *   <li>the configuration is invalid: 1066 with {@link #CONFIG_INVALID};</li>
 *   <li>the program did not become ready ({@code AppReadyCheck}): 1066 with {@link #NOT_READY};</li>
 *   <li>the wrapper failed: 1066 with {@link #WRAPPER_FAILED};</li>
 *   <li>{@code AppSession} Console or Active without SeTcbPrivilege (an account other than LocalSystem): 1066 with
 *       {@link #NO_TCB_PRIVILEGE}.</li>
 * </ul>
 *
 * The wrapper's own service-specific codes have bit 29 set (the "customer" bit of Windows error
 * codes), so they never collide with a program's usual exit codes. Recovery actions ("restart the
 * service on failure") fire for every non-zero code.
 *
 * @param win32ExitCode           {@code dwWin32ExitCode}
 * @param serviceSpecificExitCode {@code dwServiceSpecificExitCode}, meaningful when the first is 1066
 */
public record ScmExitCode(int win32ExitCode, int serviceSpecificExitCode) {
    public static final int NO_ERROR = 0;
    /** {@code ERROR_SERVICE_SPECIFIC_ERROR}: the real code is the service-specific one. */
    public static final int SERVICE_SPECIFIC_ERROR = 1066;
    /** 0x20000001: the wrapper itself failed. */
    public static final int WRAPPER_FAILED = 0x2000_0001;
    /** 0x20000003: the service's Parameters are invalid (a missing Application, say). */
    public static final int CONFIG_INVALID = 0x2000_0003;
    /** 0x20000004: the program could not be started and Windows gave no error code. */
    public static final int LAUNCH_FAILED = 0x2000_0004;
    /** 0x20000010: the program did not become ready (AppReadyCheck; docs/readiness-health.md). */
    public static final int NOT_READY = 0x2000_0010;

    /**
     * 0x20000013: {@code AppSession} asks for a user's session, and the service's account lacks SeTcbPrivilege
     * ({@code WTSQueryUserToken} needs LocalSystem); docs/desktop-session.md.
     */
    public static final int NO_TCB_PRIVILEGE = 0x2000_0013;

    private static final ScmExitCode OK = new ScmExitCode(NO_ERROR, 0);

    /** The codes for how the service ended. */
    public static ScmExitCode of(ServiceOutcome outcome) {
        if (outcome instanceof ServiceOutcome.StoppedOnRequest) {
            return OK;
        } else if (outcome instanceof ServiceOutcome.ChildExited c) {
            return c.exitCode() == 0 ? OK : serviceSpecific(c.exitCode());
        } else if (outcome instanceof ServiceOutcome.LaunchFailed f) {
            return f.systemError().isPresent() && f.systemError().getAsInt() != 0
                    ? new ScmExitCode(f.systemError().getAsInt(), 0) : serviceSpecific(LAUNCH_FAILED);
        } else if (outcome instanceof ServiceOutcome.Suicide s) {
            return serviceSpecific(s.exitCode());
        } else if (outcome instanceof ServiceOutcome.NotReady) {
            return serviceSpecific(NOT_READY);
        }
        return serviceSpecific(WRAPPER_FAILED);
    }

    /** The codes for a configuration that cannot be used. */
    public static ScmExitCode configInvalid() {
        return serviceSpecific(CONFIG_INVALID);
    }

    /** The codes for a program meant for a user's session, in a service that cannot get a user's token. */
    public static ScmExitCode noTcbPrivilege() {
        return serviceSpecific(NO_TCB_PRIVILEGE);
    }

    private static ScmExitCode serviceSpecific(int code) {
        return new ScmExitCode(SERVICE_SPECIFIC_ERROR, code);
    }

    /** The codes of a status the SCM reported. */
    public static ScmExitCode of(ServiceStatus status) {
        return new ScmExitCode(status.win32ExitCode(), status.serviceSpecificExitCode());
    }

    /** What the codes mean, with what to do next, as the end of a sentence about {@code service}. */
    public String explain(String service) {
        int win32 = win32ExitCode;
        if (win32 == NO_ERROR) {
            return "exit code 0";
        }
        if (win32 == SERVICE_SPECIFIC_ERROR) {
            int code = serviceSpecificExitCode;
            return switch (code) {
                case CONFIG_INVALID -> "its configuration is invalid (service-specific code 0x20000003): run 'jsrvany test "
                        + service + "' to see every problem";
                case LAUNCH_FAILED -> "the program could not be started (service-specific code 0x20000004): run 'jsrvany"
                        + " test " + service + "' to see why";
                case NOT_READY -> "its program did not become ready (service-specific code 0x20000010): it exited or"
                        + " AppReadyTimeout passed before AppReadyCheck passed; see the Application event log";
                case NO_TCB_PRIVILEGE -> "AppSession runs the program in a user's session, which needs the LocalSystem"
                        + " account (service-specific code 0x20000013): set AppSession to Service, or install the service"
                        + " for LocalSystem (jsrvany install " + service + " --account LocalSystem)";
                case WRAPPER_FAILED -> "the wrapper itself failed (service-specific code 0x20000001): see the"
                        + " Application event log";
                default -> "the program exited with code " + Integer.toUnsignedString(code)
                        + (code < 0 || code > 0xFFFF ? String.format(" (0x%08X)", code) : "")
                        + " and its AppExit action ended the service";
            };
        }
        return switch (win32) {
            case 2 -> "Windows error 2: the program was not found (check Application with 'jsrvany get " + service
                    + " Application')";
            case 3 -> "Windows error 3: a folder in the program's path or the working directory does not exist";
            case 5 -> "Windows error 5: access denied (the service account may not read the program or its folder)";
            case 193 -> "Windows error 193: the program is not a valid Windows program (run scripts through their"
                    + " interpreter, e.g. cmd.exe /c script.bat)";
            case 1053 -> "Windows error 1053: the service did not answer the service manager in time";
            case 1067 -> "Windows error 1067: the service process ended unexpectedly (see the Application event log)";
            case 1077 -> "not started since it was installed (or since the last boot)";
            case 1069 -> "Windows error 1069: the account could not log on (wrong password or no 'Log on as a service'"
                    + " right)";
            default -> "Windows error " + win32;
        };
    }
}
