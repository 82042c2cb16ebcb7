package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.junit.jupiter.api.Test;

/** The helper's command line, read back by the CommandLineToArgvW rules the Java launcher follows. */
class CtrlCHelperTest {

    @Test
    void theCommandLineRunsTheSenderWithThePidsAndPassesJnaSettings() {
        String java = "C:\\Program Files\\Java\\jdk-17\\bin\\java.exe";
        String classpath = "C:\\Program Files\\jsrvany\\jsrvany-launcher.jar;C:\\lib dir\\jna.jar";
        String line = CtrlCHelper.commandLine(java, classpath, List.of("-Djna.tmpdir=C:\\Service Temp\\"),
                new int[] {364, 468});

        assertThat(line).startsWith("\"" + java + "\" ");
        List<String> args = WindowsCommandLine.splitArguments(line.substring(java.length() + 3));
        assertThat(args).containsSubsequence("-Xrs", "-Djna.tmpdir=C:\\Service Temp\\", "-cp", classpath,
                "org.jsrvany.core.win32.process.CtrlCSender", "364", "468");
        assertThat(args.subList(args.size() - 3, args.size()))
                .containsExactly(CtrlCSender.class.getName(), "364", "468");
    }

    @Test
    void exitCodesMapOneToOne() {
        assertThat(List.of(CtrlCHelper.SENT, CtrlCHelper.NO_CONSOLE, CtrlCHelper.FAILED, CtrlCSender.USAGE))
                .doesNotHaveDuplicates();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} then {1} -> {2} after {3} attempt(s)")
    @org.junit.jupiter.params.provider.CsvSource({
        "SENT, FAILED, SENT, 1",
        "FAILED, SENT, SENT, 2",
        "NO_CONSOLE, SENT, SENT, 2",
        "FAILED, FAILED, FAILED, 2",
        "NO_CONSOLE, NO_CONSOLE, NO_CONSOLE, 2",
    })
    void aReportedFailureIsTriedOnceMoreAndSentNeverTwice(ConsoleCtrl.Delivery first, ConsoleCtrl.Delivery second,
                                                         ConsoleCtrl.Delivery result, int attempts) {
        java.util.Iterator<ConsoleCtrl.Delivery> verdicts = java.util.List.of(first, second).iterator();
        int[] tried = {0};
        java.util.List<ConsoleCtrl.Delivery> warned = new java.util.ArrayList<>();
        assertThat(CtrlCHelper.withOneRetry(() -> {
            tried[0]++;
            return verdicts.next();
        }, warned::add)).isEqualTo(result);
        assertThat(tried[0]).isEqualTo(attempts);
        assertThat(warned).hasSize(attempts - 1);
    }
}
