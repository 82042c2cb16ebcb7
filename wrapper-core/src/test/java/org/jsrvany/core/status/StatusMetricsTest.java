package org.jsrvany.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import org.jsrvany.core.process.LimitBreach;
import org.jsrvany.core.process.TreeUsage;
import org.jsrvany.core.supervisor.ExitDecision;
import org.jsrvany.core.supervisor.RestartReason;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.ServiceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitoring part of the published status: written, read back, and kept by the publisher. */
class StatusMetricsTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path dir;

    private static Properties props(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    @Test
    void everyKeyRoundTrips() throws Exception {
        StatusMetrics m = new StatusMetrics(Optional.of("RUNNING"), List.of(100L, 101L, 102L), OptionalLong.of(52_428_800),
                OptionalLong.of(104_857_600), OptionalLong.of(1234), 2, 3, 1, Optional.of(T0.plusSeconds(3600)),
                Optional.of("SIGKILL"));
        PublishedStatus s = new PublishedStatus("svc", 7, T0, OptionalLong.of(100), Optional.of(T0), 4, OptionalLong.of(137),
                Optional.of(T0), T0, 0, m);
        String text = s.toText();
        assertThat(text).contains("treePids=100,101,102", "memoryBytes=52428800", "peakMemoryBytes=104857600",
                "cpuMillis=1234", "memoryLimitBreaches=2", "scheduledRestarts=3", "memoryLimitRestarts=1",
                "lastExitName=SIGKILL", "state=RUNNING");
        assertThat(PublishedStatus.parse(props(text))).contains(s);
    }

    @Test
    void theLatestHealthCheckRoundTripsAndCountsItsRestarts() throws Exception {
        HealthResult h = new HealthResult("http://127.0.0.1:8080/health", false, "HTTP 503", T0.plusSeconds(5), 2, 1);
        StatusMetrics m = new StatusMetrics(Optional.of("RUNNING"), List.of(100L), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), 0, 0, 0, Optional.empty(), Optional.empty(), Optional.of(h));
        PublishedStatus s = new PublishedStatus("svc", 7, T0, OptionalLong.of(100), Optional.of(T0), 1,
                OptionalLong.empty(), Optional.empty(), T0, 0, m);
        String text = s.toText();
        assertThat(text).contains("healthPassed=false", "healthFailuresInRow=2", "healthRestarts=1");
        assertThat(PublishedStatus.parse(props(text)).orElseThrow().metrics().health()).contains(h);
        assertThat(h.describe()).isEqualTo("http://127.0.0.1:8080/health failed 2 times in a row at " + T0.plusSeconds(5)
                + " (HTTP 503); 1 restart(s) for failed checks");

        Path file = dir.resolve("status.properties");
        StatusPublisher p = new StatusPublisher(file, "svc", 7, Clock.fixed(T0, ZoneOffset.UTC));
        p.childStarted(100, "\"app\"");
        p.healthChecked(100, "tcp:127.0.0.1:1", true, "connected", 0);
        assertThat(PublishedStatus.read(file).orElseThrow().metrics().health().orElseThrow().passed()).isTrue();
        p.healthChecked(100, "tcp:127.0.0.1:1", false, "connection refused", 1);
        p.healthChecked(100, "tcp:127.0.0.1:1", false, "connection refused", 2);
        p.restarting(100, RestartReason.HEALTH_CHECK, "health check tcp:127.0.0.1:1 failed 2 times in a row");
        HealthResult seen = PublishedStatus.read(file).orElseThrow().metrics().health().orElseThrow();
        assertThat(seen.passed()).isFalse();
        assertThat(seen.failuresInRow()).isEqualTo(2);
        assertThat(seen.seen()).isEqualTo("connection refused");
        assertThat(seen.restarts()).isEqualTo(1);
    }

    @Test
    void aFileFromBeforeTheseKeysReadsAsNothingKnown() throws Exception {
        String old = "format=1\nservice=svc\nwrapperPid=7\nwrapperStarted=2026-11-21T10:00:00Z\nrestarts=2\n";
        assertThat(PublishedStatus.parse(props(old)).orElseThrow().metrics()).isEqualTo(StatusMetrics.NONE);
    }

    @Test
    void malformedKeysReadAsAbsentAndPidsOnlyWhileAChildRuns() throws Exception {
        String bad = "format=1\nservice=svc\nwrapperPid=7\nwrapperStarted=2026-11-21T10:00:00Z\nchildPid=100\n"
                + "treePids=100,x,-3,101\nmemoryBytes=lots\ncpuMillis=-1\nscheduledRestarts=many\nnextScheduledRestart=soon\n";
        StatusMetrics m = PublishedStatus.parse(props(bad)).orElseThrow().metrics();
        assertThat(m.treePids()).containsExactly(100L, 101L);
        assertThat(m.memoryBytes()).isEmpty();
        assertThat(m.cpuMillis()).isEmpty();
        assertThat(m.scheduledRestarts()).isZero();
        assertThat(m.nextScheduledRestart()).isEmpty();
        String noChild = bad.replace("childPid=100\n", "");
        assertThat(PublishedStatus.parse(props(noChild)).orElseThrow().metrics().treePids()).isEmpty();
    }

    @Test
    void thePublisherCountsEveryRestartByItsCauseEvenOneThatLastedMilliseconds() {
        Path file = dir.resolve("status.properties");
        StatusPublisher p = new StatusPublisher(file, "svc", 7, Clock.fixed(T0, ZoneOffset.UTC));
        p.watchSupervisor(() -> Optional.of(new TreeUsage(List.of(100L, 150L), OptionalLong.of(4096), OptionalLong.empty(),
                Duration.ofMillis(250))), () -> Optional.of(T0.plusSeconds(60)));
        p.stateChanged(ServiceState.START_PENDING, Duration.ofSeconds(10));
        p.childStarted(100, "\"app\"");
        p.stateChanged(ServiceState.RUNNING, Duration.ZERO);
        PublishedStatus running = PublishedStatus.read(file).orElseThrow();
        assertThat(running.metrics().state()).contains("RUNNING");
        assertThat(running.metrics().treePids()).containsExactly(100L, 150L);
        assertThat(running.metrics().memoryBytes()).hasValue(4096);
        assertThat(running.metrics().cpuMillis()).hasValue(250);
        assertThat(running.metrics().nextScheduledRestart()).contains(T0.plusSeconds(60));

        p.restarting(100, RestartReason.SCHEDULED, "");
        p.childExited(100, 0, Duration.ofMillis(3), new ExitDecision.Restart(Duration.ZERO, 0));
        p.childStarted(101, "\"app\"");
        p.childExited(101, 139, Duration.ofMillis(2), new ExitDecision.Restart(Duration.ZERO, 0));
        p.childStarted(102, "\"app\"");
        p.limitBreached(102, new LimitBreach(LimitBreach.Kind.MEMORY, "64 MiB"));
        p.restarting(102, RestartReason.MEMORY_LIMIT, "");
        PublishedStatus after = PublishedStatus.read(file).orElseThrow();
        assertThat(after.restarts()).isEqualTo(2);
        assertThat(after.metrics().scheduledRestarts()).isEqualTo(1);
        assertThat(after.metrics().memoryLimitRestarts()).isEqualTo(1);
        assertThat(after.metrics().memoryLimitBreaches()).isEqualTo(1);
        assertThat(after.lastExitCode()).hasValue(139);
        assertThat(after.metrics().lastExitName()).isEqualTo(
                System.getProperty("os.name").startsWith("Windows") ? Optional.empty() : Optional.of("SIGSEGV"));

        Path prom = dir.resolve("metrics/svc.prom");
        p.writeMetricsTo(Optional.of(prom));
        assertThat(prom).content().contains("jsrvany_wrapper_restarts_total{service=\"svc\",cause=\"scheduled\"} 1\n",
                "jsrvany_last_exit_code{service=\"svc\",name=");
        p.finished(new ServiceOutcome.StoppedOnRequest());
        assertThat(prom).content().contains("jsrvany_up{service=\"svc\"} 0\n");
        PublishedStatus end = PublishedStatus.read(file).orElseThrow();
        assertThat(end.metrics().state()).contains("STOPPED");
        assertThat(end.metrics().treePids()).isEmpty();
        assertThat(end.metrics().nextScheduledRestart()).isEmpty();
    }

    @Test
    void theRefreshRewritesTheFileUntilTheServiceEnds() {
        Path file = dir.resolve("status.properties");
        Instant[] now = {T0};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        List<Runnable> timers = new ArrayList<>();
        Scheduler scheduler = (delay, task) -> {
            assertThat(delay).isEqualTo(Duration.ofSeconds(10));
            timers.add(task);
            return () -> timers.remove(task);
        };
        long[] memory = {1000};
        StatusPublisher p = new StatusPublisher(file, "svc", 7, clock);
        p.watchSupervisor(() -> Optional.of(new TreeUsage(List.of(100L), OptionalLong.of(memory[0]), OptionalLong.empty(),
                Duration.ZERO)), Optional::empty);
        p.childStarted(100, "\"app\"");
        p.refreshEvery(Duration.ofSeconds(10), scheduler);
        memory[0] = 2000;
        now[0] = T0.plusSeconds(10);
        timers.remove(0).run();
        assertThat(PublishedStatus.read(file).orElseThrow().metrics().memoryBytes()).hasValue(2000);
        assertThat(PublishedStatus.read(file).orElseThrow().updated()).isEqualTo(T0.plusSeconds(10));
        assertThat(timers).hasSize(1);
        p.finished(new ServiceOutcome.StoppedOnRequest());
        assertThat(timers).isEmpty();
    }
}
