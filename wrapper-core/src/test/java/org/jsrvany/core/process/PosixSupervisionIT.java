package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.supervisor.DiscardOutput;
import org.jsrvany.core.supervisor.ExitDecision;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.ServiceState;
import org.jsrvany.core.supervisor.Supervisor;
import org.jsrvany.core.supervisor.SupervisorListener;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The POSIX process control and the supervisor with real fixture children. */
@EnabledOnOs(OS.LINUX)
class PosixSupervisionIT {
    @TempDir
    Path dir;

    private final List<Long> pidsToReap = new ArrayList<>();
    private final List<ServiceState> states = Collections.synchronizedList(new ArrayList<>());
    private final List<ExitDecision> decisions = Collections.synchronizedList(new ArrayList<>());
    private Supervisor supervisor;

    @AfterEach
    void cleanUp() {
        if (supervisor != null && !supervisor.outcome().isDone()) {
            supervisor.stop();
            supervisor.outcome().orTimeout(30, TimeUnit.SECONDS).join();
        }
        for (long pid : pidsToReap) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** A fixture service: Application is this JVM's java, AppParameters runs the fixture with these flags. */
    private MapSource fixture(String... flags) {
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), "org.jsrvany.samples.Fixture"));
        args.addAll(List.of(flags));
        return new MapSource("test").put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(args));
    }

    private ServiceConfig load(MapSource source) throws Exception {
        return new ConfigLoader(System.getenv(), false, w -> {
        }).load("it", source);
    }

    private Supervisor supervise(ServiceConfig config) {
        supervisor = Supervisor.create(config, ProcessControl.posix(), new DiscardOutput(), new SupervisorListener() {
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

    private static Properties readProperties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /** Waits for the fixture's pids file and returns child then grandchildren. */
    private List<Long> awaitPids(Path file, int grandchildren) throws IOException {
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file));
        List<Long> pids = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            pids.add(Long.parseLong(line.substring(line.indexOf(' ') + 1).trim()));
        }
        assertThat(pids).hasSize(1 + grandchildren);
        pidsToReap.addAll(pids);
        return pids;
    }

    @Test
    void theChildGetsExactlyTheEnvironmentDirectoryAndArguments() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work dir é"));
        Path dump = dir.resolve("dump.properties");
        MapSource source = fixture("--exit-after", "0", "--dump", dump.toString(), "--", "a b", "d\"e", "", "back\\slash\\", "中文")
                .put(Param.APP_DIRECTORY, work.toString())
                .put(Param.APP_ENVIRONMENT, new RawValue.MultiText(List.of("LANG=C.UTF-8", "A=1", "B=%A%x", "EMPTY=")))
                .put(Param.APP_ENVIRONMENT_EXTRA, new RawValue.MultiText(List.of("C=%B%%B%")))
                .exitAction("", "Exit");
        ServiceConfig config = load(source);
        assertThat(supervise(config).outcome().get(60, TimeUnit.SECONDS)).isEqualTo(new ServiceOutcome.ChildExited(0));

        Properties seen = readProperties(dump);
        assertThat(seen.getProperty("cwd")).isEqualTo(work.toString());
        List<String> args = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(seen.getProperty("argc")); i++) {
            args.add(seen.getProperty("arg." + i));
        }
        assertThat(args).containsExactly("--exit-after", "0", "--dump", dump.toString(), "--", "a b", "d\"e", "",
                "back\\slash\\", "中文");
        Map<String, String> env = new java.util.TreeMap<>();
        seen.stringPropertyNames().stream().filter(k -> k.startsWith("env."))
                .forEach(k -> env.put(k.substring(4), seen.getProperty(k)));
        assertThat(env).containsExactlyInAnyOrderEntriesOf(Map.of("LANG", "C.UTF-8", "A", "1", "B", "1x", "EMPTY", "",
                "C", "1x1x"));
        // LANG is in the list on purpose: a replaced environment has no locale, and a Java child in the C locale
        // cannot decode a non-ASCII working directory or argument (docs/parameters.md says so too).
    }

    @Test
    void aChildThatIgnoresSigintIsStoppedBySigterm() throws Exception {
        Path pids = dir.resolve("pids");
        Path marker = dir.resolve("graceful");
        ServiceConfig config = load(fixture("--ignore-sigint", "--sleep-forever", "--pids-file", pids.toString(),
                "--shutdown-marker", marker.toString())
                .put(Param.APP_STOP_METHOD_CONSOLE, new RawValue.Dword(300))
                .put(Param.APP_STOP_METHOD_WINDOW, new RawValue.Dword(20_000)));
        supervise(config);
        long child = awaitPids(pids, 0).get(0);
        supervisor.stop();
        // SIGINT is ignored; SIGTERM, the second step, runs the JVM's shutdown hooks: a graceful end.
        assertThat(supervisor.outcome().get(15, TimeUnit.SECONDS)).isEqualTo(new ServiceOutcome.StoppedOnRequest());
        assertThat(marker).exists();
        assertThat(ProcStat.alive(child)).isFalse();
    }

    @Test
    void aTreeThatIgnoresSigintAndSigtermIsKilledWithinTheLadder() throws Exception {
        Path pids = dir.resolve("pids");
        ServiceConfig config = load(fixture("--ignore-sigint", "--ignore-sigterm", "--spawn-grandchildren", "2",
                "--pids-file", pids.toString())
                .put(Param.APP_STOP_METHOD_CONSOLE, new RawValue.Dword(200))
                .put(Param.APP_STOP_METHOD_WINDOW, new RawValue.Dword(200)));
        supervise(config);
        List<Long> tree = awaitPids(pids, 2);
        assertThat(tree).allSatisfy(pid -> assertThat(ProcStat.processGroup(pid)).contains(tree.get(0)));
        supervisor.stop();
        // Ladder bound: 200 ms + 200 ms + the final grace.
        assertThat(supervisor.outcome().get(10, TimeUnit.SECONDS)).isEqualTo(new ServiceOutcome.StoppedOnRequest());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(tree).allSatisfy(pid -> assertThat(ProcStat.alive(pid)).as("pid %d", pid).isFalse()));
    }

    @Test
    void withoutKillProcessTreeOnlyTheMainProcessIsSignalled() throws Exception {
        Path pids = dir.resolve("pids");
        ServiceConfig config = load(fixture("--spawn-grandchildren", "1", "--pids-file", pids.toString())
                .put(Param.APP_KILL_PROCESS_TREE, new RawValue.Dword(0)));
        supervise(config);
        List<Long> tree = awaitPids(pids, 1);
        supervisor.stop();
        assertThat(supervisor.outcome().get(15, TimeUnit.SECONDS)).isEqualTo(new ServiceOutcome.StoppedOnRequest());
        assertThat(ProcStat.alive(tree.get(0))).isFalse();
        assertThat(ProcStat.alive(tree.get(1))).as("the grandchild is left alone, as AppKillProcessTree=0 asks").isTrue();
    }

    @Test
    void pauseFreezesTheWholeGroupAndContinueThawsIt() throws Exception {
        Path pids = dir.resolve("pids");
        Path ticks = dir.resolve("ticks");
        ServiceConfig config = load(fixture("--tick", "50", "--tick-file", ticks.toString(), "--spawn-grandchildren", "1",
                "--pids-file", pids.toString()));
        supervise(config);
        List<Long> tree = awaitPids(pids, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(ticks));

        supervisor.pause();
        await().atMost(Duration.ofSeconds(5)).until(() -> states.contains(ServiceState.PAUSED));
        assertThat(tree).allSatisfy(pid -> assertThat(ProcStat.stopped(pid)).as("pid %d is stopped (T)", pid).isTrue());
        String frozenAt = Files.readString(ticks);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> Files.readString(ticks).equals(frozenAt));

        supervisor.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.readString(ticks).equals(frozenAt));
        assertThat(tree).allSatisfy(pid -> assertThat(ProcStat.stopped(pid)).isFalse());
        assertThat(states).containsSubsequence(ServiceState.PAUSE_PENDING, ServiceState.PAUSED,
                ServiceState.CONTINUE_PENDING, ServiceState.RUNNING);
    }

    @Test
    void aCrashingChildIsRestartedWithBackOff() throws Exception {
        Path starts = dir.resolve("starts");
        ServiceConfig config = load(fixture("--state-file", starts.toString(), "--exit-after", "0", "--exit-code", "3"));
        supervise(config);
        await().atMost(Duration.ofSeconds(30)).until(() -> decisions.size() >= 2);
        assertThat(decisions.get(0)).isEqualTo(new ExitDecision.Restart(Duration.ofSeconds(2), 1));
        assertThat(decisions.get(1)).isEqualTo(new ExitDecision.Restart(Duration.ofSeconds(4), 2));
        assertThat(states).contains(ServiceState.WAITING_TO_RESTART);
        assertThat(Files.readString(starts).trim()).isEqualTo("2");
    }
}
