package org.jsrvany.core.win32.process;

/** The administrator's sentence for a failed {@code CreateProcessW}, by Win32 error. Pure. */
final class LaunchErrors {
    static final int ERROR_FILE_NOT_FOUND = 2;
    static final int ERROR_PATH_NOT_FOUND = 3;
    static final int ERROR_ACCESS_DENIED = 5;
    static final int ERROR_BAD_EXE_FORMAT = 193;
    static final int ERROR_EXE_MACHINE_TYPE_MISMATCH = 216;
    static final int ERROR_DIRECTORY = 267;
    static final int ERROR_ELEVATION_REQUIRED = 740;

    private LaunchErrors() {
    }

    /**
     * @param error       the Win32 error of {@code CreateProcessW}
     * @param application the program ({@code Application})
     * @param directory   the working directory ({@code AppDirectory})
     * @param detail      the failed call's own message (call, code and system text), for the
     *                    errors without a sentence of their own
     */
    static String describe(int error, String application, String directory, String detail) {
        String app = "'" + application + "'";
        return switch (error) {
            case ERROR_FILE_NOT_FOUND -> "The program " + app + " was not found (Win32 error 2): set Application to"
                    + " the full path of an existing program.";
            case ERROR_PATH_NOT_FOUND -> "A folder on the path of the program " + app + " does not exist (Win32 error"
                    + " 3): set Application to the full path of an existing program.";
            case ERROR_ACCESS_DENIED -> "Access to the program " + app + " was denied (Win32 error 5): the service"
                    + " account needs read and execute permission on it, and it must not be a folder.";
            case ERROR_BAD_EXE_FORMAT -> "The program " + app + " is not a Windows program (Win32 error 193):"
                    + " Application must be an .exe, .com, .bat or .cmd file; start other scripts through their"
                    + " interpreter (for example powershell.exe with AppParameters -File script.ps1).";
            case ERROR_EXE_MACHINE_TYPE_MISMATCH -> "The program " + app + " is built for another processor"
                    + " (Win32 error 216): use the build for this machine.";
            case ERROR_DIRECTORY -> "The working directory '" + directory + "' is not a valid folder (Win32 error"
                    + " 267): set AppDirectory to an existing folder.";
            case ERROR_ELEVATION_REQUIRED -> "The program " + app + " asks for elevation (Win32 error 740), which a"
                    + " service cannot answer: run the service as an account that has the rights it needs.";
            default -> "The program " + app + " could not be started: " + detail;
        };
    }
}
