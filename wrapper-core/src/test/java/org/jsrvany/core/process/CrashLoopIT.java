package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.output.OutputCapture;
import org.jsrvany.core.supervisor.RestartPolicy;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.supervisor.ServiceState;
import org.jsrvany.core.supervisor.Supervisor;
import org.jsrvany.core.supervisor.SupervisorListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that exits at once with {@code AppThrottle=0}: the real supervisor, process control and
 * output capture. Starts stay at least the restart floor apart, and a restart starts no thread (a
 * thread per restart cost megabytes of heap each: issue 9).
 */
@EnabledOnOs(OS.LINUX)
class CrashLoopIT {
    private static final int WARM_UP = 5;
    private static final int MEASURED = 20;

    @TempDir
    Path dir;

    private Supervisor supervisor;
    private OutputCapture capture;

    @AfterEach
    void cleanUp() {
        if (supervisor != null && !supervisor.outcome().isDone()) {
            supervisor.stop();
            supervisor.outcome().orTimeout(30, TimeUnit.SECONDS).join();
        }
        if (capture != null) {
            capture.close();
        }
    }

    @Test
    void aProgramThatExitsAtOnceIsRestartedAtMostTenTimesASecondWithoutNewThreads() throws Exception {
        ServiceConfig config = new ConfigLoader(System.getenv(), false, w -> {
        }).load("loop", new MapSource("test")
                .put(Param.APPLICATION, "/bin/sh")
                .put(Param.APP_PARAMETERS, "-c \"echo run\"")
                .put(Param.APP_DIRECTORY, dir.toString())
                .put(Param.APP_STDOUT, "out.log")
                .put(Param.APP_THROTTLE, new RawValue.Dword(0)));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Long> startedAt = Collections.synchronizedList(new ArrayList<>());
        List<Long> threadsAt = Collections.synchronizedList(new ArrayList<>());
        capture = OutputCapture.open(config.output(), Clock.systemUTC(), null, null);
        supervisor = Supervisor.create(config, ProcessControl.posix(), capture, new SupervisorListener() {
            @Override
            public void stateChanged(ServiceState state, Duration waitHint) {
                // not needed here
            }

            @Override
            public void childStarted(long pid, String commandLine) {
                startedAt.add(System.nanoTime());
                threadsAt.add(threads.getTotalStartedThreadCount());
            }
        }, Clock.systemUTC(), Scheduler.system());
        supervisor.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> startedAt.size() > WARM_UP + MEASURED);

        long floorNanos = RestartPolicy.MIN_START_INTERVAL.toNanos();
        for (int i = 1; i < startedAt.size(); i++) {
            // The floor is kept between the supervisor's own start instants; allow 5 ms for the callback's skew.
            assertThat(startedAt.get(i) - startedAt.get(i - 1)).as("gap before start %d", i)
                    .isGreaterThan(floorNanos - TimeUnit.MILLISECONDS.toNanos(5));
        }
        long newThreads = threadsAt.get(WARM_UP + MEASURED) - threadsAt.get(WARM_UP);
        assertThat(newThreads).as("threads started during %d restarts", MEASURED).isLessThan(MEASURED / 4);
        assertThat(Files.readAllLines(dir.resolve("out.log"))).as("every run's output reached the file")
                .hasSizeGreaterThanOrEqualTo(WARM_UP + MEASURED).containsOnly("run");
    }
}
