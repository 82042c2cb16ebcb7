package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.jna.platform.win32.Kernel32;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.ServiceConfig;
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
     * Measured under Wine 8 without an X display (the lane): a console whose host needs a window ({@code AllocConsole},
     * as the wrapper makes it) cannot be served on the interactive window station the lane's processes run on:
     * {@code conhost} fails to create its window ("no driver could be loaded"), {@code AllocConsole} still returns
     * TRUE, and the console's code pages cannot be read or set ({@code GetConsoleCP} returns 0, {@code SetConsoleCP}
     * and {@code SetConsoleOutputCP} fail with error 6). A service runs on the service manager's non-interactive
     * window station, where the same calls work under Wine too: {@code ConsoleCodePageWindowsIT} (installer) runs this
     * path in a real service in the lane. On Windows these tests run here.
     */
    private static final String WINE_NO_DISPLAY = "Wine 8 without an X display differs from Windows: a console from"
            + " AllocConsole on the interactive window station has no code page that can be read or set (error 6);"
            + " the installer's ConsoleCodePageWindowsIT shows this path in a real service under Wine";

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

    /**
     * Runs {@link ServiceLikeLaunch} in a process started with no console ({@code DETACHED_PROCESS}), as the service
     * manager starts a service; its results.
     */
    private Properties launchLikeAService(int codePage) throws Exception {
        assumeFalse(WindowsTestSupport.isWine(), WINE_NO_DISPLAY);
        Path work = Files.createDirectories(dir.resolve("work"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java.exe").toString();
        String commandLine = "\"" + java + "\" -Xrs -cp \"" + System.getProperty("java.class.path") + "\" "
                + ServiceLikeLaunch.class.getName() + " " + codePage + " \"" + work + "\"";
        try (ProcessHandleW wrapper = ProcessHandleW.startDetached(commandLine)) {
            java.util.OptionalInt exit = wrapper.waitFor(Duration.ofSeconds(150));
            if (exit.isEmpty()) {
                wrapper.terminate(1); // its job ends the program with it
            }
            assertThat(exit).as("the service-like wrapper finished").isPresent();
        }
        Properties result = new Properties();
        try (Reader in = Files.newBufferedReader(work.resolve("result.properties"), StandardCharsets.UTF_8)) {
            result.load(in);
        }
        assertThat(result.getProperty("failure")).as("the service-like wrapper's own failure").isNull();
        assertThat(result.getProperty("routeBefore")).as("started on no console, like a service").isEqualTo("IN_PROCESS");
        return result;
    }

    private static void leftAsItWasAndCtrlCStops(Properties result) {
        assertThat(result.getProperty("routeAfter")).as("the wrapper left the console it made").isEqualTo("IN_PROCESS");
        assertThat(result.getProperty("consoleWindowAfter")).isEqualTo("false");
        assertThat(result.getProperty("stdHandlesBack")).as("the wrapper's own standard handles are back").isEqualTo("true");
        assertThat(result.getProperty("ctrlC")).as("Ctrl+C delivered to the program's console").isEqualTo("true");
        assertThat(result.getProperty("exitCode")).as("the JVM's exit code after Ctrl+C").isEqualTo("130");
    }

    @Test
    void aServiceMakesTheConsoleWithTheCodePageAndIsOnNoConsoleAgainBeforeTheProgramRuns() throws Exception {
        Properties result = launchLikeAService(65001);

        assertThat(result.getProperty("console")).isEqualTo(ConsoleMode.INHERITED.name());
        assertThat(result.getProperty("warnings")).isEmpty();
        assertThat(result.getProperty("child.outputcp")).as("the output code page the program saw at start")
                .isEqualTo("65001");
        assertThat(result.getProperty("child.cp")).as("the input code page, as chcp sets both").isEqualTo("65001");
        leftAsItWasAndCtrlCStops(result);
        assertThat(dir.resolve("work").resolve("graceful")).as("its shutdown hooks ran").exists();
    }

    @Test
    void aCodePageWindowsRefusesIsALaunchWarningAndTheProgramStartsOnAConsoleAsWindowsMakesIt() throws Exception {
        Properties result = launchLikeAService(9999);

        assertThat(result.getProperty("warnings"))
                .startsWith("AppConsoleCodePage 9999 is not applied: the wrapper could not make the program's console:")
                .contains("SetConsoleCP(9999)", "error 87", "is code page 9999 installed on this machine?")
                .doesNotContain("..").doesNotContain("\n");
        assertThat(result.getProperty("console")).as("the configured console instead").isEqualTo(ConsoleMode.NEW_HIDDEN.name());
        assertThat(result.getProperty("child.outputcp")).as("Windows' code page").isNotEqualTo("0").isNotEqualTo("9999");
        leftAsItWasAndCtrlCStops(result);
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
                assertThat(Kernel32.INSTANCE.GetConsoleOutputCP()).as(WINE_NO_DISPLAY + " (so the user's code"
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
