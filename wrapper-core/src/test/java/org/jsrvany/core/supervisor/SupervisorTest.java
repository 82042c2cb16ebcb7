package org.jsrvany.core.supervisor;

import org.jsrvany.core.output.ChildOutput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.jsrvany.core.config.ExitAction;
import org.jsrvany.core.config.ExitActions;
import org.jsrvany.core.config.PauseMode;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.StopPolicy;
import org.jsrvany.core.config.StopStep;
import org.jsrvany.core.config.WindowsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupervisorTest {
    private static final Duration MS = Duration.ofMillis(1);

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

    private static ServiceConfig config(StopPolicy stop, ExitActions exits, PauseMode pause, Duration restartDelay) {
        return new ServiceConfig("svc", Path.of("/bin/true"), "", Path.of("/"), new TreeMap<>(Map.of("A", "1")),
                exits, Duration.ofMillis(1500), restartDelay, stop, null, pause, new WindowsOptions(false, 0x20, ""));
    }

    private static ServiceConfig config(StopPolicy stop) {
        return config(stop, new ExitActions(ExitAction.RESTART, Map.of()), PauseMode.SUSPEND, Duration.ZERO);
    }

    private static StopPolicy ladder(Set<StopStep> skipped, long console, long window, long threads) {
        return new StopPolicy(skipped, Duration.ofMillis(console), Duration.ofMillis(window), Duration.ofMillis(threads), true);
    }

    private void startWith(ServiceConfig config) {
        supervisor = Supervisor.create(config, processes, new DiscardOutput(), recorder, time, time);
        supervisor.start();
        awaitState(ServiceState.RUNNING);
    }

    private void awaitState(ServiceState s) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(recorder.last()).isEqualTo(s));
    }

    private void awaitReceived(FakeProcessControl.FakeChild child, String... steps) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(child.received).containsExactly(steps));
    }

    private void awaitTimers(Duration... delays) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(time.pendingDelays()).containsExactly(delays));
    }

    @Test
    void stopLadderRunsEveryStepInOrderWaitingItsOwnTimeout() {
        processes.notApplicable = EnumSet.of(StopStep.THREADS);
        startWith(config(ladder(Set.of(), 1500, 2000, 3000)));
        var child = processes.last();

        supervisor.stop();
        awaitReceived(child, "CONSOLE");
        awaitTimers(Duration.ofMillis(1500));
        time.advance(Duration.ofMillis(1499));
        assertThat(child.received).containsExactly("CONSOLE");
        time.advance(MS);
        awaitReceived(child, "CONSOLE", "WINDOW");
        awaitTimers(Duration.ofMillis(2000));
        time.advance(Duration.ofMillis(2000));

        // THREADS reached nobody, so the ladder went straight on to TERMINATE, which ended the child.
        awaitState(ServiceState.STOPPED);
        assertThat(child.received).containsExactly("CONSOLE", "WINDOW", "THREADS", "TERMINATE", "KILL_REMAINING");
        assertThat(supervisor.outcome().join()).isEqualTo(new ServiceOutcome.StoppedOnRequest());
        assertThat(child.closed).isTrue();
        assertThat(recorder.states).containsExactly(ServiceState.START_PENDING, ServiceState.RUNNING,
                ServiceState.STOP_PENDING, ServiceState.STOP_PENDING, ServiceState.STOP_PENDING,
                ServiceState.STOP_PENDING, ServiceState.STOPPED);
    }

    @Test
    void stopPendingWaitHintCoversEveryRemainingStep() {
        startWith(config(ladder(Set.of(), 1500, 2000, 3000)));
        supervisor.stop();
        awaitTimers(Duration.ofMillis(1500));
        int first = recorder.states.indexOf(ServiceState.STOP_PENDING);
        assertThat(recorder.hints.get(first)).isGreaterThanOrEqualTo(Duration.ofMillis(1500 + 2000 + 3000));
    }

    @Test
    void aChildThatHandlesCtrlCStopsAtTheFirstStep() {
        processes.diesOn = EnumSet.of(StopStep.CONSOLE);
        startWith(config(StopPolicy.defaults()));
        var child = processes.last();
        supervisor.stop();
        awaitState(ServiceState.STOPPED);
        assertThat(child.received).containsExactly("CONSOLE", "KILL_REMAINING");
        assertThat(time.pendingDelays()).isEmpty();
    }

    @Test
    void skipBitsLeaveOutTheirSteps() {
        startWith(config(ladder(StopPolicy.skippedFromBits(1 | 4), 1500, 700, 1500)));
        var child = processes.last();
        supervisor.stop();
        awaitReceived(child, "WINDOW");
        awaitTimers(Duration.ofMillis(700));
        time.advance(Duration.ofMillis(700));
        awaitState(ServiceState.STOPPED);
        assertThat(child.received).containsExactly("WINDOW", "TERMINATE", "KILL_REMAINING");
    }

    @Test
    void skippingTerminateLeavesTheChildAndStillReportsStopped() {
        processes.diesOn = EnumSet.noneOf(StopStep.class);
        startWith(config(ladder(StopPolicy.skippedFromBits(15), 1500, 1500, 1500)));
        supervisor.stop();
        awaitState(ServiceState.STOPPED);
        assertThat(processes.last().received).isEmpty();
        assertThat(processes.last().closed).isTrue();
    }

    @Test
    void unhealthyRunsBackOffAndContinueSkipsTheWait() {
        startWith(config(StopPolicy.defaults()));
        processes.last().exit(1);
        awaitState(ServiceState.WAITING_TO_RESTART);
        awaitTimers(Duration.ofSeconds(2));
        time.advance(Duration.ofMillis(1999));
        assertThat(processes.children).hasSize(1);
        time.advance(MS);
        awaitState(ServiceState.RUNNING);
        assertThat(processes.children).hasSize(2);

        processes.last().exit(1);
        awaitTimers(Duration.ofSeconds(4));
        supervisor.resume(); // CONTINUE: start now and forget the back-off
        await().atMost(Duration.ofSeconds(5)).until(() -> processes.children.size() == 3);
        awaitState(ServiceState.RUNNING);
        assertThat(time.pendingDelays()).isEmpty();

        processes.last().exit(1);
        awaitTimers(Duration.ofSeconds(2));
        assertThat(recorder.decisions).containsExactly(new ExitDecision.Restart(Duration.ofSeconds(2), 1),
                new ExitDecision.Restart(Duration.ofSeconds(4), 2), new ExitDecision.Restart(Duration.ofSeconds(2), 1));
    }

    @Test
    void aHealthyRunRestartsAtOnceAfterTheRestartDelay() {
        startWith(config(StopPolicy.defaults(), new ExitActions(ExitAction.RESTART, Map.of()), PauseMode.SUSPEND, Duration.ofMillis(300)));
        time.advance(Duration.ofSeconds(10));
        processes.last().exit(7);
        awaitTimers(Duration.ofMillis(300));
        time.advance(Duration.ofMillis(300));
        await().atMost(Duration.ofSeconds(5)).until(() -> processes.children.size() == 2);
        awaitState(ServiceState.RUNNING);
        assertThat(processes.children.get(0).received).containsExactly("KILL_REMAINING");
    }

    @Test
    void exitActionStopsTheServiceWithTheChildsCode() {
        startWith(config(StopPolicy.defaults(), new ExitActions(ExitAction.RESTART, Map.of(4, ExitAction.EXIT)),
                PauseMode.SUSPEND, Duration.ZERO));
        processes.last().exit(4);
        awaitState(ServiceState.STOPPED);
        assertThat(supervisor.outcome().join()).isEqualTo(new ServiceOutcome.ChildExited(4));
    }

    @Test
    void suicideEndsWithoutReportingStopped() {
        startWith(config(StopPolicy.defaults(), new ExitActions(ExitAction.SUICIDE, Map.of()), PauseMode.SUSPEND,
                Duration.ZERO));
        processes.last().exit(5);
        assertThat(supervisor.outcome().join()).isEqualTo(new ServiceOutcome.Suicide(5));
        assertThat(recorder.states).doesNotContain(ServiceState.STOPPED);
    }

    @Test
    void ignoreKeepsRunningWithoutAChildUntilStopped() {
        startWith(config(StopPolicy.defaults(), new ExitActions(ExitAction.IGNORE, Map.of()), PauseMode.SUSPEND,
                Duration.ZERO));
        processes.last().exit(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.decisions.size() == 1);
        assertThat(recorder.last()).isEqualTo(ServiceState.RUNNING);
        supervisor.stop();
        awaitState(ServiceState.STOPPED);
        assertThat(processes.children).hasSize(1);
        assertThat(supervisor.outcome().join()).isEqualTo(new ServiceOutcome.StoppedOnRequest());
    }

    @Test
    void pauseSuspendsTheTreeAndContinueResumesIt() {
        startWith(config(StopPolicy.defaults()));
        supervisor.pause();
        awaitState(ServiceState.PAUSED);
        supervisor.resume();
        awaitState(ServiceState.RUNNING);
        assertThat(processes.last().received).containsExactly("SUSPEND", "RESUME");
        assertThat(recorder.states).containsExactly(ServiceState.START_PENDING, ServiceState.RUNNING,
                ServiceState.PAUSE_PENDING, ServiceState.PAUSED, ServiceState.CONTINUE_PENDING, ServiceState.RUNNING);
    }

    @Test
    void reportOnlyPauseLeavesTheChildAlone() {
        startWith(config(StopPolicy.defaults(), new ExitActions(ExitAction.RESTART, Map.of()), PauseMode.REPORT, Duration.ZERO));
        supervisor.pause();
        awaitState(ServiceState.PAUSED);
        supervisor.resume();
        awaitState(ServiceState.RUNNING);
        assertThat(processes.last().received).isEmpty();
    }

    @Test
    void stoppingAPausedChildThawsItFirst() {
        processes.diesOn = EnumSet.of(StopStep.CONSOLE);
        startWith(config(StopPolicy.defaults()));
        supervisor.pause();
        awaitState(ServiceState.PAUSED);
        supervisor.stop();
        awaitState(ServiceState.STOPPED);
        assertThat(processes.last().received).containsExactly("SUSPEND", "RESUME", "CONSOLE", "KILL_REMAINING");
    }

    @Test
    void shutdownFitsTheLadderIntoItsBudget() {
        processes.notApplicable = EnumSet.of(StopStep.THREADS);
        startWith(config(ladder(Set.of(), 1500, 1500, 1500)));
        var child = processes.last();
        supervisor.shutdown(Duration.ofSeconds(3)); // 2 s for the ladder after the 1 s margin
        awaitReceived(child, "CONSOLE");
        awaitTimers(Duration.ofMillis(1500));
        time.advance(Duration.ofMillis(1500));
        awaitReceived(child, "CONSOLE", "WINDOW");
        awaitTimers(Duration.ofMillis(500));
        time.advance(Duration.ofMillis(500));
        awaitState(ServiceState.STOPPED);
        assertThat(child.received).containsExactly("CONSOLE", "WINDOW", "TERMINATE", "KILL_REMAINING");
    }

    @Test
    void whatTheLaunchCouldNotDoReachesTheListenerForEachRun() {
        processes.launchWarnings = List.of("the tree is not contained");
        startWith(config(StopPolicy.defaults()));
        processes.last().exit(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> processes.children.size() == 1 && !time.pendingDelays().isEmpty());
        time.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.warnings.size() == 2);
        assertThat(recorder.warnings).containsExactly("1000: the tree is not contained", "1001: the tree is not contained");
    }

    @Test
    void eachStepMayTakeNoLongerThanTheLadderWaitsAfterIt() {
        processes.notApplicable = EnumSet.of(StopStep.THREADS);
        startWith(config(ladder(Set.of(), 1500, 2000, 3000)));
        var child = processes.last();
        supervisor.stop();
        awaitTimers(Duration.ofMillis(1500));
        time.advance(Duration.ofMillis(1500));
        awaitTimers(Duration.ofMillis(2000));
        time.advance(Duration.ofMillis(2000));
        awaitState(ServiceState.STOPPED);
        assertThat(child.budgets).containsExactly("CONSOLE=1500", "WINDOW=2000", "THREADS=3000",
                "TERMINATE=" + StopLadder.FINAL_GRACE.toMillis());
    }

    @Test
    void atShutdownAStepsBudgetIsCutToTheDeadline() {
        // A foreground wrapper's Ctrl+C helper could take 30 s; a 5 s SHUTDOWN leaves the console step 4 s.
        startWith(config(ladder(Set.of(), 20_000, 1500, 1500)));
        var child = processes.last();
        supervisor.shutdown(Duration.ofSeconds(5));
        awaitReceived(child, "CONSOLE");
        assertThat(child.budgets).containsExactly("CONSOLE=4000");
    }

    @Test
    void shutdownDuringARestartWaitEndsAtOnce() {
        startWith(config(StopPolicy.defaults()));
        processes.last().exit(1);
        awaitTimers(Duration.ofSeconds(2));
        supervisor.shutdown(Duration.ofSeconds(10));
        awaitState(ServiceState.STOPPED);
        time.advance(Duration.ofSeconds(5));
        assertThat(processes.children).hasSize(1);
    }

    @Test
    void aLaunchFailureEndsTheServiceWithTheSystemError() {
        processes.failLaunch = "The program /nope could not be started";
        supervisor = Supervisor.create(config(StopPolicy.defaults()), processes, new DiscardOutput(), recorder, time, time);
        supervisor.start();
        assertThat(supervisor.outcome().join())
                .isEqualTo(new ServiceOutcome.LaunchFailed("The program /nope could not be started", OptionalInt.of(2)));
        assertThat(recorder.states).containsExactly(ServiceState.START_PENDING, ServiceState.STOPPED);
    }

    @Test
    void anOutputFileThatCannotBeOpenedIsALaunchFailureThatLeavesNoChild() {
        ChildOutput broken = new ChildOutput() {
            @Override
            public void attach(java.io.InputStream stdout, java.io.InputStream stderr) throws java.io.IOException {
                throw new java.io.IOException("/locked/out.log: Permission denied");
            }

            @Override
            public boolean awaitDrained(Duration timeout) {
                return true;
            }
        };
        supervisor = Supervisor.create(config(StopPolicy.defaults()), processes, broken, recorder, time, time);
        supervisor.start();
        assertThat(supervisor.outcome().join()).isInstanceOfSatisfying(ServiceOutcome.LaunchFailed.class, f ->
                assertThat(f.reason()).contains("/locked/out.log: Permission denied").contains("AppStdout/AppStderr"));
        assertThat(processes.last().received).containsExactly("TERMINATE", "KILL_REMAINING");
        assertThat(processes.last().closed).isTrue();
        assertThat(recorder.states).containsExactly(ServiceState.START_PENDING, ServiceState.STOPPED);
    }

    @Test
    void aChildThatDiesByItselfDuringShutdownIsNotRestarted() {
        processes.diesOn = EnumSet.noneOf(StopStep.class);
        startWith(config(StopPolicy.defaults()));
        var child = processes.last();
        supervisor.shutdown(Duration.ofSeconds(20));
        awaitReceived(child, "CONSOLE");
        child.exit(1); // crashes while stopping: with the default AppExit it would be restarted otherwise
        awaitState(ServiceState.STOPPED);
        time.advance(Duration.ofMinutes(5));
        assertThat(processes.children).hasSize(1);
        assertThat(recorder.decisions).isEmpty();
        assertThat(supervisor.outcome().join()).isEqualTo(new ServiceOutcome.StoppedOnRequest());
    }

    @Test
    void aShutdownDuringAStopCutsTheWaitingStepToTheShutdownBudget() {
        processes.notApplicable = EnumSet.of(StopStep.THREADS);
        startWith(config(ladder(Set.of(), 30_000, 30_000, 30_000)));
        var child = processes.last();
        supervisor.stop();
        awaitTimers(Duration.ofSeconds(30));
        time.advance(Duration.ofSeconds(1));
        supervisor.shutdown(Duration.ofSeconds(5)); // 4 s for the ladder after the 1 s margin
        awaitTimers(Duration.ofSeconds(4));
        time.advance(Duration.ofSeconds(4));
        // The deadline has passed: no more graceful waits, straight to TERMINATE.
        awaitState(ServiceState.STOPPED);
        assertThat(child.received).containsExactly("CONSOLE", "TERMINATE", "KILL_REMAINING");
    }

    @Test
    void anUnknowableExitEndsTheServiceInsteadOfRestarting() {
        startWith(config(StopPolicy.defaults()));
        var child = processes.last();
        child.exit.completeExceptionally(new IllegalStateException("WaitForSingleObject failed"));
        assertThat(supervisor.outcome().join()).isInstanceOfSatisfying(ServiceOutcome.WrapperFailed.class,
                f -> assertThat(f.reason()).contains("WaitForSingleObject failed"));
        assertThat(processes.children).hasSize(1);
        assertThat(child.received).containsExactly("TERMINATE", "KILL_REMAINING");
        assertThat(child.closed).isTrue();
    }

    @Test
    void aRestartWhilePausedKeepsTheServicePausedUntilContinue() {
        startWith(config(StopPolicy.defaults(), new ExitActions(ExitAction.RESTART, Map.of()), PauseMode.REPORT, Duration.ZERO));
        supervisor.pause();
        awaitState(ServiceState.PAUSED);
        time.advance(Duration.ofSeconds(10)); // a healthy run: restarted at once
        processes.last().exit(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> processes.children.size() == 2);
        assertThat(recorder.last()).as("no CONTINUE came").isEqualTo(ServiceState.PAUSED);
        supervisor.resume();
        awaitState(ServiceState.RUNNING);
    }

    @Test
    void aDelayedRestartWhilePausedStartsTheNewChildFrozen() {
        startWith(config(StopPolicy.defaults()));
        supervisor.pause();
        awaitState(ServiceState.PAUSED);
        processes.last().exit(1); // killed from outside while frozen: an unhealthy run, 2 s back-off
        awaitTimers(Duration.ofSeconds(2));
        time.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> processes.children.size() == 2);
        awaitState(ServiceState.PAUSED);
        assertThat(processes.last().received).containsExactly("SUSPEND");
        supervisor.resume();
        awaitState(ServiceState.RUNNING);
        assertThat(processes.last().received).containsExactly("SUSPEND", "RESUME");
    }
}
