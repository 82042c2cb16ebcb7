package org.jsrvany.core.win32.process;

import org.jsrvany.core.run.Platform;
import org.jsrvany.core.win32.WindowsTestSupport;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.platform.win32.Kernel32;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.process.ProcessControl;
import org.jsrvany.core.supervisor.DiscardOutput;
import org.jsrvany.core.supervisor.ExitDecision;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.ServiceState;
import org.jsrvany.core.supervisor.Supervisor;
import org.jsrvany.core.supervisor.SupervisorListener;
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
 * The real {@link Supervisor} driving the Windows process control: the stop ladder against a
 * child that ignores Ctrl+C, pause/continue, restarts, a failed launch, AppKillProcessTree=0.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(180)
class SupervisionWindowsIT {
    static {
        WindowsTestSupport.useMinimalLoggingIfLogbackCannotConfigure();
    }

    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final WinTree tree = new WinTree();
    private final List<ServiceState> states = Collections.synchronizedList(new ArrayList<>());
    private final List<ExitDecision> decisions = Collections.synchronizedList(new ArrayList<>());
    private Supervisor supervisor;

    @BeforeAll
    static void likeAService() {
        Kernel32.INSTANCE.FreeConsole(); // a service has no console (Wine starts the lane's JVM on a hidden one)
    }

    @AfterEach
    void cleanUp() {
        try {
            if (supervisor != null && !supervisor.outcome().isDone()) {
                supervisor.stop();
                supervisor.outcome().orTimeout(60, TimeUnit.SECONDS).join();
            }
        } finally {
            tree.close();
        }
    }

