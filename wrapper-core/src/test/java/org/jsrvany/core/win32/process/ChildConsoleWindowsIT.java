package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.StopStep;
import org.jsrvany.core.process.ChildProcess;
import org.jsrvany.core.process.ProcessControl;
import org.jsrvany.core.win32.WindowsTestSupport;
import org.jsrvany.samples.Fixture;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * AppConsoleCodePage through the Windows process control, with the fixture as the program (its dump holds
 * {@code GetConsoleCP} and {@code GetConsoleOutputCP} as it saw them at start): the console the wrapper makes,
 * what the wrapper is left with afterwards, a code page Windows refuses, and the foreground, whose console is
 * never touched.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(180)
class ChildConsoleWindowsIT {
    static {
        WindowsTestSupport.useMinimalLoggingIfLogbackCannotConfigure();
    }

    private static final Duration BOUND = Duration.ofSeconds(60);
    /**
     * Measured under Wine 8: a process started on Wine's shell console (as the lane's test JVM is) that leaves it
     * ({@code FreeConsole}) and makes a console ({@code AllocConsole}) gets one whose code pages cannot be read or
     * set ({@code GetConsoleCP} returns 0, {@code SetConsoleCP} and {@code SetConsoleOutputCP} fail with error 6).
     * A service is started with no console at all, and there the same calls work under Wine too:
     * {@code ConsoleCodePageWindowsIT} (installer) runs this path in a real service in the lane.
     */
    private static final String WINE_SHELL_CONSOLE = "Wine 8 differs from Windows: after leaving Wine's shell console,"
            + " a console from AllocConsole has no code page that can be read or set (error 6); the service path is"
            + " shown under Wine by the installer's ConsoleCodePageWindowsIT";
    private static final int[] STD = {Kernel32Ex.STD_INPUT_HANDLE, Kernel32Ex.STD_OUTPUT_HANDLE,
            Kernel32Ex.STD_ERROR_HANDLE};

    @TempDir
    Path dir;

    private final WinTree tree = new WinTree();

    @BeforeAll
    static void likeAService() {
        Kernel32.INSTANCE.FreeConsole(); // fails harmlessly when there is none
    }

    @AfterEach
    void cleanUp() {
        tree.close();
    }

