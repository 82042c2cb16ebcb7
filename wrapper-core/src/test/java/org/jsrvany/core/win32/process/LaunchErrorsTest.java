package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LaunchErrorsTest {
    private static final String APP = "C:\\Program Files\\App\\app.exe";
    private static final String DIR = "C:\\Work";

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "2;   The program 'C:\\Program Files\\App\\app.exe' was not found (Win32 error 2): set Application",
        "3;   A folder on the path of the program 'C:\\Program Files\\App\\app.exe' does not exist (Win32 error 3)",
        "5;   Access to the program 'C:\\Program Files\\App\\app.exe' was denied (Win32 error 5)",
        "193; The program 'C:\\Program Files\\App\\app.exe' is not a Windows program (Win32 error 193)",
        "216; is built for another processor (Win32 error 216)",
        "267; The working directory 'C:\\Work' is not a valid folder (Win32 error 267): set AppDirectory",
        "740; asks for elevation (Win32 error 740)",
    })
    void knownErrorsGetASentenceNamingWhatToFix(int error, String expected) {
        String sentence = LaunchErrors.describe(error, APP, DIR, "CreateProcessW(...) failed: error " + error);

        assertThat(sentence).contains(expected).endsWith(".");
    }

    @Test
    void otherErrorsCarryTheCallsOwnMessage() {
        String detail = "CreateProcessW(\"x\") failed: error 1455 (0x000005AF): The paging file is too small";

        assertThat(LaunchErrors.describe(1455, APP, DIR, detail))
                .isEqualTo("The program '" + APP + "' could not be started: " + detail);
    }
}
