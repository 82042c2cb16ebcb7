package org.jsrvany.core.win32.process;

import org.jsrvany.core.run.Platform;
import org.jsrvany.core.win32.WindowsTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.platform.win32.BaseTSD.ULONG_PTRByReference;
import com.sun.jna.platform.win32.Kernel32;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.StopStep;
import org.jsrvany.core.process.ChildProcess;
import org.jsrvany.core.process.LaunchException;
import org.jsrvany.core.process.ProcessControl;
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
 * The Windows process control with real fixture children (each a Java program started by the
 * running JVM's java.exe): launch, pipes, every stop step, suspend/resume, kill of what is left.
 *
 * <p>The test JVM plays the wrapper. A service has no console; under Wine the lane's JVM starts on
 * a (hidden) console of its own, so the class detaches from it first: Ctrl+C then runs in-process,
 * as in a service. The one test of a wrapper that has a console gives itself one.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(180)
class WindowsProcessControlWindowsIT {
    static {
        WindowsTestSupport.useMinimalLoggingIfLogbackCannotConfigure();
    }

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String UNICODE = "ünïcødé ✓ 中文";

    @TempDir
    Path dir;

    private final WinTree tree = new WinTree();
    private final ProcessControl control = Platform.current().processes();

    @BeforeAll
    static void likeAService() {
        Kernel32.INSTANCE.FreeConsole(); // fails harmlessly when there is none
        assertThat(WinTree.consoleProcesses()).as("the test JVM is on no console, like a service").isEmpty();
    }

    @AfterEach
    void cleanUp() {
        tree.close();
    }

    /** A fixture service: Application is this JVM's java.exe, AppParameters runs the fixture with these flags. */
    private static MapSource fixture(String... flags) {
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), Fixture.class.getName()));
        args.addAll(List.of(flags));
        return new MapSource("test").put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(args));
    }

    private static ServiceConfig load(MapSource source) throws Exception {
        return new ConfigLoader(System.getenv(), true, w -> {
        }).load("winproc-it", source);
    }

    private ChildProcess launch(ServiceConfig config) throws LaunchException {
        return tree.track(control.launch(config));
    }

    @Test
    void theFactoryGivesTheWindowsImplementation() {
        assertThat(control.getClass().getName()).isEqualTo(WindowsProcessControl.class.getName());
    }

    @Test
    void theChildGetsExactlyTheCommandLineEnvironmentAndDirectory() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work dir ü ✓"));
        Path dump = dir.resolve("dump.properties");
        Map<String, String> given = new LinkedHashMap<>();
        for (String name : List.of("SystemRoot", "TEMP", "TMP")) {
            if (System.getenv(name) != null) {
                given.put(name, System.getenv(name));
            }
        }
        given.put("JSRVANY_PLAIN", "1");
        given.put("jsrvany_Mixed_Case", "Mixed");
        given.put("JSRVANY_EQUALS", "a=b=c");
        given.put("JSRVANY_UNICODE", UNICODE);
        List<String> envEntries = new ArrayList<>();
        given.forEach((k, v) -> envEntries.add(k + "=" + v));
        // The raw AppParameters, written by hand: srvany passes it as it is, the child splits it. ASCII only: the
        // Java launcher reads its arguments in the ANSI code page (non-ANSI characters arrive as '?'), which is
        // the child's business, not ours; Unicode is checked in the directory and the environment.
        String raw = "-cp " + WindowsCommandLine.quoteArgument(FixtureCommand.classpath()) + " " + Fixture.class.getName()
                + " --dump " + WindowsCommandLine.quoteArgument(dump.toString())
                + " --exit-code 7 --   a  \"b c\" \"d\\\"e\" \"\" back\\slash\\ \"x\\\\\"";
        ServiceConfig config = load(new MapSource("test")
                .put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, raw)
                .put(Param.APP_DIRECTORY, work.toString())
                .put(Param.APP_ENVIRONMENT, new RawValue.MultiText(envEntries)));

        ChildProcess child = launch(config);
        WinTree.Lines out = new WinTree.Lines(child.stdout(), "stdout");
        WinTree.Lines err = new WinTree.Lines(child.stderr(), "stderr");

        assertThat(child.commandLine()).isEqualTo("\"" + FixtureCommand.javaExecutable() + "\" " + raw)
                .isEqualTo(config.windowsCommandLine());
        assertThat(child.onExit().get(BOUND.toSeconds(), TimeUnit.SECONDS)).as("the fixture's exit code").isEqualTo(7);
        assertThat(out.awaitEnd(BOUND) && err.awaitEnd(BOUND)).as("both pipes reach their end").isTrue();
        assertThat(err.lines()).as("the fixture's stderr").isEmpty();
        Properties seen = WindowsTestSupport.load(dump);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(seen.getProperty("argc")); i++) {
            args.add(seen.getProperty("arg." + i));
        }
        assertThat(args).containsExactly("--dump", dump.toString(), "--exit-code", "7", "--", "a", "b c", "d\"e", "",
                "back\\slash\\", "x\\");
        assertThat(Path.of(seen.getProperty("cwd"))).isEqualTo(work.toAbsolutePath().normalize());
        given.forEach((name, value) ->
                assertThat(seen.getProperty("env." + name)).as("variable %s in the child", name).isEqualTo(value));
        TreeSet<String> extra = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        seen.stringPropertyNames().stream().filter(k -> k.startsWith("env.")).forEach(k -> extra.add(k.substring(4)));
        extra.removeAll(given.keySet());
        if (WindowsTestSupport.isWine()) {
            assertThat(extra).as("Wine differs from Windows: it adds SystemDrive and WINE* variables to every child;"
                    + " nothing else may appear").allMatch(n -> n.equalsIgnoreCase("SystemDrive")
                    || n.toUpperCase(Locale.ROOT).startsWith("WINE"));
        } else {
            assertThat(extra).as("variables the child has but was not given").isEmpty();
        }
    }

    @Test
    void stdoutAndStderrArriveLineByLineThroughThePipes() throws Exception {
        ChildProcess child = launch(load(fixture("--lines", "200", "--err-lines", "150")));
        WinTree.Lines out = new WinTree.Lines(child.stdout(), "stdout");
        WinTree.Lines err = new WinTree.Lines(child.stderr(), "stderr");

        assertThat(child.onExit().get(BOUND.toSeconds(), TimeUnit.SECONDS)).isZero();
        assertThat(out.awaitEnd(BOUND) && err.awaitEnd(BOUND)).as("end of both streams once the child is gone").isTrue();
        List<String> expectedOut = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            expectedOut.add("out " + i);
        }
        List<String> expectedErr = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            expectedErr.add("err " + i);
        }
        assertThat(out.lines()).containsExactlyElementsOf(expectedOut);
        assertThat(err.lines()).containsExactlyElementsOf(expectedErr);
    }

    @Test
    void aBatchFileRunsWithNulAsItsStdin() throws Exception {
        // With a console's stdin, `pause` would wait for a key for ever; with NUL it reads end-of-file at once.
        Path script = dir.resolve("service script.cmd");
        Files.writeString(script, "@echo off\r\necho before %1\r\npause >nul\r\necho after\r\nexit /b 5\r\n",
                StandardCharsets.US_ASCII);
        ChildProcess child = launch(load(new MapSource("test").put(Param.APPLICATION, script.toString())
                .put(Param.APP_PARAMETERS, "first")));
        WinTree.Lines out = new WinTree.Lines(child.stdout(), "stdout");

        assertThat(child.onExit().get(BOUND.toSeconds(), TimeUnit.SECONDS)).as("the script's exit code").isEqualTo(5);
        assertThat(out.awaitEnd(BOUND)).isTrue();
        assertThat(out.lines()).containsExactly("before first", "after");
    }

    @Test
    void ctrlCStopsAChildThatHandlesIt() throws Exception {
        Path pids = dir.resolve("pids");
        Path marker = dir.resolve("graceful");
        ChildProcess child = launch(load(fixture("--sleep-forever", "--pids-file", pids.toString(),
                "--shutdown-marker", marker.toString())));
        new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        tree.awaitPids(pids, 0, BOUND);

        assertThat(child.deliver(StopStep.CONSOLE)).as("Ctrl+C delivered").isTrue();

        assertThat(child.onExit().get(30, TimeUnit.SECONDS)).as("a Java program ends with 130 on Ctrl+C").isEqualTo(130);
        assertThat(marker).as("its shutdown hooks ran: a graceful stop").exists();
        assertThat(WinTree.consoleProcesses()).as("the wrapper left the child's console again").isEmpty();
    }

    @Test
    void aWrapperOnItsOwnConsoleSendsCtrlCThroughAHelperAndKeepsItsConsole() throws Exception {
        Path pids = dir.resolve("pids");
        Path marker = dir.resolve("graceful");
        ChildProcess child = launch(load(fixture("--sleep-forever", "--pids-file", pids.toString(),
                "--shutdown-marker", marker.toString())));
        new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        tree.awaitPids(pids, 0, BOUND);
        assertThat(Kernel32.INSTANCE.AllocConsole()).as("the test JVM gets a console, as a wrapper in the foreground has").isTrue();
        try {
            int self = Kernel32.INSTANCE.GetCurrentProcessId();
            assertThat(WinTree.consoleProcesses()).containsExactly(self);

            assertThat(child.deliver(StopStep.CONSOLE)).as("Ctrl+C delivered by the helper").isTrue();

            assertThat(child.onExit().get(30, TimeUnit.SECONDS)).isEqualTo(130);
            assertThat(marker).exists();
            assertThat(WinTree.consoleProcesses()).as("the wrapper is still on its own console, alone")
                    .containsExactly(self);
        } finally {
            Kernel32.INSTANCE.FreeConsole();
        }
    }

    @Test
    void ctrlCReachesEveryProcessOnTheChildsConsole() throws Exception {
        // A script's programs share its console: one Ctrl+C reaches cmd.exe and both Java programs it started.
        WinTree.TickingTree ticking = WinTree.TickingTree.write(dir);
        ChildProcess child = launch(load(new MapSource("test").put(Param.APPLICATION, ticking.script().toString())));
        new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        assertThat(ticking.bothTicking(BOUND)).as("both grandchildren tick").isTrue();

        assertThat(child.deliver(StopStep.CONSOLE)).isTrue();

        child.onExit().get(30, TimeUnit.SECONDS);
        // No terminate, no killRemaining and the job still open: only the Ctrl+C can end them.
        assertThat(ticking.fallSilentWithin(Duration.ofMillis(600), BOUND))
                .as("both grandchildren ended by the same Ctrl+C, before any kill").isTrue();
    }

    @Test
    void withoutAConsoleCtrlCIsNotDelivered() throws Exception {
        Path pids = dir.resolve("pids");
        ChildProcess child = launch(load(fixture("--sleep-forever", "--pids-file", pids.toString(), "--lines", "1")
                .put(Param.APP_NO_CONSOLE, new RawValue.Dword(1))));
        WinTree.Lines out = new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        List<ProcessHandleW> processes = tree.awaitPids(pids, 0, BOUND);

        assertThat(child.deliver(StopStep.CONSOLE)).as("AppNoConsole=1: no console to send Ctrl+C to").isFalse();
        assertThat(WinTree.running(processes.get(0))).isTrue();
        assertThat(WindowsTestSupport.await(BOUND, () -> !linesOf(out).isEmpty())).isTrue();
        assertThat(linesOf(out)).containsExactly("out 1");
    }

    private static List<String> linesOf(WinTree.Lines lines) {
        try {
            return lines.lines();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theWindowStepFindsNoWindowUnderWine() throws Exception {
        assumeTrue(WindowsTestSupport.isWine(), "On Windows the child's hidden console window would take WM_CLOSE"
                + " (not covered here: needs a real Windows host)");
        Path pids = dir.resolve("pids");
        ChildProcess child = launch(load(fixture("--sleep-forever", "--pids-file", pids.toString())));
        new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        List<ProcessHandleW> processes = tree.awaitPids(pids, 0, BOUND);

        assertThat(child.deliver(StopStep.WINDOW))
                .as("Wine differs from Windows: headless Wine has no windows at all (no console window either), so"
                        + " WM_CLOSE finds nobody and the step reports 'not delivered'")
                .isFalse();
        assertThat(WinTree.running(processes.get(0))).isTrue();
    }

    @Test
    void theThreadsStepPostsWmQuitWithoutKillingAJavaChild() throws Exception {
        Path pids = dir.resolve("pids");
        ChildProcess child = launch(load(fixture("--sleep-forever", "--pids-file", pids.toString())));
        new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        List<ProcessHandleW> processes = tree.awaitPids(pids, 0, BOUND);

        boolean delivered = child.deliver(StopStep.THREADS);

        if (WindowsTestSupport.isWine()) {
            assertThat(delivered).as("under Wine one thread of a Java process has a message queue and takes WM_QUIT")
                    .isTrue();
        }
        assertThat(child.onExit().completeOnTimeout(-1, 500, TimeUnit.MILLISECONDS).get())
                .as("a Java program pumps no messages: WM_QUIT does not end it").isEqualTo(-1);
        assertThat(WinTree.running(processes.get(0))).isTrue();
    }

    @Test
    void terminateEndsTheWholeTree() throws Exception {
        Path pids = dir.resolve("pids");
        ChildProcess child = launch(load(fixture("--ignore-sigint", "--spawn-grandchildren", "2",
                "--pids-file", pids.toString())));
        WinTree.Lines out = new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        List<ProcessHandleW> processes = tree.awaitPids(pids, 2, BOUND);

        assertThat(child.deliver(StopStep.TERMINATE)).isTrue();

        assertThat(child.onExit().get(30, TimeUnit.SECONDS)).isEqualTo(WindowsChild.TERMINATED_EXIT_CODE);
        assertThat(WinTree.awaitEnded(processes, Duration.ofSeconds(30))).as("child and grandchildren ended").isTrue();
        assertThat(out.awaitEnd(Duration.ofSeconds(30))).as("no grandchild holds the pipe any more").isTrue();
    }

    @Test
    void withoutKillProcessTreeTheMainProcessStillDiesWithTheWrapper() throws Exception {
        Path pids = dir.resolve("pids");
        ChildProcess child = launch(load(fixture("--sleep-forever", "--spawn-grandchildren", "1", "--pids-file",
                pids.toString()).put(Param.APP_KILL_PROCESS_TREE, new RawValue.Dword(0))));
        new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        List<ProcessHandleW> processes = tree.awaitPids(pids, 1, BOUND);
        JobObject mainOnly = ((WindowsChild) child).lifeJob();
        assertThat(mainOnly).as("AppKillProcessTree=0 still ties the main process to the wrapper").isNotNull();
        assertThat(mainOnly.processIds()).contains(processes.get(0).pid());

        mainOnly.close(); // what the wrapper's death does: its last handle to the job goes

        assertThat(processes.get(0).waitFor(Duration.ofSeconds(30))).as("the main process ended").isPresent();
        assertThat(WinTree.running(processes.get(1)))
                .as("the grandchild broke away from the job silently and is left alone, as AppKillProcessTree=0 asks")
                .isTrue();
    }

    @Test
    void killRemainingEndsWhatTheMainProcessLeftBehind() throws Exception {
        Path pids = dir.resolve("pids");
        ChildProcess child = launch(load(fixture("--spawn-grandchildren", "2", "--pids-file", pids.toString(),
                "--exit-after", "300", "--exit-code", "4")));
        WinTree.Lines out = new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        List<ProcessHandleW> processes = tree.awaitPids(pids, 2, BOUND);

        assertThat(child.onExit().get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo(4);
        List<ProcessHandleW> grandchildren = processes.subList(1, 3);
        assertThat(grandchildren).as("the grandchildren outlive the main process").allMatch(WinTree::running);
        assertThat(out.awaitEnd(Duration.ofMillis(300))).as("they still hold the output pipe").isFalse();

        child.killRemaining();

        assertThat(WinTree.awaitEnded(grandchildren, Duration.ofSeconds(30))).as("grandchildren ended").isTrue();
        assertThat(out.awaitEnd(Duration.ofSeconds(30))).as("the output pipe reached its end").isTrue();
    }

    @Test
    void suspendFreezesTheWholeTreeAndResumeThawsIt() throws Exception {
        WinTree.TickingTree ticking = WinTree.TickingTree.write(dir);
        ChildProcess child = launch(load(new MapSource("test").put(Param.APPLICATION, ticking.script().toString())));
        new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        assertThat(ticking.bothTicking(BOUND)).as("both grandchildren tick").isTrue();

        child.suspend();

        String frozenAt = ticking.ticks();
        assertThat(ticking.eitherAdvancesFrom(frozenAt, Duration.ofMillis(600))).as("no grandchild ticks while frozen")
                .isFalse();
        if (!WindowsTestSupport.isWine()) {
            // Wine differs: its SuspendThread reports a thread's own count, without NtSuspendProcess's share.
            assertThat(WinTree.suspendCounts((int) child.pid())).as("every thread of the main process is suspended")
                    .isNotEmpty().allMatch(c -> c >= 1);
        }

        child.resume();

        assertThat(ticking.bothAdvanceFrom(frozenAt, Duration.ofSeconds(10))).as("both tick again").isTrue();
        if (!WindowsTestSupport.isWine()) {
            assertThat(WinTree.suspendCounts((int) child.pid())).allMatch(c -> c == 0);
        }
    }

    static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void priorityClassAndAffinityAreApplied() throws Exception {
        Path pids = dir.resolve("pids");
        ChildProcess child = launch(load(fixture("--sleep-forever", "--pids-file", pids.toString())
                .put(Param.APP_PRIORITY, new RawValue.Dword(0x4000))
                .put(Param.APP_AFFINITY, "0")));
        new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        ProcessHandleW main = tree.awaitPids(pids, 0, BOUND).get(0);

        assertThat(Kernel32.INSTANCE.GetPriorityClass(main.processHandle()).intValue()).as("BELOW_NORMAL_PRIORITY_CLASS")
                .isEqualTo(0x4000);
        ULONG_PTRByReference processMask = new ULONG_PTRByReference();
        ULONG_PTRByReference systemMask = new ULONG_PTRByReference();
        assertThat(Kernel32.INSTANCE.GetProcessAffinityMask(main.processHandle(), processMask, systemMask)).isTrue();
        assertThat(processMask.getValue().longValue()).as("only CPU 0").isEqualTo(1L);
    }

    @Test
    void aMissingProgramFailsWithError2() throws Exception {
        ServiceConfig valid = load(fixture("--exit-after", "0"));
        Path missing = dir.resolve("no such program.exe");
        ServiceConfig config = new ServiceConfig(valid.serviceName(), missing, valid.parameters(), valid.directory(),
                valid.environment(), valid.exitActions(), valid.throttle(), valid.restartDelay(), valid.stopPolicy(),
                valid.output(), valid.pauseMode(), valid.windows());

        assertThatThrownBy(() -> launch(config)).isInstanceOfSatisfying(LaunchException.class, e -> {
            assertThat(e.systemError()).hasValue(2);
            assertThat(e.getMessage()).contains(missing.toString()).contains("error 2");
        });
    }

    @Test
    void aFileThatIsNoProgramFailsWithError193() throws Exception {
        ServiceConfig valid = load(fixture("--exit-after", "0"));
        Path text = Files.writeString(dir.resolve("notes.exe"), "not a program");
        ServiceConfig config = new ServiceConfig(valid.serviceName(), text, "", valid.directory(), valid.environment(),
                valid.exitActions(), valid.throttle(), valid.restartDelay(), valid.stopPolicy(), valid.output(),
                valid.pauseMode(), valid.windows());

        assertThatThrownBy(() -> launch(config)).isInstanceOfSatisfying(LaunchException.class, e -> {
            assertThat(e.systemError()).hasValue(193);
            assertThat(e.getMessage()).contains(text.toString()).contains("not a Windows program");
        });
    }

    @Test
    void closeLeavesARunningChildRunning() throws Exception {
        Path pids = dir.resolve("pids");
        ChildProcess child = launch(load(fixture("--sleep-forever", "--pids-file", pids.toString())));
        new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        ProcessHandleW main = tree.awaitPids(pids, 0, BOUND).get(0);

        child.close();
        child.close();

        assertThat(main.waitFor(Duration.ofMillis(500))).as("closing our handles kills nothing (the job stays open)")
                .isEmpty();
        assertThat(child.deliver(StopStep.TERMINATE)).as("a closed child takes no more steps").isFalse();
        main.terminate(1); // the job was kept on purpose; end the child by hand
    }

    /**
     * The child inherits its standard handles and nothing else ({@code PROC_THREAD_ATTRIBUTE_HANDLE_LIST}):
     * an inheritable pipe end the wrapper holds stays the wrapper's. The control case shows the check can
     * fail: a plain {@code CreateProcessW} with {@code bInheritHandles} TRUE hands the same pipe end over.
     */
    @Test
    void anInheritableHandleOfTheWrapperIsNotInheritedByTheChild() throws Exception {
        Path pids = dir.resolve("pids");
        try (WinTree.InheritablePipe extra = new WinTree.InheritablePipe()) {
            ChildProcess child = launch(load(fixture("--sleep-forever", "--pids-file", pids.toString())));
            new WinTree.Lines(child.stdout(), "stdout");
            new WinTree.Lines(child.stderr(), "stderr");
            ProcessHandleW main = tree.awaitPids(pids, 0, BOUND).get(0);
            extra.closeOurWriteEnd();

            assertThat(WinTree.running(main)).isTrue();
            assertThat(extra.heldElsewhere()).as("the running child does not hold the wrapper's inheritable pipe end")
                    .isFalse();
        }
        try (WinTree.InheritablePipe extra = new WinTree.InheritablePipe();
             ProcessHandleW plain = startInheritingEverything("\"" + FixtureCommand.javaExecutable() + "\" -cp \""
                     + FixtureCommand.classpath() + "\" " + Fixture.class.getName() + " --sleep-forever")) {
            extra.closeOurWriteEnd();
            try {
                assertThat(extra.heldElsewhere()).as("control: without the handle list the child holds it").isTrue();
            } finally {
                plain.terminate(1);
            }
        }
    }

    /**
     * The same for a batch file, whose program Windows runs through cmd.exe with the same attributes. Wine
     * differs: its CreateProcess drops the handle list when it starts cmd.exe for a .bat/.cmd program
     * (kernelbase's create_cmd_process passes no list), so there the script inherits every inheritable
     * handle, as without the list.
     */
    @Test
    void aBatchChildGetsTheHandleListToo() throws Exception {
        Path script = dir.resolve("wait.cmd");
        Path started = dir.resolve("started");
        Files.writeString(script, "@echo off\r\necho x> \"" + started + "\"\r\nping -n 60 127.0.0.1 >nul\r\n",
                StandardCharsets.US_ASCII);
        try (WinTree.InheritablePipe extra = new WinTree.InheritablePipe()) {
            ChildProcess child = launch(load(new MapSource("test").put(Param.APPLICATION, script.toString())));
            new WinTree.Lines(child.stdout(), "stdout");
            new WinTree.Lines(child.stderr(), "stderr");
            assertThat(WindowsTestSupport.await(BOUND, () -> Files.exists(started))).as("the script runs").isTrue();
            extra.closeOurWriteEnd();

            if (WindowsTestSupport.isWine()) {
                assertThat(extra.heldElsewhere()).as("Wine differs from Windows: it ignores the handle list for a"
                        + " .bat/.cmd program, so the script holds the wrapper's inheritable pipe end").isTrue();
            } else {
                assertThat(extra.heldElsewhere()).as("the script does not hold the wrapper's inheritable pipe end")
                        .isFalse();
            }
            child.deliver(StopStep.TERMINATE);
        }
    }

    /** {@code CreateProcessW} as it was before the handle list: every inheritable handle goes to the child. */
    private static ProcessHandleW startInheritingEverything(String commandLine) {
        com.sun.jna.platform.win32.WinBase.STARTUPINFO startup = new com.sun.jna.platform.win32.WinBase.STARTUPINFO();
        com.sun.jna.platform.win32.WinBase.PROCESS_INFORMATION info = new com.sun.jna.platform.win32.WinBase.PROCESS_INFORMATION();
        assertThat(Kernel32.INSTANCE.CreateProcessW(null, (commandLine + "\0").toCharArray(), null, null, true,
                new com.sun.jna.platform.win32.WinDef.DWORD(Kernel32Ex.CREATE_NO_WINDOW), null, null, startup, info))
                .as("CreateProcessW(%s)", commandLine).isTrue();
        Kernel32.INSTANCE.CloseHandle(info.hThread);
        Kernel32.INSTANCE.CloseHandle(info.hProcess);
        return ProcessHandleW.open(info.dwProcessId.intValue(), 0x00100000 | Kernel32Ex.PROCESS_TERMINATE
                | Kernel32Ex.PROCESS_QUERY_LIMITED_INFORMATION);
    }

    @Test
    void theAffinityNamesCpusOfTheMachinesOnlyGroupAndDropsThoseItLacks() throws Exception {
        List<Integer> groups = ProcessorGroups.activeCounts();
        assertThat(groups).as("active CPUs per processor group").isNotEmpty().allMatch(n -> n > 0);
        assumeTrue(groups.size() == 1 && groups.get(0) >= 2, "needs one processor group of at least 2 CPUs (here "
                + groups + "); a machine with several groups is not available to this lane");
        int last = groups.get(0) - 1;
        Path pids = dir.resolve("pids");
        ChildProcess child = launch(load(fixture("--sleep-forever", "--pids-file", pids.toString())
                .put(Param.APP_AFFINITY, last + "," + (last + 1) + "-" + (last + 3))));
        new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        ProcessHandleW main = tree.awaitPids(pids, 0, BOUND).get(0);

        ULONG_PTRByReference processMask = new ULONG_PTRByReference();
        ULONG_PTRByReference systemMask = new ULONG_PTRByReference();
        assertThat(Kernel32.INSTANCE.GetProcessAffinityMask(main.processHandle(), processMask, systemMask)).isTrue();
        assertThat(processMask.getValue().longValue()).as("only the last CPU; the three beyond the machine dropped")
                .isEqualTo(1L << last);
    }

    @Test
    void anAffinityNamingNoCpuOfTheMachineIsALaunchFailureBeforeAnythingRuns() throws Exception {
        int total = ProcessorGroups.activeCounts().stream().mapToInt(Integer::intValue).sum();
        ServiceConfig config = load(fixture("--exit-after", "0").put(Param.APP_AFFINITY, Integer.toString(total + 5)));

        assertThatThrownBy(() -> launch(config)).isInstanceOfSatisfying(LaunchException.class, e -> assertThat(
                e.getMessage()).contains("AppAffinity asks for CPUs " + (total + 5)).contains("only CPUs 0-" + (total - 1)));
    }

    /**
     * In the foreground each child's console has no window at all ({@code CREATE_NO_WINDOW}: nothing for
     * Windows Terminal to show), and Ctrl+C still reaches it, through the helper since the wrapper has a
     * console of its own.
     */
    @Test
    void inTheForegroundTheChildsWindowlessConsoleStillTakesCtrlC() throws Exception {
        Path pids = dir.resolve("pids");
        Path marker = dir.resolve("graceful");
        ChildProcess child = tree.track(WindowsProcesses.foregroundProcessControl().launch(load(fixture("--sleep-forever",
                "--pids-file", pids.toString(), "--shutdown-marker", marker.toString()))));
        new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        tree.awaitPids(pids, 0, BOUND);
        assertThat(((WindowsChild) child).console()).isEqualTo(ConsoleMode.NO_WINDOW);
        assertThat(Kernel32.INSTANCE.AllocConsole()).as("the test JVM gets a console, as a wrapper in the foreground has")
                .isTrue();
        try {
            assertThat(ConsoleCtrl.currentRoute()).isEqualTo(ConsoleCtrl.Route.HELPER);

            assertThat(child.deliver(StopStep.CONSOLE, Duration.ofSeconds(60))).as("Ctrl+C delivered by the helper")
                    .isTrue();

            assertThat(child.onExit().get(30, TimeUnit.SECONDS)).isEqualTo(130);
            assertThat(marker).as("its shutdown hooks ran").exists();
        } finally {
            Kernel32.INSTANCE.FreeConsole();
        }
        assertThat(ConsoleCtrl.currentRoute()).as("without a console the wrapper attaches itself")
                .isEqualTo(ConsoleCtrl.Route.IN_PROCESS);
    }
}
