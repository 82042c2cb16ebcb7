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

    /**
     * The helper within the stop step's budget: each run bounded by 30 s or the time left, a second run
     * only after a reported failure and only with at least 1 s left, none at all without time.
     * Columns: budget; first verdict and how long it took; second verdict; result; the bound of each run.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "budget {0} ms: {1} in {2} ms, then {3} -> {4}, bounds {5}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = ';', value = {
        "10000; SENT;       500;   FAILED;     SENT;       10000",
        "60000; SENT;       500;   FAILED;     SENT;       30000",
        "10000; FAILED;     2000;  SENT;       SENT;       10000 8000",
        "10000; NO_CONSOLE; 2000;  SENT;       SENT;       10000 8000",
        "90000; FAILED;     30000; FAILED;     FAILED;     30000 30000",
        "10000; NO_CONSOLE; 9500;  SENT;       NO_CONSOLE; 10000",
        "5000;  FAILED;     5000;  SENT;       FAILED;     5000",
        "0;     SENT;       0;     SENT;       FAILED;     ''",
    })
    void theHelperStaysWithinTheStepsBudgetAndRetriesOnlyWithTimeLeft(long budget, ConsoleCtrl.Delivery first,
            long firstTakes, ConsoleCtrl.Delivery second, ConsoleCtrl.Delivery result, String bounds) {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);
        java.util.List<Long> given = new java.util.ArrayList<>();
        java.util.List<ConsoleCtrl.Delivery> warned = new java.util.ArrayList<>();

        ConsoleCtrl.Delivery got = CtrlCHelper.withinBudget(java.time.Duration.ofMillis(budget), now::get, bound -> {
            given.add(bound.toMillis());
            if (given.size() == 1) {
                now.addAndGet(firstTakes * 1_000_000L);
                return first;
            }
            return second;
        }, warned::add);

        assertThat(got).isEqualTo(result);
        assertThat(given).containsExactlyElementsOf(bounds.isBlank() ? List.of()
                : java.util.Arrays.stream(bounds.trim().split(" +")).map(Long::valueOf).toList());
        assertThat(warned).hasSize(Math.max(0, given.size() - 1));
        assertThat(given.stream().mapToLong(Long::longValue).max().orElse(0)).as("never beyond one helper's bound")
                .isLessThanOrEqualTo(CtrlCHelper.BOUND.toMillis());
    }

    /** Where Ctrl+C runs: a wrapper on any console (with or without a window) never frees it. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} processes on its console, window {1} -> {2}")
    @org.junit.jupiter.params.provider.CsvSource({
        "0, false, IN_PROCESS",
        "1, true,  HELPER",
        "3, true,  HELPER",
        "1, false, HELPER",
        "0, true,  HELPER",
    })
    void theWrapperAttachesItselfOnlyWhenItHasNoConsole(int consoleProcesses, boolean window, ConsoleCtrl.Route route) {
        assertThat(ConsoleCtrl.route(consoleProcesses, window)).isEqualTo(route);
    }
}
