package org.jsrvany.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.jsrvany.core.config.Check;
import org.jsrvany.core.config.ExitAction;
import org.jsrvany.core.config.ExitActions;
import org.jsrvany.core.config.HealthSettings;
import org.jsrvany.core.config.HealthSettings.ReadyTimeoutAction;
import org.jsrvany.core.config.Hooks;
import org.jsrvany.core.config.PauseMode;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.StopPolicy;
import org.jsrvany.core.config.StopStep;
import org.jsrvany.core.config.WindowsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's readiness gate and its restart through the ladder ({@link Supervisor#restartNow}), with
 * faked processes and hand-driven time; the file check looks at a real file.
 */
class HealthSupervisorTest {
    private final ManualTime time = new ManualTime();
    private final FakeProcessControl processes = new FakeProcessControl();
    private final Recorder recorder = new Recorder();
    private Supervisor supervisor;

    @TempDir
    Path dir;

    static final class Recorder extends RecordingListener {
        final List<String> health = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void programReady(long pid, Duration after, String seen) {
            health.add("ready " + pid + " after " + after.toMillis());
        }

        @Override
        public void programNotReady(long pid, String check, String seen, Duration timeout, boolean stopping) {
            health.add("not ready " + pid + (stopping ? " stopping" : " running"));
        }

        @Override
        public void restarting(long pid, RestartReason reason, String detail) {
            super.restarting(pid, reason, detail);
            health.add("restarting " + pid + ": " + detail);
        }
    }

    @AfterEach
    void end() {
        if (supervisor != null && !supervisor.outcome().isDone()) {
            processes.diesOn = EnumSet.allOf(StopStep.class);
            supervisor.stop();
        }
    }

    private ServiceConfig config(HealthSettings health) {
        StopPolicy stop = new StopPolicy(Set.of(), Duration.ofMillis(1500), Duration.ofMillis(1500),
                Duration.ofMillis(1500), true);
        return new ServiceConfig("svc", Path.of("/bin/true"), "", dir, new TreeMap<>(Map.of("A", "1")),
                new ExitActions(ExitAction.RESTART, Map.of()), Duration.ofMillis(1500), Duration.ZERO, stop, null,
                PauseMode.SUSPEND, new WindowsOptions(false, 0x20, ""), null, Hooks.none(), health, null);
    }

    private static HealthSettings ready(Check check, long timeoutMillis, ReadyTimeoutAction action) {
        HealthSettings none = HealthSettings.none();
        return new HealthSettings(Optional.of(check), Duration.ofMillis(timeoutMillis), action, none.health(),
                none.healthInterval(), none.healthTimeout(), none.healthFailures(), none.silence(), none.startCondition(),
                none.startConditionTimeout());
    }

    private void start(ServiceConfig config) {
        supervisor = Supervisor.create(config, processes, new DiscardOutput(), recorder, time, time);
        supervisor.start();
    }

