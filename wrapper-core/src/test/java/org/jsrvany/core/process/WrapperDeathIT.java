package org.jsrvany.core.process;

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
import java.util.Map;
import java.util.stream.Stream;
import org.jsrvany.core.supervisor.Supervisor;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIGKILL of a real wrapper process ({@link ContainedWrapper}) at each containment level, after its
 * watchdog was killed first: the wrapper starts a new watchdog, and the new one takes the whole tree
 * down (the tree as far as the level holds it) when the wrapper dies. Every pid recorded is gone.
 */
@EnabledOnOs(OS.LINUX)
class WrapperDeathIT {
    @TempDir
    Path dir;

    private final List<Long> recorded = new ArrayList<>();
    private Process wrapper;

    @AfterEach
    void cleanUp() {
        if (wrapper != null) {
            wrapper.destroyForcibly();
        }
        for (long pid : recorded) {
            Kill.send(pid, LibC.SIGKILL);
        }
    }

    @ParameterizedTest
    @EnumSource(ContainmentLevel.class)
    void aKilledWrapperTakesTheTreeWithItEvenAfterItsWatchdogWasKilled(ContainmentLevel level) throws Exception {
        boolean escaping = level != ContainmentLevel.PROCESS_GROUP; // the group level holds only its group
        Path pids = dir.resolve("pids");
        Path config = dir.resolve("svc.properties");
        Files.writeString(config, "Application=/bin/sh\nAppParameters=" + EscapingTree.write(dir) + " " + pids
                + " ignore " + (escaping ? "escape" : "inside") + "\n", StandardCharsets.UTF_8);
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        wrapper = new ProcessBuilder(FixtureCommand.javaExecutable().toString(), "-cp", ContainedWrapper.classpath(),
                ContainedWrapper.class.getName(), level.name(), config.toString()).redirectErrorStream(true).start();
        collect(wrapper.getInputStream(), out);
        long wrapperPid = wrapper.pid();

        await().atMost(Duration.ofSeconds(30)).until(() -> said(out, "level "));
        Assumptions.assumeTrue(said(out, "level " + level), () -> "this machine offers " + out + ", not " + level);
        Map<String, Long> tree = EscapingTree.awaitPids(pids, escaping ? 4 : 2);
        recorded.addAll(tree.values());
        if (level == ContainmentLevel.SUBREAPER) {
            // That level kills, at the wrapper's death, what it saw up to a second before: wait until it saw all.
            for (long pid : tree.values()) {
                if (pid != tree.get("main")) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> said(out, "Tracking pid " + pid + " "));
                }
            }
        }

        String runCgroup = level == ContainmentLevel.CGROUP ? cgroupOf(tree.get("main")) : null;
        long first = awaitOneWatchdog(wrapperPid, runCgroup, -1);
        Kill.send(first, LibC.SIGKILL);
        long second = awaitOneWatchdog(wrapperPid, runCgroup, first);
        recorded.add(second);
        await().atMost(Duration.ofSeconds(10)).until(() -> said(out, "started a new one, pid " + second));

        Kill.send(wrapperPid, LibC.SIGKILL);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(recorded)
                .allSatisfy(pid -> assertThat(ProcStat.alive(pid)).as("pid %d is gone; wrapper said %s", pid, out).isFalse()));
        if (level == ContainmentLevel.CGROUP) {
            assertThat(runCgroups(wrapperPid)).as("the watchdog removed the run's cgroup").isEmpty();
        }
    }

    /** The cgroup v2 path of a process ("/jsrvany-..."), as /proc shows it. */
    private static String cgroupOf(long pid) throws IOException {
        return CgroupPaths.unifiedPath(Files.readString(Path.of("/proc", Long.toString(pid), "cgroup"))).orElseThrow();
    }

    /**
     * The run's one watchdog, other than {@code not}: at the cgroup level the one told {@code runCgroup} (the
     * wrapper also has the watchdog of the next run's cgroup, made ahead), else the wrapper's one watchdog.
     */
    private static long awaitOneWatchdog(long wrapperPid, String runCgroup, long not) {
        List<Long> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            found.clear();
            ProcessHandle.of(wrapperPid).ifPresent(w -> w.children()
                    .filter(c -> c.info().arguments().map(a -> Arrays.asList(a).contains("jsrvany-watchdog")).orElse(false))
                    .filter(c -> runCgroup == null || c.info().arguments()
                            .map(a -> a.length > 0 && a[a.length - 1].endsWith(runCgroup)).orElse(false))
                    .filter(c -> c.pid() != not && ProcStat.alive(c.pid()))
                    .forEach(c -> found.add(c.pid())));
            return found.size() == 1;
        });
        return found.get(0);
    }

    private static List<Path> runCgroups(long wrapperPid) throws IOException {
        Path own = CgroupPaths.ownDirectory(Files.readString(Path.of("/proc/self/mountinfo")),
                Files.readString(Path.of("/proc/self/cgroup"))).orElseThrow();
        try (Stream<Path> dirs = Files.list(own)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(CgroupPaths.PREFIX)
                    && d.getFileName().toString().contains("-" + wrapperPid + "-")).toList();
        }
    }

    private static boolean said(List<String> out, String text) {
        synchronized (out) {
            return out.stream().anyMatch(l -> l.contains(text));
        }
    }

    private static void collect(InputStream in, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the wrapper is gone
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