    private static ServiceConfig load(int codePage, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), Fixture.class.getName()));
        args.addAll(List.of(flags));
        return new ConfigLoader(System.getenv(), true, w -> {
        }).load("console-cp-it", new MapSource("test").put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(args))
                .put(Param.APP_CONSOLE_CODE_PAGE, new RawValue.Dword(codePage)));
    }

    /** Launches the fixture (dump, pids file, shutdown marker, sleeping) and waits until it has written its dump. */
    private ChildProcess launch(ProcessControl control, int codePage) throws Exception {
        ChildProcess child = tree.track(control.launch(load(codePage, "--dump", dir.resolve("dump").toString(),
                "--pids-file", dir.resolve("pids").toString(), "--shutdown-marker", dir.resolve("graceful").toString(),
                "--sleep-forever")));
        new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        tree.awaitPids(dir.resolve("pids"), 0, BOUND);
        return child;
    }

    private Properties dump() throws Exception {
        Properties seen = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("dump"), StandardCharsets.UTF_8)) {
            seen.load(in);
        }
        return seen;
    }

    private static HANDLE[] stdHandles() {
        HANDLE[] handles = new HANDLE[STD.length];
        for (int i = 0; i < STD.length; i++) {
            handles[i] = Kernel32.INSTANCE.GetStdHandle(STD[i]);
        }
        return handles;
    }

    private void ctrlCStops(ChildProcess child) throws Exception {
        assertThat(child.deliver(StopStep.CONSOLE, BOUND)).as("Ctrl+C delivered to the program's console").isTrue();
        assertThat(child.onExit().get(30, TimeUnit.SECONDS)).as("the JVM's exit code after Ctrl+C").isEqualTo(130);
        assertThat(dir.resolve("graceful")).as("its shutdown hooks ran").exists();
    }

    @Test
    void aServiceMakesTheConsoleWithTheCodePageAndIsOnNoConsoleAgainBeforeTheProgramRuns() throws Exception {
        assumeFalse(WindowsTestSupport.isWine(), WINE_SHELL_CONSOLE);
        assertThat(ConsoleCtrl.currentRoute()).as("the test JVM is on no console, like a service")
                .isEqualTo(ConsoleCtrl.Route.IN_PROCESS);
        HANDLE[] before = stdHandles();

        ChildProcess child = launch(WindowsProcesses.processControl(), 65001);

        assertThat(((WindowsChild) child).console()).isEqualTo(ConsoleMode.INHERITED);
        assertThat(child.launchWarnings()).isEmpty();
        assertThat(dump().getProperty("console.outputcp")).as("the output code page the program saw at start")
                .isEqualTo("65001");
        assertThat(dump().getProperty("console.cp")).as("the input code page, as chcp sets both").isEqualTo("65001");
        assertThat(ConsoleCtrl.currentRoute()).as("the wrapper left the console it made").isEqualTo(ConsoleCtrl.Route.IN_PROCESS);
        assertThat(Kernel32.INSTANCE.GetConsoleWindow()).isNull();
        assertThat(stdHandles()).as("the wrapper's own standard handles are back").isEqualTo(before);

        ctrlCStops(child);
    }

    @Test
    void aCodePageWindowsRefusesIsALaunchWarningAndTheProgramStartsOnAConsoleAsWindowsMakesIt() throws Exception {
        assumeFalse(WindowsTestSupport.isWine(), WINE_SHELL_CONSOLE);
        HANDLE[] before = stdHandles();

        ChildProcess child = launch(WindowsProcesses.processControl(), 9999);

        assertThat(child.launchWarnings()).singleElement().asString()
                .startsWith("AppConsoleCodePage 9999 is not applied: the wrapper could not make the program's console:")
                .contains("SetConsoleCP(9999)", "error 87", "is code page 9999 installed on this machine?")
                .doesNotContain("..");
        assertThat(((WindowsChild) child).console()).as("the configured console instead").isEqualTo(ConsoleMode.NEW_HIDDEN);
        assertThat(dump().getProperty("console.outputcp")).as("Windows' code page").isNotEqualTo("0")
                .isNotEqualTo("9999");
        assertThat(ConsoleCtrl.currentRoute()).isEqualTo(ConsoleCtrl.Route.IN_PROCESS);
        assertThat(stdHandles()).isEqualTo(before);

        ctrlCStops(child);
    }

    /**
     * In the foreground the wrapper is on the user's console: AppConsoleCodePage is a warning there, and neither
     * the wrapper's console nor its code pages change.
     */
    @Test
    void inTheForegroundTheUsersConsoleKeepsItsCodePages() throws Exception {
        assertThat(Kernel32.INSTANCE.AllocConsole()).as("the test JVM gets a console, as a wrapper in the foreground has")
                .isTrue();
        try {
            boolean wine = WindowsTestSupport.isWine();
            if (wine) {
                assertThat(Kernel32.INSTANCE.GetConsoleOutputCP()).as(WINE_SHELL_CONSOLE + " (so the user's code"
                        + " pages below are 0 before and after, and only the rest of this test shows something)").isZero();
            } else {
                assertThat(Kernel32.INSTANCE.SetConsoleOutputCP(850)).isTrue();
            }
            int output = Kernel32.INSTANCE.GetConsoleOutputCP();
            int input = Kernel32.INSTANCE.GetConsoleCP();

            ChildProcess child = launch(WindowsProcesses.foregroundProcessControl(), 65001);

            assertThat(child.launchWarnings()).singleElement().asString()
                    .startsWith("AppConsoleCodePage 65001 is not applied: the wrapper runs on a console of its own");
            assertThat(((WindowsChild) child).console()).isEqualTo(ConsoleMode.NO_WINDOW);
            assertThat(dump().getProperty("console.outputcp")).isNotEqualTo("65001");
            assertThat(Kernel32.INSTANCE.GetConsoleOutputCP()).as("the user's console keeps its output code page")
                    .isEqualTo(output);
            assertThat(Kernel32.INSTANCE.GetConsoleCP()).as("and its input code page").isEqualTo(input);
            assertThat(ConsoleCtrl.currentRoute()).as("still on the user's console").isEqualTo(ConsoleCtrl.Route.HELPER);
        } finally {
            Kernel32.INSTANCE.FreeConsole();
        }
    }
}
