package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.ServiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keeper's thread starts only when a tree is left running (issue 12: no idle thread in the cgroup case),
 * and then still does its job: the tree is released (its cgroup removed) once its last process has ended.
 */
@EnabledOnOs(OS.LINUX)
class TreeLeftRunningIT {
    @TempDir
    Path dir;

    @Test
    void aTreeLeftRunningIsReleasedOnceItsLastProcessEnds() throws Exception {
        PosixProcessControl control = PosixProcessControl.create(ContainmentLevel.CGROUP);
        org.junit.jupiter.api.Assumptions.assumeTrue(control.level() == ContainmentLevel.CGROUP,
                () -> "this machine offers " + control.level() + ", not a cgroup");
        Path gone = dir.resolve("gone");
        // The main process ends at once; its grandchild (in the run's cgroup) lives on, then ends by itself.
        ServiceConfig config = new ConfigLoader(System.getenv(), false, w -> {
        }).load("left", new MapSource("test").put(Param.APPLICATION, "/bin/sh")
                .put(Param.APP_PARAMETERS, "-c \"(sleep 1; touch '" + gone + "') >/dev/null 2>&1 </dev/null & exit 0\""));
        ChildProcess child = control.launch(config);
        try {
            assertThat(child.onExit().get(30, TimeUnit.SECONDS)).isZero();
            List<Path> before = heldRunCgroups();
            assertThat(before).as("the run's cgroup still holds the grandchild").isNotEmpty();
            child.close(); // the tree is not empty: left running, followed by the keeper's thread
            assertThat(threads()).as("the keeper's thread runs now").contains("jsrvany-tree-keeper");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(gone).exists());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(runCgroups()).as("released: the cgroup is removed").doesNotContainAnyElementsOf(before));
        } finally {
            control.releasePrepared();
            child.stdout().close();
            if (child.stderr() != null) {
                child.stderr().close();
            }
        }
    }

    /** The run cgroups of this JVM that hold processes other than itself (not the next run's, made ahead). */
    private static List<Path> heldRunCgroups() throws Exception {
        String self = Long.toString(ProcessHandle.current().pid());
        List<Path> held = new ArrayList<>();
        for (Path d : runCgroups()) {
            List<String> procs = Files.readAllLines(d.resolve("cgroup.procs"));
            if (!procs.isEmpty() && !procs.contains(self)) {
                held.add(d);
            }
        }
        return held;
    }

    /** The run cgroups of this JVM (named with its pid), found from its own cgroup, not the one made ahead. */
    private static List<Path> runCgroups() throws Exception {
        Cgroup.Probe probe = Spawner.call(() -> Cgroup.outsideSeat(Cgroup::probe));
        List<Path> mine = new ArrayList<>();
        if (!(probe instanceof Cgroup.Probe.Usable usable)) {
            return mine;
        }
        String marker = "-" + ProcessHandle.current().pid() + "-";
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(usable.parent(), CgroupPaths.PREFIX + "*")) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (name.contains(marker) && !name.contains("probe")) {
                    mine.add(d);
                }
            }
        }
        return mine;
    }

    private static List<String> threads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
    }
}
