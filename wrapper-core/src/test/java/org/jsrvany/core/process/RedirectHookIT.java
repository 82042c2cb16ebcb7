package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.output.OutputCapture;
import org.jsrvany.core.supervisor.HookRunner;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.ServiceState;
import org.jsrvany.core.supervisor.Supervisor;
import org.jsrvany.core.supervisor.SupervisorListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * AppRedirectHook with real processes: a Start/Post hook printing lines on stdout and stderr while the
 * program writes fast to the same file (AppStdout = AppStderr), each of its lines written in two pieces
 * so that the capture often holds half a program line when a hook line arrives. With 1, every line of
 * both is in the file exactly once and whole; with 0 the hook's lines are in the wrapper log, not the file.
 */
@EnabledOnOs(OS.LINUX)
class RedirectHookIT {
    private static final int HOOK_LINES = 500;
    private static final Pattern LINE = Pattern.compile("prog-(\\d+)-end|hook-(out|err)-(\\d+)");

    @TempDir
    Path dir;

    private Supervisor supervisor;
    private OutputCapture capture;
    /** The HookRunner's messages (appended by the hook's threads while the test reads them). */
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> log = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            messages.add(event.getFormattedMessage());
        }
    };
    private Level levelBefore;

    @BeforeEach
    void captureLog() {
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(HookRunner.class);
        levelBefore = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(log);
    }

    @AfterEach
    void cleanUp() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(HookRunner.class);
        logger.detachAppender(log);
        logger.setLevel(levelBefore);
        Files.writeString(dir.resolve("stop"), "");
        if (supervisor != null && !supervisor.outcome().isDone()) {
            supervisor.stop();
            supervisor.outcome().orTimeout(30, TimeUnit.SECONDS).join();
        }
        if (capture != null) {
            capture.close();
        }
    }

    private static String sh(String script) {
        return WindowsCommandLine.joinArguments(List.of("/bin/sh", "-c", script));
    }

    /** Runs the program until the file "stop" exists, with a Start/Post hook printing HOOK_LINES lines on each stream. */
    private Path run(long redirect) throws Exception {
        Path out = dir.resolve("out.log");
        String program = "i=0; while [ ! -e stop ] && [ $i -lt 3000000 ]; do printf 'prog-%d-' $i; printf 'end\\n'; i=$((i+1)); done";
        // Redirected: half the lines, then wait until they are in the file and the program has written more after
        // them, then the rest, so the program's lines between the hook's are certain, not a matter of timing.
        int half = HOOK_LINES / 2;
        String meanwhile = redirect == 0 ? ""
                : " while [ $(grep -c '^hook-out' out.log) -lt " + half + " ] || [ $(grep -c '^hook-err' out.log) -lt "
                        + half + " ]; do sleep 0.01; done;"
                        + " n=$(grep -c '^prog' out.log); while [ $(grep -c '^prog' out.log) -le $n ]; do sleep 0.01; done;";
        String hook = "i=0; while [ $i -lt " + half + " ]; do echo hook-out-$i; echo hook-err-$i >&2; i=$((i+1)); done;"
                + meanwhile
                + " while [ $i -lt " + HOOK_LINES + " ]; do echo hook-out-$i; echo hook-err-$i >&2; i=$((i+1)); done";
        MapSource source = new MapSource("test").put(Param.APPLICATION, "/bin/sh")
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(List.of("-c", program)))
                .put(Param.APP_DIRECTORY, dir.toString())
                .put(Param.APP_STDOUT, out.toString())
                .put(Param.APP_STDERR, out.toString())
                .put(Param.APP_EVENTS_START_POST, sh(hook))
                .put(Param.APP_REDIRECT_HOOK, new RawValue.Dword(redirect))
                .exitAction("", "Exit");
        ServiceConfig config = new ConfigLoader(System.getenv(), false, w -> { }).load("redirected", source);
        capture = OutputCapture.open(config.output(), Clock.systemUTC(), null, null);
        supervisor = Supervisor.create(config, ProcessControl.posix(), capture, new SupervisorListener() {
            @Override
            public void stateChanged(ServiceState state, Duration waitHint) {
            }
        }, Clock.systemUTC(), Scheduler.system());
        supervisor.start();
        String last = "The Start/Post hook";
        await().atMost(Duration.ofSeconds(60)).until(() -> messages.stream()
                .anyMatch(m -> m.startsWith(last) && m.contains("exited with")));
        Files.writeString(dir.resolve("stop"), "");
        ServiceOutcome outcome = supervisor.outcome().get(60, TimeUnit.SECONDS);
        assertThat(outcome).isEqualTo(new ServiceOutcome.ChildExited(0));
        capture.close();
        return out;
    }

    @Test
    void withOneEveryLineOfTheHookAndTheProgramIsInTheFileOnceAndWhole() throws Exception {
        Path out = run(1);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        Map<String, Integer> hookLines = new HashMap<>();
        long expectedProg = 0;
        List<String> bad = new ArrayList<>();
        long progBetweenHookLines = 0;
        long progSinceHookLine = 0;
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                bad.add(line);
            } else if (m.group(1) != null) {
                assertThat(Long.parseLong(m.group(1))).as("the program's lines in order, each once").isEqualTo(expectedProg);
                expectedProg++;
                progSinceHookLine++;
            } else {
                if (!hookLines.isEmpty()) {
                    progBetweenHookLines += progSinceHookLine;
                }
                progSinceHookLine = 0;
                hookLines.merge(m.group(2) + "-" + m.group(3), 1, Integer::sum);
            }
        }
        assertThat(bad).as("torn or foreign lines").isEmpty();
        assertThat(progBetweenHookLines).as("the program wrote while the hook ran").isPositive();
        assertThat(hookLines).hasSize(2 * HOOK_LINES).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(1));
        assertThat(messages).noneMatch(s -> s.startsWith("[Start/Post hook]"));
    }

    @Test
    void withZeroTheHooksLinesAreInTheWrapperLogAndNotInTheFile() throws Exception {
        Path out = run(0);
        String file = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(file).doesNotContain("hook-").contains("prog-0-end");
        assertThat(messages).contains("[Start/Post hook] hook-out-0", "[Start/Post hook] hook-err-" + (HOOK_LINES - 1));
    }
}
