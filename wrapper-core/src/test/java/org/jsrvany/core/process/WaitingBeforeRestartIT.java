package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.jsrvany.core.supervisor.Supervisor;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wait before a restart, as {@code jsrvany status} reads it from the published status file: a real
 * child exits with 3, AppRestartDelay holds the restart back, the file says "waiting N s before restart 1
 * (last exit code 3)", and CONTINUE ends the wait at once (a new child starts and the file says so).
 */
@EnabledOnOs(OS.LINUX)
class WaitingBeforeRestartIT {
    @TempDir
    Path dir;

    private Supervisor supervisor;

    @AfterEach
    void cleanUp() {
        if (supervisor != null && !supervisor.outcome().isDone()) {
            supervisor.stop();
            supervisor.outcome().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    @Test
    void theStatusFileSaysHowLongItWaitsAndContinueRestartsAtOnce() throws Exception {
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), "org.jsrvany.samples.Fixture",
                "--exit-after", "0", "--exit-code", "3"));
        MapSource source = new MapSource("test").put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(args))
                .put(Param.APP_RESTART_DELAY, new RawValue.Dword(600_000))
                .put(Param.APP_THROTTLE, new RawValue.Dword(0));
        ServiceConfig config = new ConfigLoader(System.getenv(), false, w -> { }).load("it", source);
        Path file = dir.resolve("state").resolve("status.properties");
        StatusPublisher publisher = new StatusPublisher(file, "it", ProcessHandle.current().pid(), Clock.systemUTC());
        supervisor = Supervisor.create(config, ProcessControl.posix(), new DiscardOutput(), publisher, Clock.systemUTC(),
                Scheduler.system());
        supervisor.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> PublishedStatus.read(file)
                .flatMap(s -> s.waitingText(Instant.now())).isPresent());
        PublishedStatus waiting = PublishedStatus.read(file).orElseThrow();
        assertThat(waiting.childPid()).isEmpty();
        assertThat(waiting.lastExitCode()).hasValue(3);
        assertThat(waiting.restartAt()).isPresent();
        Instant exit = waiting.lastExitTime().orElseThrow();
        assertThat(waiting.restartAt().get()).isEqualTo(exit.plus(Duration.ofMinutes(10)));
        assertThat(waiting.waitingText(exit)).contains("waiting 600 s before restart 1 (last exit code 3)");
        assertThat(waiting.waitingText(exit.plusMillis(1500))).contains("waiting 599 s before restart 1 (last exit code 3)");

        supervisor.resume(); // CONTINUE skips the wait
        await().atMost(Duration.ofSeconds(30)).until(() -> PublishedStatus.read(file).map(PublishedStatus::restarts)
                .orElse(0L) >= 1);
        PublishedStatus after = PublishedStatus.read(file).orElseThrow();
        assertThat(after.restarts()).isGreaterThanOrEqualTo(1);
        Instant restarted = after.childStarted().orElseGet(() -> after.lastExitTime().orElseThrow());
        assertThat(Duration.between(exit, restarted)).as("restarted long before the 10 minutes").isLessThan(Duration.ofMinutes(5));
    }
}
