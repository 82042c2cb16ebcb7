package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.status.PublishedStatus;
import org.jsrvany.core.status.StatusPublisher;
import org.jsrvany.core.supervisor.DiscardOutput;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.Supervisor;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The published status of a real running tree, and the scheduled restart of a real program, on Linux. */
@EnabledOnOs(OS.LINUX)
class LimitsAndStatusIT {
    @TempDir
    Path dir;

    private final List<Long> pidsToReap = new ArrayList<>();
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

    private MapSource fixture(String... flags) {
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), "org.jsrvany.samples.Fixture"));
        args.addAll(List.of(flags));
        return new MapSource("test").put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(args));
    }

    private StatusPublisher supervise(MapSource source, Path statusFile) throws Exception {
        ServiceConfig config = new ConfigLoader(System.getenv(), false, w -> {
        }).load("it", source);
        StatusPublisher publisher = new StatusPublisher(statusFile, "it", ProcessHandle.current().pid(), Clock.systemUTC());
        Scheduler scheduler = Scheduler.system();
        supervisor = Supervisor.create(config, ProcessControl.posix(), new DiscardOutput(), publisher,
                Clock.systemDefaultZone(), scheduler);
        publisher.watchSupervisor(supervisor::usage, supervisor::nextScheduledRestart);
        publisher.refreshEvery(config.limits().statusInterval(), scheduler);
        publisher.writeMetricsTo(config.limits().metricsFile());
        supervisor.start();
        return publisher;
    }

    private static PublishedStatus status(Path file) {
        return PublishedStatus.read(file).orElseThrow(() -> new AssertionError("no readable status in " + file));
    }

    private List<Long> awaitPids(Path file) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file));
        List<Long> pids = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            pids.add(Long.parseLong(line.substring(line.indexOf(' ') + 1).trim()));
        }
        pidsToReap.addAll(pids);
        return pids;
    }

    @Test
    void theStatusFileShowsTheRunningTreeItsMemoryAndCpu() throws Exception {
        Path pidsFile = dir.resolve("pids.txt");
        Path statusFile = dir.resolve("state/status.properties");
        Path prom = dir.resolve("textfile_inputs/it.prom");
        supervise(fixture("--spawn-grandchildren", "1", "--pids-file", pidsFile.toString())
                .put(Param.APP_STATUS_INTERVAL, new RawValue.Dword(1)).put(Param.APP_METRICS_FILE, prom.toString()),
                statusFile);
        List<Long> pids = awaitPids(pidsFile);

        // AppStatusInterval=1: the file is rewritten every second while the tree runs.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PublishedStatus s = status(statusFile);
            assertThat(s.childPid()).hasValue(pids.get(0));
            assertThat(s.metrics().treePids()).startsWith(pids.get(0)).containsAll(pids);
            assertThat(s.metrics().state()).contains("RUNNING");
            // Two JVMs: well above a MiB of resident memory, and some CPU spent starting up.
            assertThat(s.metrics().memoryBytes().orElse(0)).isGreaterThan(2L << 20);
            assertThat(s.metrics().cpuMillis().orElse(0)).isPositive();
            // AppMetricsFile: the same numbers for a textfile collector.
            assertThat(Files.readString(prom)).contains("jsrvany_up{service=\"it\"} 1\n",
                    "jsrvany_tree_processes{service=\"it\"} 2\n", "jsrvany_memory_bytes{service=\"it\"} ");
        });

        supervisor.stop();
        assertThat(supervisor.outcome().get(60, TimeUnit.SECONDS)).isEqualTo(new ServiceOutcome.StoppedOnRequest());
        PublishedStatus end = status(statusFile);
        assertThat(end.metrics().state()).contains("STOPPED");
        assertThat(end.metrics().treePids()).isEmpty();
        assertThat(end.childPid()).isEmpty();
        assertThat(Files.readString(prom)).contains("jsrvany_up{service=\"it\"} 0\n");
    }

    @Test
    void aScheduledRestartStopsTheProgramGracefullyThroughTheLadderAndStartsItAgain() throws Exception {
        Path state = dir.resolve("starts.txt");
        Path marker = dir.resolve("graceful.txt");
        Path statusFile = dir.resolve("state/status.properties");
        supervise(fixture("--sleep-forever", "--state-file", state.toString(), "--shutdown-marker", marker.toString())
                .put(Param.APP_RESTART_EVERY, new RawValue.Dword(2)), statusFile);

        await().atMost(Duration.ofSeconds(30)).until(() -> status(statusFile).childPid().isPresent());
        long first = status(statusFile).childPid().getAsLong();
        pidsToReap.add(first);
        assertThat(status(statusFile).metrics().nextScheduledRestart()).isPresent();

        // After two seconds of running, the ladder's first step (SIGINT) ends the fixture gracefully, and a new
        // run starts at once, without the restart delay or back-off of an exit.
        await().atMost(Duration.ofSeconds(30)).until(() -> status(statusFile).metrics().scheduledRestarts() >= 1
                && status(statusFile).childPid().isPresent() && status(statusFile).childPid().getAsLong() != first);
        pidsToReap.add(status(statusFile).childPid().getAsLong());
        assertThat(Files.readString(marker).strip()).isEqualTo("graceful " + first);
        assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        PublishedStatus s = status(statusFile);
        assertThat(s.restarts()).isGreaterThanOrEqualTo(1);
        assertThat(s.lastExitCode()).as("the fixture's exit on SIGINT").hasValue(130);
        assertThat(s.metrics().lastExitName()).contains("SIGINT");
        // The new run counts its start once its JVM is up.
        await().atMost(Duration.ofSeconds(30)).until(() -> Long.parseLong(Files.readString(state).strip()) >= 2);
        assertThat(supervisor.outcome()).isNotDone();
    }
}
