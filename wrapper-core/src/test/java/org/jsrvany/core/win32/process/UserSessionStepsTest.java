package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The user-session stop helpers' contract, as far as it is pure: exit codes and command line. */
class UserSessionStepsTest {

    @ParameterizedTest
    @CsvSource({"0, SENT", "2, NO_CONSOLE", "1, FAILED", "3, FAILED", "-1, FAILED", "130, FAILED"})
    void theHelpersExitCodeIsTheVerdict(int exitCode, ConsoleCtrl.Delivery verdict) {
        assertThat(UserSessionSteps.verdict(exitCode)).isEqualTo(verdict);
    }

    @Test
    void bothHelpersUseTheSameExitCodes() {
        assertThat(List.of(WindowStepSender.POSTED, WindowStepSender.USAGE, WindowStepSender.NOBODY,
                WindowStepSender.FAILED)).containsExactly(CtrlCSender.SENT, CtrlCSender.USAGE, CtrlCSender.NO_CONSOLE,
                CtrlCSender.FAILED);
    }

    @Test
    void theWindowHelpersCommandLineNamesItsStepAndPids() {
        String line = CtrlCHelper.commandLine("C:\\jsrvany\\runtime\\bin\\java.exe", "C:\\jsrvany\\lib\\jsrvany.jar",
                List.of("-Djna.nosys=true"), WindowStepSender.class.getName(),
                List.of(WindowStepSender.CLOSE, "12", "34"));
        assertThat(line).isEqualTo("\"C:\\jsrvany\\runtime\\bin\\java.exe\" -Xrs -XX:TieredStopAtLevel=1"
                + " -XX:+UseSerialGC -Xshare:auto -Djna.nosys=true -cp C:\\jsrvany\\lib\\jsrvany.jar"
                + " org.jsrvany.core.win32.process.WindowStepSender close 12 34");
        assertThat(CtrlCHelper.commandLine("java.exe", "cp", List.of(), new int[] {7}))
                .as("the Ctrl+C helper's form is the same builder").endsWith(" -cp cp " + CtrlCSender.class.getName() + " 7");
    }
}
