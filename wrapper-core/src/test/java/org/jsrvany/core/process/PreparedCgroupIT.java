package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.jsrvany.core.config.StopStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The next run's cgroup made ahead (issue 12: restart latency), with real processes and this JVM as the wrapper:
 * after a start the wrapper waits in the next run's cgroup, the next child is born there, what else the wrapper
 * starts meanwhile (a hook, a health check) is born in the wrapper's own cgroup, and the end of the service gives
 * the cgroup back. Needs a writable cgroup v2 hierarchy (skipped with the reason where there is none).
 */
@EnabledOnOs(OS.LINUX)
class PreparedCgroupIT {
    private final List<ChildProcess> children = new ArrayList<>();
    private PosixProcessControl control;

    @AfterEach
    void cleanUp() {
        for (ChildProcess c : children) {
            c.deliver(StopStep.TERMINATE);
            c.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> -1).join();
            c.close();
        }
        if (control != null) {
            control.releasePrepared();
        }
    }

    @Test
    void theNextChildIsBornInTheCgroupTheWrapperWaitedIn() throws Exception {
        control = cgroupControl();
        String home = cgroupOf(ProcessHandle.current().pid());

        ChildProcess first = launch();
        String firstRun = cgroupOf(first.pid());
        Path firstDir = dirOf(first.pid());
        assertThat(firstRun).as("the first child's own cgroup").isNotEqualTo(home).contains("-it");
        String seat = awaitSeat(home, firstRun);

        first.deliver(StopStep.TERMINATE);
        first.onExit().get(10, TimeUnit.SECONDS);
        first.close();
        assertThat(firstDir).as("the first run's cgroup is removed at its end").doesNotExist();

        ChildProcess second = launch();
        assertThat(cgroupOf(second.pid())).as("the second child is born in the cgroup made ahead").isEqualTo(seat);
        String nextSeat = awaitSeat(home, seat);
        assertThat(nextSeat).isNotEqualTo(firstRun);
    }

    @Test
    void helpersStartedWhileTheWrapperWaitsAreBornInItsOwnCgroupAndTheServicesEndGivesTheSeatBack() throws Exception {
        control = cgroupControl();
        String home = cgroupOf(ProcessHandle.current().pid());
        ChildProcess child = launch();
        String seat = awaitSeat(home, cgroupOf(child.pid()));
        Path seatDir = dirOf(ProcessHandle.current().pid());

        Process helper = HelperProcesses.start(new ProcessBuilder("cat", "/proc/self/cgroup"));
        String seen = new String(helper.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(helper.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(CgroupPaths.unifiedPath(seen)).as("the helper's cgroup").contains(home);
        assertThat(cgroupOf(ProcessHandle.current().pid())).as("the wrapper is back in the seat").isEqualTo(seat);

        control.releasePrepared();
        assertThat(cgroupOf(ProcessHandle.current().pid())).as("the wrapper is home").isEqualTo(home);
        assertThat(seatDir).as("the seat is removed").doesNotExist();
    }

    private PosixProcessControl cgroupControl() {
        PosixProcessControl c = PosixProcessControl.create(ContainmentLevel.CGROUP);
        Assumptions.assumeTrue(c.level() == ContainmentLevel.CGROUP,
                () -> "this machine offers " + c.level() + ", not a cgroup (see the log for why)");
        return c;
    }

    private ChildProcess launch() throws Exception {
        ServiceConfig config = new ConfigLoader(System.getenv(), false, w -> {
        }).load("it", new MapSource("test").put(Param.APPLICATION, "/bin/sleep").put(Param.APP_PARAMETERS, "60"));
        ChildProcess c = control.launch(config);
        children.add(c);
        return c;
    }

    /** The run cgroup the wrapper moves into after a start: neither its home nor {@code not}. */
    private static String awaitSeat(String home, String not) {
        String[] seat = new String[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            seat[0] = cgroupOf(ProcessHandle.current().pid());
            return !seat[0].equals(home) && !seat[0].equals(not) && seat[0].contains("/" + CgroupPaths.PREFIX);
        });
        return seat[0];
    }

    private static String cgroupOf(long pid) throws IOException {
        return CgroupPaths.unifiedPath(Files.readString(Path.of("/proc", Long.toString(pid), "cgroup"))).orElseThrow();
    }

    /** The cgroup directory of a process. */
    private static Path dirOf(long pid) throws IOException {
        return CgroupPaths.ownDirectory(Files.readString(Path.of("/proc/self/mountinfo")),
                Files.readString(Path.of("/proc", Long.toString(pid), "cgroup"))).orElseThrow();
    }
}
