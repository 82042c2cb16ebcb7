package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
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
import org.jsrvany.core.supervisor.DiscardOutput;
import org.jsrvany.core.supervisor.HookRunner;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.ServiceState;
import org.jsrvany.core.supervisor.Supervisor;
import org.jsrvany.core.supervisor.SupervisorListener;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * NSSM's event hooks with real processes: each event runs its command (in AppDirectory, with NSSM's
 * variables), Start/Pre's exit code 99 cancels the start while other failures do not, the time limit
 * kills a hook with its tree, a stop kills a hook still running, and a hook's output is in the wrapper log.
 */
@EnabledOnOs(OS.LINUX)
class HooksIT {
    @TempDir
    Path dir;

    private Supervisor supervisor;
    private final List<Long> pidsToKill = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    private ch.qos.logback.classic.Level levelBefore;

    @BeforeEach
    void captureLog() {
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(HookRunner.class);
        levelBefore = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.addAppender(log);
    }

    @AfterEach
    void cleanUp() {
        ((Logger) LoggerFactory.getLogger(HookRunner.class)).detachAppender(log);
        ((Logger) LoggerFactory.getLogger(HookRunner.class)).setLevel(levelBefore);
        if (supervisor != null && !supervisor.outcome().isDone()) {
            supervisor.stop();
            supervisor.outcome().orTimeout(30, TimeUnit.SECONDS).join();
        }
        pidsToKill.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private MapSource fixture(String... flags) {
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), "org.jsrvany.samples.Fixture"));
        args.addAll(List.of(flags));
        return new MapSource("test").put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(args))
                .put(Param.APP_DIRECTORY, dir.toString());
    }

    /** A hook command line: sh running {@code script} (Windows command-line quoting, as the registry holds it). */
    private static String sh(String script) {
        return WindowsCommandLine.joinArguments(List.of("/bin/sh", "-c", script));
    }

    private Supervisor supervise(MapSource source) throws Exception {
        ServiceConfig config = new ConfigLoader(System.getenv(), false, w -> { }).load("hooked", source);
        supervisor = Supervisor.create(config, ProcessControl.posix(), new DiscardOutput(), new SupervisorListener() {
            @Override
            public void stateChanged(ServiceState state, Duration waitHint) {
            }
        }, Clock.systemUTC(), Scheduler.system());
        supervisor.start();
        return supervisor;
    }

    private List<String> events() throws java.io.IOException {
        Path f = dir.resolve("events.log");
        return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
    }

    @Test
    void startPreStartPostAndExitPostRunInOrderWithNssmsVariables() throws Exception {
        MapSource source = fixture("--exit-after", "0", "--exit-code", "7")
                .put(Param.APP_EVENTS_START_PRE, sh("echo \"$NSSM_EVENT/$NSSM_ACTION $NSSM_SERVICE_NAME $(pwd)\" >> events.log"))
                .put(Param.APP_EVENTS_START_POST, sh("echo \"$NSSM_EVENT/$NSSM_ACTION pid=$NSSM_APPLICATION_PID\" >> post.log"))
                .put(Param.APP_EVENTS_EXIT_POST, sh("echo \"$NSSM_EVENT/$NSSM_ACTION code=$NSSM_EXITCODE\" >> events.log; echo to-the-log"))
                .exitAction("", "Exit");
        ServiceOutcome outcome = supervise(source).outcome().get(60, TimeUnit.SECONDS);
        assertThat(outcome).isEqualTo(new ServiceOutcome.ChildExited(7));
        assertThat(events()).containsExactly("Start/Pre hooked " + dir.toRealPath(), "Exit/Post code=7");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("post.log")));
        assertThat(Files.readString(dir.resolve("post.log")).strip()).matches("Start/Post pid=[0-9]+");
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).contains("[Exit/Post hook] to-the-log");
    }

    @Test
    void startPreExitingWith99CancelsTheStartAndOtherFailuresDoNot() throws Exception {
        Path ran = dir.resolve("ran");
        ServiceOutcome cancelled = supervise(fixture("--exit-after", "0", "--dump", ran.toString())
                .put(Param.APP_EVENTS_START_PRE, sh("exit 99")).exitAction("", "Exit"))
                .outcome().get(60, TimeUnit.SECONDS);
        assertThat(cancelled).isInstanceOf(ServiceOutcome.LaunchFailed.class);
        assertThat(((ServiceOutcome.LaunchFailed) cancelled).reason()).contains("Start/Pre hook exited with 99");
        assertThat(ran).as("the program never started").doesNotExist();

        ServiceOutcome started = supervise(fixture("--exit-after", "0", "--dump", ran.toString())
                .put(Param.APP_EVENTS_START_PRE, sh("exit 1")).exitAction("", "Exit"))
                .outcome().get(60, TimeUnit.SECONDS);
        assertThat(started).isEqualTo(new ServiceOutcome.ChildExited(0));
        assertThat(ran).as("a failing Start/Pre is logged, the start goes on").exists();
    }

    @Test
    void aHookOutlivingTheTimeLimitIsKilledWithItsTreeAndTheStartGoesOn() throws Exception {
        Path ran = dir.resolve("ran");
        ServiceOutcome outcome = supervise(fixture("--exit-after", "0", "--dump", ran.toString())
                .put(Param.APP_EVENTS_START_PRE, sh("sleep 300 & echo $! > grandchild.pid; echo $$ > hook.pid; wait"))
                .put(Param.APP_HOOK_TIMEOUT, new RawValue.Dword(1500))
                .exitAction("", "Exit")).outcome().get(60, TimeUnit.SECONDS);
        assertThat(outcome).isEqualTo(new ServiceOutcome.ChildExited(0));
        assertThat(ran).exists();
        long hook = Long.parseLong(Files.readString(dir.resolve("hook.pid")).strip());
        long grandchild = Long.parseLong(Files.readString(dir.resolve("grandchild.pid")).strip());
        pidsToKill.add(hook);
        pidsToKill.add(grandchild);
        await().atMost(Duration.ofSeconds(10)).until(() -> !alive(hook) && !alive(grandchild));
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("did not end within AppHookTimeout=1500 ms"));
    }

    @Test
    void stopPreRunsWhileTheProgramStillRunsAndAStopKillsAHookStillRunning() throws Exception {
        MapSource source = fixture("--sleep-forever")
                .put(Param.APP_EVENTS_START_POST, sh("echo $$ > post.pid; exec sleep 300"))
                .put(Param.APP_EVENTS_STOP_PRE, sh("kill -0 $NSSM_APPLICATION_PID && echo \"$NSSM_EVENT/$NSSM_ACTION program alive\" >> events.log"));
        supervise(source);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("post.pid"))
                && !Files.readString(dir.resolve("post.pid")).isBlank());
        long post = Long.parseLong(Files.readString(dir.resolve("post.pid")).strip());
        pidsToKill.add(post);
        assertThat(alive(post)).isTrue();

        supervisor.stop();
        assertThat(supervisor.outcome().get(60, TimeUnit.SECONDS)).isEqualTo(new ServiceOutcome.StoppedOnRequest());
        assertThat(events()).containsExactly("Stop/Pre program alive");
        await().atMost(Duration.ofSeconds(10)).until(() -> !alive(post));
    }

    @Test
    void aPowerEventRunsItsHookWithoutWaiting() throws Exception {
        MapSource source = fixture("--sleep-forever")
                .put(Param.APP_EVENTS_POWER_RESUME, sh("echo \"$NSSM_EVENT/$NSSM_ACTION\" >> events.log"));
        supervise(source);
        supervisor.powerEvent(org.jsrvany.core.config.Hooks.Hook.POWER_RESUME);
        supervisor.powerEvent(org.jsrvany.core.config.Hooks.Hook.POWER_CHANGE); // not configured: nothing
        await().atMost(Duration.ofSeconds(30)).until(() -> events().contains("Power/Resume"));
        assertThat(events()).containsExactly("Power/Resume");
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(h -> h.isAlive() && !isZombie(pid)).orElse(false);
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return false;
        }
    }

}
