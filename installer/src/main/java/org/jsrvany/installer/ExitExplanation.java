package org.jsrvany.installer;

import org.jsrvany.installer.spi.ServiceStatus;

/**
 * What a stopped service's exit codes mean, for people. The wrapper's own service-specific codes
 * (bit 29 set) are the launcher's (docs/launcher.md, "Exit codes seen by the service manager").
 */
final class ExitExplanation {
    static final int WRAPPER_FAILED = 0x2000_0001;
    static final int CONFIG_INVALID = 0x2000_0003;
    static final int LAUNCH_FAILED = 0x2000_0004;

    private ExitExplanation() {
    }

    static String describe(ServiceStatus s, String service) {
        int win32 = s.win32ExitCode();
        if (win32 == 0) {
            return "exit code 0";
        }
        if (win32 == ServiceStatus.SERVICE_SPECIFIC_ERROR) {
            int code = s.serviceSpecificExitCode();
            return switch (code) {
                case CONFIG_INVALID -> "its configuration is invalid (service-specific code 0x20000003): run 'jsrvany test "
                        + service + "' to see every problem";
                case LAUNCH_FAILED -> "the program could not be started (service-specific code 0x20000004): run 'jsrvany"
                        + " test " + service + "' to see why";
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
