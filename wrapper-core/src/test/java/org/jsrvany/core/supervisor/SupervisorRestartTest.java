package org.jsrvany.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jsrvany.core.config.ExitAction;
import org.jsrvany.core.config.ExitActions;
import org.jsrvany.core.config.LimitSettings;
import org.jsrvany.core.config.HealthSettings;
import org.jsrvany.core.config.Hooks;
import org.jsrvany.core.config.MemoryLimitAction;
import org.jsrvany.core.config.PauseMode;
import org.jsrvany.core.config.RestartSchedule;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.StopPolicy;
import org.jsrvany.core.config.StopStep;
import org.jsrvany.core.config.WindowsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The supervisor restarting a running program by itself: on request, on schedule, at the memory limit. */
class SupervisorRestartTest {
    private final ManualTime time = new ManualTime();
    private final FakeProcessControl processes = new FakeProcessControl();
    private final RecordingListener recorder = new RecordingListener();
    private Supervisor supervisor;

    @AfterEach
    void end() {
        if (supervisor != null && !supervisor.outcome().isDone()) {
            processes.diesOn = EnumSet.allOf(StopStep.class);
            supervisor.stop();
        }
    }

    private static ServiceConfig config(LimitSettings limits) {
        StopPolicy stop = new StopPolicy(Set.of(), Duration.ofMillis(1500), Duration.ofMillis(2000), Duration.ofMillis(3000), true);
        return new ServiceConfig("svc", Path.of("/bin/true"), "", Path.of("/"), new TreeMap<>(Map.of("A", "1")),
                new ExitActions(ExitAction.RESTART, Map.of()), Duration.ofMillis(1500), Duration.ofSeconds(30), stop, null,
                PauseMode.SUSPEND, new WindowsOptions(false, 0x20, ""), null, Hooks.none(), HealthSettings.none(), limits);
    }

    private static LimitSettings every(Duration d) {
        return new LimitSettings(new RestartSchedule(Optional.empty(), Optional.of(d)), 0, MemoryLimitAction.RESTART, 0,
                Duration.ZERO);
    }

    private static LimitSettings memory(MemoryLimitAction action) {
        return new LimitSettings(RestartSchedule.NONE, 64L << 20, action, 0, Duration.ZERO);
    }