    private void awaitState(ServiceState s) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(recorder.last()).isEqualTo(s));
    }

    /** Advances time by the readiness probe's period until {@code condition} holds (each probe runs on a health thread). */
    private void advanceUntil(Runnable condition) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            time.advance(Duration.ofMillis(250));
            condition.run();
        });
    }

    @Test
    void theServiceStaysStartPendingUntilTheReadyFileExists() throws IOException {
        Path flag = dir.resolve("ready.flag");
        start(config(ready(new Check.FileExists(flag), 60_000, ReadyTimeoutAction.STOP)));
        await().atMost(Duration.ofSeconds(5)).until(() -> processes.children.size() == 1);
        time.advance(Duration.ofMillis(250));
        time.advance(Duration.ofMillis(250));
        assertThat(recorder.states).doesNotContain(ServiceState.RUNNING).allMatch(s -> s == ServiceState.START_PENDING);

        Files.writeString(flag, "ok");
        advanceUntil(() -> assertThat(recorder.last()).isEqualTo(ServiceState.RUNNING));
        // every look while not ready was reported again: the checkpoint rose
        assertThat(recorder.states.stream().filter(s -> s == ServiceState.START_PENDING).count()).isGreaterThan(1);
        assertThat(recorder.health).singleElement().asString().startsWith("ready 1000 after ");
    }

    @Test
    void notReadyInTimeWithStopStopsTheProgramAndTheServiceFailsNotReady() {
        start(config(ready(new Check.FileExists(dir.resolve("never")), 1000, ReadyTimeoutAction.STOP)));
        await().atMost(Duration.ofSeconds(5)).until(() -> processes.children.size() == 1);
        processes.diesOn = EnumSet.of(StopStep.CONSOLE);
        advanceUntil(() -> assertThat(supervisor.outcome()).isDone());

        ServiceOutcome outcome = supervisor.outcome().join();
        assertThat(outcome).isInstanceOf(ServiceOutcome.NotReady.class);
        assertThat(((ServiceOutcome.NotReady) outcome).reason()).contains("AppReadyTimeout (1000 ms", "does not exist");
        assertThat(processes.last().received).startsWith("CONSOLE");
        assertThat(recorder.states).doesNotContain(ServiceState.RUNNING).contains(ServiceState.STOP_PENDING);
        assertThat(recorder.health).containsExactly("not ready 1000 stopping");
    }

    @Test
    void notReadyInTimeWithRunReportsRunningAndWarns() {
        start(config(ready(new Check.FileExists(dir.resolve("never")), 1000, ReadyTimeoutAction.RUN)));
        await().atMost(Duration.ofSeconds(5)).until(() -> processes.children.size() == 1);
        advanceUntil(() -> assertThat(recorder.last()).isEqualTo(ServiceState.RUNNING));
        assertThat(recorder.health).containsExactly("not ready 1000 running");
        assertThat(processes.last().received).isEmpty();
    }

    @Test
    void aProgramThatExitsBeforeItIsReadyFailsTheStartWithItsExitCode() {
        start(config(ready(new Check.FileExists(dir.resolve("never")), 60_000, ReadyTimeoutAction.STOP)));
        await().atMost(Duration.ofSeconds(5)).until(() -> processes.children.size() == 1);
        processes.last().exit(3);

        ServiceOutcome outcome = supervisor.outcome().join();
        assertThat(outcome).isInstanceOf(ServiceOutcome.NotReady.class);
        assertThat(((ServiceOutcome.NotReady) outcome).exitCode()).isEqualTo(OptionalInt.of(3));
        assertThat(recorder.decisions).containsExactly(new ExitDecision.NotReady());
        assertThat(processes.children).hasSize(1); // no restart: the start failed
        assertThat(recorder.states).doesNotContain(ServiceState.RUNNING);
    }

    @Test
    void restartNowRunsTheLadderWhileTheServiceStaysRunningThenStartsAgainWithTheBackOff() {
        start(config(HealthSettings.none()));
        awaitState(ServiceState.RUNNING);
        var first = processes.last();
        processes.diesOn = EnumSet.of(StopStep.WINDOW);

        supervisor.restartNow(RestartReason.HEALTH_CHECK, "health check tcp:127.0.0.1:1 failed 3 times in a row");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(first.received).containsExactly("CONSOLE"));
        time.advance(Duration.ofMillis(1500)); // CONSOLE's wait: then WINDOW, which ends it
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(recorder.decisions).hasSize(1));

        // A failed check counts as an unhealthy run: the first back-off step, 2 s, in WAITING_TO_RESTART.
        assertThat(recorder.decisions).containsExactly(new ExitDecision.Restart(Duration.ofSeconds(2), 1));
        awaitState(ServiceState.WAITING_TO_RESTART);
        assertThat(recorder.states).doesNotContain(ServiceState.STOP_PENDING);
        assertThat(recorder.health).containsExactly("restarting 1000: health check tcp:127.0.0.1:1 failed 3 times in a row");
        time.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> processes.children.size() == 2);
        awaitState(ServiceState.RUNNING);
        assertThat(supervisor.outcome()).isNotDone();
    }

    @Test
    void aPlannedRestartOfAHealthyRunStartsAgainAtOnce() {
        start(config(HealthSettings.none()));
        awaitState(ServiceState.RUNNING);
        time.advance(Duration.ofSeconds(10)); // longer than AppThrottle: a healthy run
        processes.diesOn = EnumSet.of(StopStep.CONSOLE);

        supervisor.restartNow(RestartReason.SCHEDULED);
        await().atMost(Duration.ofSeconds(5)).until(() -> processes.children.size() == 2);
        assertThat(recorder.decisions).containsExactly(new ExitDecision.Restart(Duration.ZERO, 0));
        assertThat(recorder.states).containsExactly(ServiceState.START_PENDING, ServiceState.RUNNING);
    }

    @Test
    void restartNowIsIgnoredWhilePaused() {
        start(config(HealthSettings.none()));
        awaitState(ServiceState.RUNNING);
        supervisor.pause();
        awaitState(ServiceState.PAUSED);
        supervisor.restartNow(RestartReason.SCHEDULED);
        supervisor.resume();
        awaitState(ServiceState.RUNNING);
        assertThat(processes.last().received).containsExactly("SUSPEND", "RESUME");
        assertThat(recorder.health).isEmpty();
    }

    @Test
    void stopDuringARestartsLadderTakesItOverAndEndsTheService() {
        start(config(HealthSettings.none()));
        awaitState(ServiceState.RUNNING);
        var first = processes.last();
        processes.diesOn = EnumSet.of(StopStep.WINDOW);
        supervisor.restartNow(RestartReason.SCHEDULED);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(first.received).containsExactly("CONSOLE"));

        supervisor.stop();
        awaitState(ServiceState.STOP_PENDING);
        time.advance(Duration.ofMillis(1500));
        assertThat(supervisor.outcome().join()).isEqualTo(new ServiceOutcome.StoppedOnRequest());
        assertThat(processes.children).hasSize(1);
    }
}
