package org.jsrvany.core.win32;

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
                "org.jsrvany.core.win32.CtrlCSender", "364", "468");
        assertThat(args.subList(args.size() - 3, args.size()))
                .containsExactly(CtrlCSender.class.getName(), "364", "468");
    }

    @Test
    void exitCodesMapOneToOne() {
        assertThat(List.of(CtrlCHelper.SENT, CtrlCHelper.NO_CONSOLE, CtrlCHelper.FAILED, CtrlCSender.USAGE))
                .doesNotHaveDuplicates();
    }
}