    private void startWith(ServiceConfig config) {
        supervisor = Supervisor.create(config, processes, new DiscardOutput(), recorder, time, time);
        supervisor.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.last() == ServiceState.RUNNING);
    }

    private void awaitChildren(int n) {
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.started.size() == n);
    }

    @Test
    void aRestartGoesThroughTheLadderAndStartsAgainAtOnceWhileStillReportingRunning() {
        startWith(config(LimitSettings.NONE));
        var first = processes.last();
        processes.diesOn = EnumSet.of(StopStep.WINDOW);

        supervisor.restartNow(RestartReason.SCHEDULED);
        await().atMost(Duration.ofSeconds(5)).until(() -> first.received.contains("CONSOLE"));
        await().atMost(Duration.ofSeconds(5)).until(() -> time.pendingDelays().equals(List.of(Duration.ofMillis(1500))));
        time.advance(Duration.ofMillis(1500));
        awaitChildren(2);

        assertThat(first.received).containsExactly("CONSOLE", "WINDOW", "KILL_REMAINING");
        assertThat(first.closed).isTrue();
        assertThat(recorder.restarts).containsExactly(RestartReason.SCHEDULED);
        // No AppRestartDelay (30 s here) and no back-off: the program did nothing wrong.
        assertThat(recorder.decisions).containsExactly(new ExitDecision.Restart(Duration.ZERO, 0));
        assertThat(recorder.states).containsExactly(ServiceState.START_PENDING, ServiceState.RUNNING);
        assertThat(supervisor.outcome()).isNotDone();
    }

    @Test
    void aRestartIsRefusedWhilePausedAndDuringAnotherRestart() {
        startWith(config(LimitSettings.NONE));
        var first = processes.last();
        supervisor.pause();
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.last() == ServiceState.PAUSED);
        supervisor.restartNow(RestartReason.MEMORY_LIMIT);
        supervisor.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.last() == ServiceState.RUNNING);
        assertThat(first.received).containsExactly("SUSPEND", "RESUME");
        assertThat(recorder.restarts).isEmpty();

        supervisor.restartNow(RestartReason.SCHEDULED);
        supervisor.restartNow(RestartReason.MEMORY_LIMIT);
        supervisor.pause(); // refused too while the restart runs
        await().atMost(Duration.ofSeconds(5)).until(() -> time.pendingDelays().equals(List.of(Duration.ofMillis(1500))));
        assertThat(recorder.restarts).containsExactly(RestartReason.SCHEDULED);
        assertThat(first.received).containsExactly("SUSPEND", "RESUME", "CONSOLE");
        assertThat(recorder.last()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void aStopDuringARestartTakesTheLadderOverWhereItIs() {
        startWith(config(LimitSettings.NONE));
        var first = processes.last();
        processes.diesOn = EnumSet.of(StopStep.TERMINATE);
        supervisor.restartNow(RestartReason.SCHEDULED);
        await().atMost(Duration.ofSeconds(5)).until(() -> time.pendingDelays().equals(List.of(Duration.ofMillis(1500))));
        time.advance(Duration.ofMillis(1000));

        supervisor.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.last() == ServiceState.STOP_PENDING);
        // Still the restart's CONSOLE wait (500 ms left), not a new ladder from the top.
        assertThat(time.pendingDelays()).containsExactly(Duration.ofMillis(500));
        time.advance(Duration.ofMillis(500));
        await().atMost(Duration.ofSeconds(5)).until(() -> first.received.contains("WINDOW"));
        time.advance(Duration.ofMillis(2000));
        await().atMost(Duration.ofSeconds(5)).until(() -> first.received.contains("THREADS"));
        time.advance(Duration.ofMillis(3000));
        assertThat(supervisor.outcome().join()).isEqualTo(new ServiceOutcome.StoppedOnRequest());
        assertThat(first.received).containsExactly("CONSOLE", "WINDOW", "THREADS", "TERMINATE", "KILL_REMAINING");
        assertThat(recorder.started).hasSize(1);
    }

    @Test
    void theScheduleRestartsEachRunOnceItHasLastedThePeriod() {
        processes.diesOn = EnumSet.of(StopStep.CONSOLE);
        startWith(config(every(Duration.ofHours(6))));
        await().atMost(Duration.ofSeconds(5)).until(() -> time.pendingDelays().equals(List.of(Duration.ofHours(6))));
        assertThat(supervisor.nextScheduledRestart()).contains(time.instant().plus(Duration.ofHours(6)));

        time.advance(Duration.ofHours(6));
        awaitChildren(2);
        assertThat(recorder.restarts).containsExactly(RestartReason.SCHEDULED);
        // The new run gets its own six hours.
        await().atMost(Duration.ofSeconds(5)).until(() -> time.pendingDelays().equals(List.of(Duration.ofHours(6))));
        time.advance(Duration.ofHours(6));
        awaitChildren(3);
        assertThat(recorder.restarts).containsExactly(RestartReason.SCHEDULED, RestartReason.SCHEDULED);
    }

    @Test
    void aScheduledRestartDueWhilePausedIsSkippedAndTheNextOneArmed() {
        startWith(config(every(Duration.ofHours(6))));
        supervisor.pause();
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.last() == ServiceState.PAUSED);
        time.advance(Duration.ofHours(6));
        await().atMost(Duration.ofSeconds(5)).until(() -> time.pendingDelays().equals(List.of(Duration.ofHours(6))));
        assertThat(recorder.restarts).isEmpty();
        assertThat(processes.last().received).containsExactly("SUSPEND");
        assertThat(recorder.started).hasSize(1);
    }

    @Test
    void anExitOfItsOwnCancelsTheRunsScheduleAndTheNextRunGetsAFreshOne() {
        startWith(config(every(Duration.ofHours(6))));
        time.advance(Duration.ofHours(1));
        processes.last().exit(3);
        // The exit's own restart waits AppRestartDelay (30 s); the old run's schedule is gone.
        await().atMost(Duration.ofSeconds(5)).until(() -> time.pendingDelays().equals(List.of(Duration.ofSeconds(30))));
        time.advance(Duration.ofSeconds(30));
        awaitChildren(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> time.pendingDelays().equals(List.of(Duration.ofHours(6))));
    }

    @Test
    void theMemoryLimitRestartsWhenAskedTo() {
        processes.diesOn = EnumSet.of(StopStep.CONSOLE);
        startWith(config(memory(MemoryLimitAction.RESTART)));
        processes.last().breachMemory();
        // Reaching the limit is a failure: the restart waits like a crash's, here AppRestartDelay (30 s).
        await().atMost(Duration.ofSeconds(5)).until(() -> time.pendingDelays().equals(List.of(Duration.ofSeconds(30))));
        assertThat(recorder.decisions).containsExactly(new ExitDecision.Restart(Duration.ofSeconds(30), 1));
        time.advance(Duration.ofSeconds(30));
        awaitChildren(2);
        assertThat(recorder.breaches).hasSize(1);
        assertThat(recorder.restarts).containsExactly(RestartReason.MEMORY_LIMIT);
    }

    @Test
    void theRepeatedMessagesOfTheTreeBeingRestartedForItsMemoryCountOnce() {
        processes.diesOn = EnumSet.of(StopStep.WINDOW);
        startWith(config(memory(MemoryLimitAction.RESTART)));
        var first = processes.last();
        first.breachMemory();
        await().atMost(Duration.ofSeconds(5)).until(() -> first.received.contains("CONSOLE"));
        first.breachMemory();
        first.breachMemory();
        await().atMost(Duration.ofSeconds(5)).until(() -> time.pendingDelays().equals(List.of(Duration.ofMillis(1500))));
        time.advance(Duration.ofMillis(1500));
        await().atMost(Duration.ofSeconds(5)).until(() -> time.pendingDelays().equals(List.of(Duration.ofSeconds(30))));
        time.advance(Duration.ofSeconds(30));
        awaitChildren(2);
        first.breachMemory(); // a late message of the old run
        processes.last().breachMemory();
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.restarts.size() == 2);
        assertThat(recorder.breaches).hasSize(2);
    }

    @Test
    void theMemoryLimitIsOnlyCountedWhenTheAllocationShouldFail() {
        startWith(config(memory(MemoryLimitAction.FAIL)));
        var first = processes.last();
        first.breachMemory();
        first.breachMemory();
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.breaches.size() == 2);
        assertThat(recorder.restarts).isEmpty();
        assertThat(first.received).isEmpty();
    }
}