    private static MapSource fixture(String... flags) {
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), Fixture.class.getName()));
        args.addAll(List.of(flags));
        return new MapSource("test").put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(args));
    }

    private static ServiceConfig load(MapSource source) throws Exception {
        return new ConfigLoader(System.getenv(), true, w -> {
        }).load("winproc-supervised", source);
    }

    private Supervisor supervise(ServiceConfig config) {
        supervisor = Supervisor.create(config, Platform.current().processes(), new DiscardOutput(), new SupervisorListener() {
            @Override
            public void stateChanged(ServiceState state, Duration waitHint) {
                states.add(state);
            }

            @Override
            public void childExited(long pid, int exitCode, Duration runTime, ExitDecision decision) {
                decisions.add(decision);
            }
        }, Clock.systemUTC(), Scheduler.system());
        supervisor.start();
        return supervisor;
    }

    @Test
    void stopEndsAChildThatHandlesCtrlCGracefully() throws Exception {
        Path pids = dir.resolve("pids");
        Path marker = dir.resolve("graceful");
        supervise(load(fixture("--sleep-forever", "--pids-file", pids.toString(), "--shutdown-marker", marker.toString())
                .put(Param.APP_STOP_METHOD_CONSOLE, new RawValue.Dword(20_000))));
        ProcessHandleW child = tree.awaitPids(pids, 0, BOUND).get(0);

        long start = System.nanoTime();
        supervisor.stop();

        assertThat(supervisor.outcome().get(30, TimeUnit.SECONDS)).isEqualTo(new ServiceOutcome.StoppedOnRequest());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("ended by Ctrl+C, long before the 20 s wait ran out")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(marker).as("graceful: its shutdown hooks ran").exists();
        assertThat(child.waitFor(Duration.ofSeconds(10))).hasValue(130);
    }

    @Test
    void aTreeIgnoringCtrlCIsTerminatedWithinTheLadderGrandchildrenIncluded() throws Exception {
        Path pids = dir.resolve("pids");
        Path marker = dir.resolve("graceful");
        supervise(load(fixture("--ignore-sigint", "--spawn-grandchildren", "2", "--pids-file", pids.toString(),
                "--shutdown-marker", marker.toString())
                .put(Param.APP_STOP_METHOD_CONSOLE, new RawValue.Dword(300))
                .put(Param.APP_STOP_METHOD_WINDOW, new RawValue.Dword(300))
                .put(Param.APP_STOP_METHOD_THREADS, new RawValue.Dword(300))));
        List<ProcessHandleW> processes = tree.awaitPids(pids, 2, BOUND);

        long start = System.nanoTime();
        supervisor.stop();

        // Ladder bound: 3 x 300 ms of waits, then the job is terminated; the outcome follows the exit at once.
        assertThat(supervisor.outcome().get(30, TimeUnit.SECONDS)).isEqualTo(new ServiceOutcome.StoppedOnRequest());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(WinTree.awaitEnded(processes, Duration.ofSeconds(10))).as("child and both grandchildren ended").isTrue();
        assertThat(processes.get(0).waitFor(Duration.ZERO)).as("terminated, not stopped by Ctrl+C")
                .hasValue(WindowsChild.TERMINATED_EXIT_CODE);
        assertThat(marker).as("Ctrl+C was ignored: no graceful end").doesNotExist();
    }

    @Test
    void withoutKillProcessTreeOnlyTheMainProcessIsTerminated() throws Exception {
        Path pids = dir.resolve("pids");
        supervise(load(fixture("--ignore-sigint", "--spawn-grandchildren", "1", "--pids-file", pids.toString())
                .put(Param.APP_KILL_PROCESS_TREE, new RawValue.Dword(0))
                .put(Param.APP_STOP_METHOD_CONSOLE, new RawValue.Dword(200))
                .put(Param.APP_STOP_METHOD_WINDOW, new RawValue.Dword(200))
                .put(Param.APP_STOP_METHOD_THREADS, new RawValue.Dword(200))));
        List<ProcessHandleW> processes = tree.awaitPids(pids, 1, BOUND);

        supervisor.stop();

        assertThat(supervisor.outcome().get(30, TimeUnit.SECONDS)).isEqualTo(new ServiceOutcome.StoppedOnRequest());
        assertThat(processes.get(0).waitFor(Duration.ofSeconds(10))).hasValue(WindowsChild.TERMINATED_EXIT_CODE);
        assertThat(WinTree.running(processes.get(1))).as("the grandchild is left alone, as AppKillProcessTree=0 asks")
                .isTrue();
    }

    @Test
    void pauseFreezesTheTreeAndContinueThawsIt() throws Exception {
        WinTree.TickingTree ticking = WinTree.TickingTree.write(dir);
        supervise(load(new MapSource("test").put(Param.APPLICATION, ticking.script().toString())));
        assertThat(ticking.bothTicking(BOUND)).as("both grandchildren tick").isTrue();

        supervisor.pause();
        assertThat(WindowsTestSupport.await(Duration.ofSeconds(10), () -> states.contains(ServiceState.PAUSED))).isTrue();

        String frozenAt = ticking.ticks();
        assertThat(ticking.eitherAdvancesFrom(frozenAt, Duration.ofMillis(600)))
                .as("no grandchild ticks once PAUSED is reported").isFalse();

        supervisor.resume();
        assertThat(ticking.bothAdvanceFrom(frozenAt, Duration.ofSeconds(10))).as("both tick again").isTrue();
        assertThat(states).containsSubsequence(ServiceState.PAUSE_PENDING, ServiceState.PAUSED,
                ServiceState.CONTINUE_PENDING, ServiceState.RUNNING);
    }

    @Test
    void aCrashingChildIsRestarted() throws Exception {
        Path starts = dir.resolve("starts");
        supervise(load(fixture("--state-file", starts.toString(), "--exit-code", "3")
                .put(Param.APP_THROTTLE, new RawValue.Dword(0))
                .put(Param.APP_RESTART_DELAY, new RawValue.Dword(100))));

        assertThat(WindowsTestSupport.await(BOUND, () -> decisions.size() >= 2)).as("two exits, each followed by a restart")
                .isTrue();
        assertThat(decisions.get(0)).isEqualTo(new ExitDecision.Restart(Duration.ofMillis(100), 0));
        assertThat(WindowsTestSupport.await(BOUND, () -> WindowsProcessControlWindowsIT.readQuietly(starts).trim()
                .matches("[3-9]|\\d\\d+"))).as("the third run started").isTrue();
    }

    @Test
    void aLaunchThatFailsEndsTheServiceWithTheWin32Error() throws Exception {
        ServiceConfig valid = load(fixture("--exit-after", "0"));
        ServiceConfig missing = new ServiceConfig(valid.serviceName(), dir.resolve("gone.exe"), "", valid.directory(),
                valid.environment(), valid.exitActions(), valid.throttle(), valid.restartDelay(), valid.stopPolicy(),
                valid.output(), valid.pauseMode(), valid.windows());

        ServiceOutcome outcome = supervise(missing).outcome().get(30, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(ServiceOutcome.LaunchFailed.class,
                f -> assertThat(f.systemError()).isEqualTo(OptionalInt.of(2)));
    }
}
