package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsrvany.core.service.RunState;
import org.jsrvany.core.service.ScmExitCode;
import org.jsrvany.core.service.ServiceStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Readiness with the real service program and the real SCM (docs/readiness-health.md): the service stays
 * START_PENDING, its checkpoint rising, until its program is ready; {@code jsrvany start} fails with exit 12
 * and the program's exit code when the program exits at once, with or without a readiness check.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(300)
class ReadinessWindowsIT extends RealServiceIt {

    private static String system32(String exe) {
        return Path.of(System.getenv().getOrDefault("SystemRoot", "C:\\windows"), "system32", exe).toString();
    }

    @Test
    void theServiceStaysStartPendingWithARisingCheckpointUntilItsProgramIsReady() throws IOException {
        WindowsIt.assumeElevated();
        launcher = WindowsIt.realLauncher();
        name = WindowsIt.uniqueName("jsrvany-ready");
        Path work = Files.createDirectories(temp.resolve("work"));
        Path flag = work.resolve("ready.flag");
        Harness.Result installed = run("install", name, system32("ping.exe"), "--start", "manual", "--dir",
                work.toString(), "--ready-check", "file:ready.flag", "--ready-timeout", "3m", "--", "-n", "600",
                "127.0.0.1");
        assertThat(installed.exit()).as(installed.toString()).isZero();

        scm.start(name);
        List<ServiceStatus> seen = new ArrayList<>();
        // The program runs but is not ready: the SCM hears START_PENDING again and again, each with a higher checkpoint.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            ServiceStatus s = scm.status(name);
            seen.add(s);
            assertThat(s.state()).isEqualTo(RunState.START_PENDING);
            assertThat(seen.stream().filter(x -> x.state() == RunState.START_PENDING).mapToInt(ServiceStatus::checkPoint)
                    .distinct().count()).isGreaterThanOrEqualTo(3);
        });
        assertThat(seen).allMatch(s -> s.state() == RunState.START_PENDING || s.state() == RunState.STOPPED);
        assertThat(seen.get(seen.size() - 1).processId()).isNotZero();
        ServiceStatus before = scm.status(name);
        assertThat(before.state()).as("still not ready: no flag yet").isEqualTo(RunState.START_PENDING);
        assertThat(before.waitHintMillis()).as("a wait hint the SCM can wait on").isGreaterThan(0);

        Files.writeString(flag, "ok");
        await().atMost(Duration.ofSeconds(60)).until(() -> scm.status(name).state() == RunState.RUNNING);

        Harness.Result stopped = run("stop", name);
        assertThat(stopped.exit()).as(stopped.toString()).isZero();
    }

    @Test
    void startFailsWithExit12AndTheExitCodeWhenTheProgramExitsAtOnce() throws IOException {
        WindowsIt.assumeElevated();
        launcher = WindowsIt.realLauncher();
        name = WindowsIt.uniqueName("jsrvany-exits");
        // Exits with 3 at once; AppExit's default (Restart) keeps the service up and restarting it with back-off.
        Harness.Result installed = run("install", name, system32("cmd.exe"), "--start", "manual", "--", "/c", "exit", "3");
        assertThat(installed.exit()).as(installed.toString()).isZero();

        Harness.Result started = run("start", name, "--timeout", "90s");
        assertThat(started.exit()).as(started.toString()).isEqualTo(Exit.SERVICE_FAILED.code()).isEqualTo(12);
        assertThat(started.err()).contains("'" + name + "' did not start: its program exited with code 3 within"
                + " AppThrottle (1500 ms) of starting");
        assertThat(started.out()).doesNotContain("' is RUNNING (pid");
    }

    @Test
    void aProgramThatExitsBeforeItIsReadyStopsTheServiceWithNotReady() throws IOException {
        WindowsIt.assumeElevated();
        launcher = WindowsIt.realLauncher();
        name = WindowsIt.uniqueName("jsrvany-notready");
        Harness.Result installed = run("install", name, system32("cmd.exe"), "--start", "manual",
                "--ready-check", "tcp:127.0.0.1:9", "--", "/c", "exit", "3");
        assertThat(installed.exit()).as(installed.toString()).isZero();

        Harness.Result started = run("start", name, "--timeout", "90s");
        assertThat(started.exit()).as(started.toString()).isEqualTo(12);
        assertThat(started.err()).contains("did not start: it is STOPPED, its program did not become ready"
                + " (service-specific code 0x20000010)");
        ServiceStatus s = scm.status(name);
        assertThat(s.state()).isEqualTo(RunState.STOPPED);
        assertThat(ScmExitCode.of(s)).isEqualTo(new ScmExitCode(ScmExitCode.SERVICE_SPECIFIC_ERROR, ScmExitCode.NOT_READY));
    }
}
