package org.jsrvany.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsrvany.core.config.ExitAction;
import org.jsrvany.core.config.ExitActions;
import org.jsrvany.core.config.PauseMode;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.StopPolicy;
import org.jsrvany.core.config.StopStep;
import org.jsrvany.core.config.WindowsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisor with a child in a user's session ({@code AppSession} Console or Active): {@link Supervisor#hold()}
 * (logoff), {@link Supervisor#release()} (logon) and the {@link SessionGate} asked at an exit. A logoff ends
 * the program as expected: no exit rule, no back-off, no restart until the next logon; the service stays RUNNING.
 */
class SupervisorSessionTest {
    private final ManualTime time = new ManualTime();
    private final FakeProcessControl processes = new FakeProcessControl();
    private final Recorder recorder = new Recorder();
    /** What the gate answers at the next exit; counts the questions. */
    private volatile boolean sessionEnded;
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicInteger noUserReports = new AtomicInteger();
    private Supervisor supervisor;

    static final class Recorder extends RecordingListener {
        final List<String> sessionEvents = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void childEndedWithSession(long pid, OptionalInt exitCode) {
            sessionEvents.add("ended " + pid + (exitCode.isPresent() ? " code " + exitCode.getAsInt() : " never started"));
        }

        @Override
        public void waitingForSession() {
            sessionEvents.add("waiting");
        }
    }

    private final SessionGate gate = new SessionGate() {
        @Override
        public boolean sessionEnded() {
            asked.incrementAndGet();
            return sessionEnded;
        }

        @Override
        public void launchFoundNoUser() {
            noUserReports.incrementAndGet();
        }
    };

    @AfterEach
    void end() {
        if (supervisor != null && !supervisor.outcome().isDone()) {
            processes.diesOn = EnumSet.allOf(StopStep.class);
            supervisor.stop();
        }
    }

    private static ServiceConfig config(Map<Integer, ExitAction> exits) {
        StopPolicy stop = new StopPolicy(Set.of(), Duration.ofMillis(1500), Duration.ofMillis(2000), Duration.ofMillis(3000), true);
        return new ServiceConfig("svc", Path.of("/bin/true"), "", Path.of("/"), new TreeMap<>(Map.of("A", "1")),
                new ExitActions(ExitAction.RESTART, exits), Duration.ofMillis(1500), Duration.ZERO, stop, null,
                PauseMode.SUSPEND, new WindowsOptions(false, 0x20, ""));
    }

    private void create(Map<Integer, ExitAction> exits) {
        supervisor = Supervisor.create(config(exits), processes, new DiscardOutput(), recorder, time, time, gate);
    }

    private void awaitState(ServiceState s) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(recorder.last()).isEqualTo(s));
    }

    private void awaitChildren(int n) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(processes.children).hasSize(n));
    }

    private void awaitEvents(String... events) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(recorder.sessionEvents).containsExactly(events));
    }

    @Test
    void nobodyLoggedOnAtStartReportsRunningAndLaunchesAtTheLogon() {
        create(Map.of());
        supervisor.hold();
        supervisor.start();
        awaitState(ServiceState.RUNNING);
        awaitEvents("waiting");
        assertThat(processes.children).isEmpty();

        supervisor.release();
        awaitChildren(1);
        assertThat(recorder.states).containsExactly(ServiceState.START_PENDING, ServiceState.RUNNING);
    }

    @Test
    void logoffEndsTheRunThroughTheLadderWithoutStoppingTheServiceAndTheNextLogonStartsAgain() {
        create(Map.of());
        supervisor.start();
        awaitState(ServiceState.RUNNING);
        var first = processes.last();
        processes.diesOn = EnumSet.of(StopStep.CONSOLE);

        supervisor.hold();
        awaitEvents("ended 1000 code 0", "waiting");
        assertThat(first.received).containsExactly("CONSOLE", "KILL_REMAINING");
        assertThat(first.closed).isTrue();
        // Not a stop, not a crash: no STOP_PENDING, no exit decision, no timer for a restart.
        assertThat(recorder.states).containsExactly(ServiceState.START_PENDING, ServiceState.RUNNING);
        assertThat(recorder.decisions).isEmpty();
        assertThat(time.pendingDelays()).isEmpty();
        assertThat(supervisor.outcome()).isNotDone();

        supervisor.release();
        awaitChildren(2);
        assertThat(recorder.states).containsExactly(ServiceState.START_PENDING, ServiceState.RUNNING);
    }

    @Test
    void aLogonDuringTheLogoffLadderStartsTheNextRunOnceTheOldOneEnded() {
        create(Map.of());
        supervisor.start();
        awaitState(ServiceState.RUNNING);
        var first = processes.last();
        supervisor.hold();
        supervisor.release(); // a user switch: end there, start here
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(first.received).containsExactly("CONSOLE"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(time.pendingDelays()).hasSize(1));
        assertThat(processes.children).hasSize(1); // never two runs at once
        first.exit(0);
        awaitChildren(2);
        assertThat(recorder.sessionEvents).containsExactly("ended 1000 code 0");
    }

    @Test
    void anExitWhoseSessionEndedWithItIsNoCrash() {
        create(Map.of());
        supervisor.start();
        awaitState(ServiceState.RUNNING);
        sessionEnded = true;
        processes.last().exit(0xC000013A); // what a console program gets at logoff
        awaitEvents("ended 1000 code -1073741510", "waiting");
        assertThat(asked.get()).isEqualTo(1);
        assertThat(recorder.decisions).isEmpty();
        assertThat(time.pendingDelays()).isEmpty();
        assertThat(processes.children).hasSize(1);
        assertThat(recorder.last()).isEqualTo(ServiceState.RUNNING);

        supervisor.release();
        awaitChildren(2);
    }

    @Test
    void anExitWhileTheUserIsStillLoggedOnFollowsTheExitRules() {
        create(Map.of(3, ExitAction.EXIT));
        supervisor.start();
        awaitState(ServiceState.RUNNING);
        processes.last().exit(1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(recorder.decisions)
                .containsExactly(new ExitDecision.Restart(Duration.ofSeconds(2), 1)));
        assertThat(asked.get()).isEqualTo(1);
        time.advance(Duration.ofSeconds(2));
        awaitChildren(2);

        processes.last().exit(3);
        awaitState(ServiceState.STOPPED);
        assertThat(supervisor.outcome().join()).isEqualTo(new ServiceOutcome.ChildExited(3));
    }

    @Test
    void aLogoffWhileWaitingToRestartCancelsTheRestart() {
        create(Map.of());
        supervisor.start();
        awaitState(ServiceState.RUNNING);
        processes.last().exit(1);
        awaitState(ServiceState.WAITING_TO_RESTART);
        supervisor.hold();
        awaitState(ServiceState.RUNNING);
        assertThat(time.pendingDelays()).isEmpty();
        awaitEvents("waiting");
        assertThat(processes.children).hasSize(1);
    }

    @Test
    void aLaunchThatFindsNobodyWaitsInsteadOfFailing() {
        create(Map.of());
        processes.noSession = true;
        supervisor.start();
        awaitState(ServiceState.RUNNING);
        awaitEvents("ended 0 never started", "waiting");
        assertThat(noUserReports.get()).isEqualTo(1);
        assertThat(supervisor.outcome()).isNotDone();

        processes.noSession = false;
        supervisor.release();
        awaitChildren(1);
    }

    @Test
    void stopDuringTheLogoffLadderContinuesItAsTheServicesStop() {
        create(Map.of());
        supervisor.start();
        awaitState(ServiceState.RUNNING);
        var child = processes.last();
        supervisor.hold();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(child.received).containsExactly("CONSOLE"));
        supervisor.stop();
        awaitState(ServiceState.STOP_PENDING);
        time.advance(Duration.ofMillis(1500));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(child.received).containsExactly("CONSOLE", "WINDOW"));
        child.exit(0);
        awaitState(ServiceState.STOPPED);
        assertThat(supervisor.outcome().join()).isEqualTo(new ServiceOutcome.StoppedOnRequest());
        assertThat(processes.children).hasSize(1);
    }

    @Test
    void aPausedChildIsThawedBeforeTheLogoffLadderAndTheNextRunStaysPaused() {
        create(Map.of());
        supervisor.start();
        awaitState(ServiceState.RUNNING);
        var first = processes.last();
        processes.diesOn = EnumSet.of(StopStep.CONSOLE);
        supervisor.pause();
        awaitState(ServiceState.PAUSED);
        supervisor.hold();
        awaitEvents("ended 1000 code 0", "waiting");
        assertThat(first.received).containsExactly("SUSPEND", "RESUME", "CONSOLE", "KILL_REMAINING");
        supervisor.release();
        awaitChildren(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(processes.last().received).containsExactly("SUSPEND"));
        assertThat(recorder.last()).isEqualTo(ServiceState.PAUSED);
    }

    @Test
    void stopWhileWaitingForALogonStopsAtOnce() {
        create(Map.of());
        supervisor.hold();
        supervisor.start();
        awaitState(ServiceState.RUNNING);
        supervisor.stop();
        awaitState(ServiceState.STOPPED);
        assertThat(supervisor.outcome().join()).isEqualTo(new ServiceOutcome.StoppedOnRequest());
        assertThat(processes.children).isEmpty();
    }
}
