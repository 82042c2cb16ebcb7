package org.jsrvany.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsrvany.core.process.ProcStat;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher jar with a program whose descendants leave its process group (a double-forked
 * daemon, a child that calls setsid), all ignoring SIGINT and SIGTERM. Needs the cgroup level (root or
 * a delegated cgroup v2 subtree); skipped with the launcher's reason where the machine has none.
 */
@EnabledOnOs(OS.LINUX)
class EscapingProcessesIT {
    private static final Path LAUNCHER_JAR = Path.of("target", "jsrvany-launcher.jar").toAbsolutePath();
    private static final String TREE = """
            trap '' INT TERM
            ( setsid sh -c 'echo "daemon $$" >> "$0"; exec sleep 100000' "$1" & )
            setsid sh -c 'echo "setsid $$" >> "$0"; exec sleep 100000' "$1" &
            echo "main $$" >> "$1"
            exec sleep 100000
            """;

    @TempDir
    Path dir;

    private final List<Long> recorded = new ArrayList<>();
    private Process launcher;
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void cleanUp() {
        if (launcher != null) {
            launcher.destroyForcibly();
        }
        recorded.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private List<Long> start(String extra) throws IOException {
        Path script = dir.resolve("tree.sh");
        Files.writeString(script, TREE, StandardCharsets.UTF_8);
        Path pids = dir.resolve("pids");
        Path config = dir.resolve("svc.properties");
        Files.writeString(config, "Application=/bin/sh\nAppParameters=" + script + " " + pids + "\n" + extra,
                StandardCharsets.UTF_8);
        launcher = new ProcessBuilder(FixtureCommand.javaExecutable().toString(), "-jar", LAUNCHER_JAR.toString(), "run",
                "--config", config.toString()).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        launcher.getOutputStream().close();
        collect(launcher.getErrorStream(), err);
        await().atMost(Duration.ofSeconds(30)).until(() -> said("Process trees are held by"));
        Assumptions.assumeTrue(said("held by a cgroup"), () -> "no cgroup level here: " + err);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pids) && Files.readAllLines(pids).size() >= 3);
        for (String line : Files.readAllLines(pids)) {
            recorded.add(Long.parseLong(line.substring(line.indexOf(' ') + 1).trim()));
        }
        assertThat(recorded).hasSize(3).allSatisfy(pid -> assertThat(ProcStat.alive(pid)).isTrue());
        return recorded;
    }

    private boolean said(String text) {
        synchronized (err) {
            return err.stream().anyMatch(l -> l.contains(text));
        }
    }

    private void awaitAllGone() {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(recorded)
                .allSatisfy(pid -> assertThat(ProcStat.alive(pid)).as("pid %d is gone; launcher said %s", pid, err).isFalse()));
    }

    @Test
    void aLauncherKilledAfterItsWatchdogTakesEveryEscapedDescendantWithIt() throws Exception {
        start("");
        String runCgroup = cgroupOf(recorded.get(0));
        long first = awaitOneWatchdog(runCgroup, -1);
        ProcessHandle.of(first).orElseThrow().destroyForcibly(); // SIGKILL: the watchdog ignores the others
        long second = awaitOneWatchdog(runCgroup, first);
        recorded.add(second);
        await().atMost(Duration.ofSeconds(10)).until(() -> said("started a new one, pid " + second));

        launcher.destroyForcibly(); // SIGKILL: no stop ladder, no shutdown hook
        launcher.waitFor(10, TimeUnit.SECONDS);
        awaitAllGone();
    }

    @Test
    void aTreeLeftRunningBecauseTerminateIsSkippedStillDiesWithTheLauncher() throws Exception {
        start("AppStopMethodSkip=8\nAppStopMethodConsole=200\nAppStopMethodWindow=200\n");
        launcher.toHandle().destroy(); // SIGTERM: the ladder runs, and skips its SIGKILL step
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).isZero();
        assertThat(err).anySatisfy(l -> assertThat(l).contains("is left running; it is killed when the wrapper exits"));
        awaitAllGone();
    }

    /** The cgroup v2 path of a process, as {@code /proc/PID/cgroup} shows it ("0::/jsrvany-..."). */
    private static String cgroupOf(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
            if (line.startsWith("0::")) {
                return line.substring(3);
            }
        }
        throw new IOException("pid " + pid + " is in no cgroup v2");
    }

    /**
     * The run's one watchdog, other than {@code not}: the one told the run's cgroup (the launcher also has the
     * watchdog of the next run's cgroup, made ahead: docs/launcher.md).
     */
    private long awaitOneWatchdog(String runCgroup, long not) {
        List<Long> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            found.clear();
            launcher.toHandle().children()
                    .filter(c -> c.info().arguments().map(a -> Arrays.asList(a).contains("jsrvany-watchdog")).orElse(false))
                    .filter(c -> c.info().arguments().map(a -> a[a.length - 1].endsWith(runCgroup)).orElse(false))
                    .filter(c -> c.pid() != not && ProcStat.alive(c.pid()))
                    .forEach(c -> found.add(c.pid()));
            return found.size() == 1;
        });
        return found.get(0);
    }

    private static void collect(InputStream in, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the launcher is gone
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
