package org.jsrvany.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.run.Platform;
import org.jsrvany.core.run.Supervision;
import org.jsrvany.core.supervisor.ExitDecision;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.ServiceState;
import org.jsrvany.core.supervisor.SupervisorListener;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness, liveness, silence and the start condition with real fixture programs, the real output
 * capture and the POSIX process control (the one runner, {@link Supervision#run}).
 */
@EnabledOnOs(OS.LINUX)
class HealthChecksIT {
    @TempDir
    Path dir;

    private final Recorder recorder = new Recorder();
    private final AtomicReference<Supervision.Running> running = new AtomicReference<>();
    private CompletableFuture<ServiceOutcome> outcome;

    /** What the supervisor told its listener, in order. */
    static final class Recorder implements SupervisorListener {
        final List<ServiceState> states = Collections.synchronizedList(new ArrayList<>());
        final List<Long> started = Collections.synchronizedList(new ArrayList<>());
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<ExitDecision> decisions = Collections.synchronizedList(new ArrayList<>());
        volatile Duration readyAfter;

        @Override
        public void stateChanged(ServiceState state, Duration waitHint) {
            states.add(state);
        }

        @Override
        public void childStarted(long pid, String commandLine) {
            started.add(pid);
        }

        @Override
        public void childExited(long pid, int exitCode, Duration runTime, ExitDecision decision) {
            decisions.add(decision);
        }

        @Override
        public void programReady(long pid, Duration after, String seen) {
            readyAfter = after;
            events.add("ready: " + seen);
        }

        @Override
        public void programNotReady(long pid, String check, String seen, Duration timeout, boolean stopping) {
            events.add("not ready: " + check + ": " + seen + (stopping ? " (stopping)" : " (running)"));
        }

        @Override
        public void healthCheckFailed(long pid, String check, String seen, int failures) {
            events.add("failed: " + check + " x" + failures + ": " + seen);
        }

        @Override
        public void startConditionTimedOut(String check, String seen, Duration waited) {
            events.add("start condition timed out: " + check + ": " + seen);
        }

        @Override
        public void restarting(long pid, org.jsrvany.core.supervisor.RestartReason reason, String detail) {
            events.add("restarting " + pid);
        }
    }

    @AfterEach
    void stop() {
        Supervision.Running r = running.get();
        if (r != null && outcome != null && !outcome.isDone()) {
            r.supervisor().stop();
            outcome.orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    private MapSource fixture(String... flags) {
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), "org.jsrvany.samples.Fixture"));
        args.addAll(List.of(flags));
        return new MapSource("test").put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(args))
                .put(Param.APP_DIRECTORY, dir.toString());
    }

    /** The command line of a fixture run as a check command ({@code cmd:...}). */
    private static String fixtureCommand(String... flags) {
        List<String> args = new ArrayList<>(List.of(FixtureCommand.javaExecutable().toString(), "-cp",
                FixtureCommand.classpath(), "org.jsrvany.samples.Fixture"));
        args.addAll(List.of(flags));
        return WindowsCommandLine.joinArguments(args);
    }

    private void supervise(MapSource source) throws Exception {
        ServiceConfig config = new ConfigLoader(System.getenv(), false, w -> { }).load("health-it", source);
        outcome = CompletableFuture.supplyAsync(() -> Supervision.run(config, Platform.current(), null, null, recorder,
                running::set));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private void awaitState(ServiceState s) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(last()).isEqualTo(s));
    }

    private ServiceState last() {
        synchronized (recorder.states) {
            return recorder.states.isEmpty() ? null : recorder.states.get(recorder.states.size() - 1);
        }
    }

    private static boolean accepts(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- readiness

    @Test
    void tcpReadinessKeepsTheServiceStartingUntilTheDelayedPortAccepts() throws Exception {
        int port = freePort();
        supervise(fixture("--start-delay", "1500", "--http", Integer.toString(port))
                .put(Param.APP_READY_CHECK, "tcp:127.0.0.1:" + port));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.started.size() == 1);
        assertThat(recorder.states).doesNotContain(ServiceState.RUNNING);

        awaitState(ServiceState.RUNNING);
        assertThat(accepts(port)).isTrue();
        // The fixture binds its port only after its 1.5 s start delay, so the check cannot have passed sooner.
        assertThat(recorder.readyAfter).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(recorder.events).containsExactly("ready: connected to 127.0.0.1:" + port);
        assertThat(recorder.states.subList(0, recorder.states.size() - 1)).containsOnly(ServiceState.START_PENDING);
    }

    @Test
    void httpReadinessNeedsA2xxAnswer() throws Exception {
        int port = freePort();
        supervise(fixture("--start-delay", "1000", "--http", Integer.toString(port))
                .put(Param.APP_READY_CHECK, "http://127.0.0.1:" + port + "/status"));
        awaitState(ServiceState.RUNNING);
        assertThat(recorder.readyAfter).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(recorder.events).containsExactly("ready: HTTP 200");
    }

    @Test
    void outputReadinessWaitsForTheLineAndTheCaptureStillGetsEveryLine() throws Exception {
        Path log = dir.resolve("out.log");
        supervise(fixture("--start-delay", "1000", "--lines", "3", "--http", "0")
                .put(Param.APP_READY_CHECK, "output:^listening on http://127\\.0\\.0\\.1:\\d+/$")
                .put(Param.APP_STDOUT, log.toString()));
        awaitState(ServiceState.RUNNING);
        assertThat(recorder.events).singleElement().asString().matches("ready: the output line 'listening on http://127"
                + "\\.0\\.0\\.1:\\d+/'");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readAllLines(log, StandardCharsets.UTF_8))
                .hasSize(4).first().asString().startsWith("listening on http://127.0.0.1:"));
        assertThat(Files.readAllLines(log, StandardCharsets.UTF_8).subList(1, 4)).containsExactly("out 1", "out 2", "out 3");
    }

    @Test
    void fileReadinessWaitsForTheFile() throws Exception {
        Path pids = dir.resolve("pids.txt");
        supervise(fixture("--start-delay", "1000", "--sleep-forever", "--pids-file", pids.toString())
                .put(Param.APP_READY_CHECK, "file:pids.txt"));
        awaitState(ServiceState.RUNNING);
        assertThat(Files.exists(pids)).isTrue();
        assertThat(recorder.events).containsExactly("ready: " + pids + " exists");
    }

    @Test
    void notReadyInTimeStopsTheProgramThroughTheLadderAndFailsNotReady() throws Exception {
        int closed = freePort();
        Path marker = dir.resolve("graceful.txt");
        supervise(fixture("--sleep-forever", "--shutdown-marker", marker.toString())
                .put(Param.APP_READY_CHECK, "tcp:127.0.0.1:" + closed)
                .put(Param.APP_READY_TIMEOUT, new org.jsrvany.core.config.RawValue.Dword(1500)));
        ServiceOutcome end = outcome.get(60, TimeUnit.SECONDS);
        assertThat(end).isInstanceOf(ServiceOutcome.NotReady.class);
        assertThat(((ServiceOutcome.NotReady) end).reason()).contains("AppReadyTimeout (1500 ms", "tcp:127.0.0.1:" + closed);
        assertThat(recorder.states).doesNotContain(ServiceState.RUNNING).contains(ServiceState.STOP_PENDING);
        // The ladder's first step (SIGINT) reached it: its shutdown hook wrote the marker.
        assertThat(Files.readString(marker)).startsWith("graceful ");
        assertThat(ProcessHandle.of(recorder.started.get(0)).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aProgramThatExitsBeforeItIsReadyFailsTheStartWithItsCode() throws Exception {
        supervise(fixture("--exit-after", "300", "--exit-code", "3")
                .put(Param.APP_READY_CHECK, "tcp:127.0.0.1:" + freePort()));
        ServiceOutcome end = outcome.get(60, TimeUnit.SECONDS);
        assertThat(end).isInstanceOf(ServiceOutcome.NotReady.class);
        assertThat(((ServiceOutcome.NotReady) end).exitCode()).isEqualTo(OptionalInt.of(3));
        assertThat(recorder.started).hasSize(1);
        assertThat(recorder.decisions).containsExactly(new ExitDecision.NotReady());
    }

    // ---------------------------------------------------------------- liveness

    @Test
    void aHungHttpServerIsRestartedThroughTheLadder() throws Exception {
        int port = freePort();
        Path marker = dir.resolve("graceful.txt");
        Path state = dir.resolve("starts.txt");
        supervise(fixture("--http", Integer.toString(port), "--hang-after", "1000", "--shutdown-marker",
                marker.toString(), "--state-file", state.toString())
                .put(Param.APP_READY_CHECK, "http://127.0.0.1:" + port + "/")
                .put(Param.APP_HEALTH_CHECK, "http://127.0.0.1:" + port + "/")
                .put(Param.APP_HEALTH_INTERVAL, new org.jsrvany.core.config.RawValue.Dword(300))
                .put(Param.APP_HEALTH_TIMEOUT, new org.jsrvany.core.config.RawValue.Dword(400))
                .put(Param.APP_HEALTH_FAILURES, new org.jsrvany.core.config.RawValue.Dword(2)));
        awaitState(ServiceState.RUNNING);
        long first = recorder.started.get(0);

        await().atMost(Duration.ofSeconds(60)).until(() -> recorder.started.size() == 2);
        assertThat(recorder.events).contains("failed: http://127.0.0.1:" + port + "/ x2: no answer within 400 ms",
                "restarting " + first);
        // Stopped through the ladder: SIGINT first, which the fixture's shutdown hook records.
        assertThat(Files.readString(marker)).isEqualTo("graceful " + first);
        // Counted like an exit, as an unhealthy run (2 s back-off), and the service never left RUNNING for the SCM.
        assertThat(recorder.decisions).singleElement().isInstanceOfSatisfying(ExitDecision.Restart.class,
                r -> assertThat(r.unhealthyRuns()).isEqualTo(1));
        assertThat(recorder.states).doesNotContain(ServiceState.STOP_PENDING);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readString(state).strip()).isEqualTo("2"));
    }

    @Test
    void aClosedTcpPortRestartsTheProgram() throws Exception {
        int closed = freePort();
        supervise(fixture("--sleep-forever")
                .put(Param.APP_HEALTH_CHECK, "tcp:127.0.0.1:" + closed)
                .put(Param.APP_HEALTH_INTERVAL, new org.jsrvany.core.config.RawValue.Dword(200))
                .put(Param.APP_HEALTH_FAILURES, new org.jsrvany.core.config.RawValue.Dword(2)));
        await().atMost(Duration.ofSeconds(60)).until(() -> recorder.started.size() == 2);
        assertThat(recorder.events.get(0)).startsWith("failed: tcp:127.0.0.1:" + closed + " x2: ")
                .containsIgnoringCase("refused");
    }

    @Test
    void aCommandCheckDecidesByItsExitCode() throws Exception {
        supervise(fixture("--sleep-forever")
                .put(Param.APP_HEALTH_CHECK, "cmd:" + fixtureCommand("--exit-code", "7"))
                .put(Param.APP_HEALTH_INTERVAL, new org.jsrvany.core.config.RawValue.Dword(200))
                .put(Param.APP_HEALTH_FAILURES, new org.jsrvany.core.config.RawValue.Dword(1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> recorder.started.size() == 2);
        assertThat(recorder.events.get(0)).endsWith(" x1: exit code 7");
    }

    @Test
    void silentOutputRestartsTheProgram() throws Exception {
        supervise(fixture("--tick", "100", "--hang-after", "800")
                .put(Param.APP_HEALTH_SILENCE, new org.jsrvany.core.config.RawValue.Dword(1000)));
        awaitState(ServiceState.RUNNING);
        await().atMost(Duration.ofSeconds(60)).until(() -> recorder.started.size() == 2);
        assertThat(recorder.events.get(0)).startsWith("failed: AppHealthSilence (1000 ms) x1: no output for ");
    }

    // ---------------------------------------------------------------- start condition

    @Test
    void theStartConditionHoldsTheLaunchUntilThePortAccepts() throws Exception {
        int port = freePort();
        supervise(fixture("--sleep-forever").put(Param.APP_START_CONDITION, "tcp:127.0.0.1:" + port));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> recorder.started.isEmpty()
                && last() == ServiceState.START_PENDING);
        try (ServerSocket network = new ServerSocket(port, 5, InetAddress.getByName("127.0.0.1"))) {
            awaitState(ServiceState.RUNNING);
            assertThat(recorder.started).hasSize(1);
            assertThat(network.getLocalPort()).isEqualTo(port);
        }
        assertThat(recorder.events).isEmpty();
    }

    @Test
    void aStartConditionThatNeverHoldsLaunchesAnywayAfterItsTimeout() throws Exception {
        int port = freePort();
        supervise(fixture("--sleep-forever").put(Param.APP_START_CONDITION, "tcp:127.0.0.1:" + port)
                .put(Param.APP_START_CONDITION_TIMEOUT, new org.jsrvany.core.config.RawValue.Dword(1000)));
        awaitState(ServiceState.RUNNING);
        assertThat(recorder.events).singleElement().asString().startsWith("start condition timed out: tcp:127.0.0.1:" + port);
    }
}
