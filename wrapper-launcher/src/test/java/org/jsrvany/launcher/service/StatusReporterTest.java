package org.jsrvany.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.jsrvany.core.service.ScmExitCode;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.ServiceState;
import org.junit.jupiter.api.Test;

/** Status sequencing against a recording sink: what SetServiceStatus would receive. */
class StatusReporterTest {
    private static final int ALL = ScmStatus.SERVICE_ACCEPT_STOP | ScmStatus.SERVICE_ACCEPT_PAUSE_CONTINUE
            | ScmStatus.SERVICE_ACCEPT_SHUTDOWN;

    private final List<ScmStatus> sent = new ArrayList<>();
    private final List<Runnable> timers = new ArrayList<>();
    private final Scheduler scheduler = (delay, task) -> {
        assertThat(delay).isEqualTo(StatusReporter.RENEW_EVERY);
        timers.add(task);
        return () -> timers.remove(task);
    };

    private void fireTimers() {
        new ArrayList<>(timers).forEach(t -> {
            timers.remove(t);
            t.run();
        });
    }

    @Test
    void startRunPauseContinueStopSequence() {
        StatusReporter r = new StatusReporter(sent::add, scheduler, false);
        r.report(ServiceState.START_PENDING, Duration.ofSeconds(10));
        r.report(ServiceState.RUNNING, Duration.ZERO);
        r.report(ServiceState.PAUSE_PENDING, Duration.ofSeconds(5));
        r.report(ServiceState.PAUSED, Duration.ZERO);
        r.report(ServiceState.CONTINUE_PENDING, Duration.ofSeconds(5));
        r.report(ServiceState.RUNNING, Duration.ZERO);
        r.report(ServiceState.STOP_PENDING, Duration.ofSeconds(9));
        r.stopped(new ServiceOutcome.StoppedOnRequest());
        assertThat(sent).containsExactly(
                new ScmStatus(ScmStatus.SERVICE_START_PENDING, 0, 0, 0, 1, 10_000),
                new ScmStatus(ScmStatus.SERVICE_RUNNING, ALL, 0, 0, 0, 0),
                new ScmStatus(ScmStatus.SERVICE_PAUSE_PENDING, 0, 0, 0, 1, 5_000),
                new ScmStatus(ScmStatus.SERVICE_PAUSED, ALL, 0, 0, 0, 0),
                new ScmStatus(ScmStatus.SERVICE_CONTINUE_PENDING, 0, 0, 0, 1, 5_000),
                new ScmStatus(ScmStatus.SERVICE_RUNNING, ALL, 0, 0, 0, 0),
                new ScmStatus(ScmStatus.SERVICE_STOP_PENDING, 0, 0, 0, 1, 9_000),
                new ScmStatus(ScmStatus.SERVICE_STOPPED, 0, 0, 0, 0, 0));
        assertThat(timers).isEmpty();
    }

    @Test
    void pendingReportsAreRenewedWithARisingCheckpointUntilTheStateChanges() {
        StatusReporter r = new StatusReporter(sent::add, scheduler, true);
        r.report(ServiceState.STOP_PENDING, Duration.ofSeconds(8));
        r.report(ServiceState.STOP_PENDING, Duration.ofSeconds(6)); // the ladder's next step
        fireTimers();
        fireTimers();
        assertThat(sent).extracting(ScmStatus::checkPoint).containsExactly(1, 2, 3, 4);
        assertThat(sent).extracting(ScmStatus::waitHint).containsExactly(8_000, 6_000, 6_000, 6_000);
        assertThat(sent).allSatisfy(s -> assertThat(s.controlsAccepted()).as("nothing accepted while pending").isZero());
        r.stopped(new ServiceOutcome.ChildExited(0));
        assertThat(timers).isEmpty();
        assertThat(sent.get(sent.size() - 1)).isEqualTo(new ScmStatus(ScmStatus.SERVICE_STOPPED, 0, 0, 0, 0, 0));
    }

    @Test
    void aStaleRenewalAfterAStateChangeSendsNothing() {
        StatusReporter r = new StatusReporter(sent::add, scheduler, false);
        r.report(ServiceState.START_PENDING, Duration.ofSeconds(10));
        Runnable stale = timers.get(0);
        r.report(ServiceState.RUNNING, Duration.ZERO);
        stale.run();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).currentState()).isEqualTo(ScmStatus.SERVICE_RUNNING);
    }

    @Test
    void preshutdownIsAcceptedOnlyWhenConfiguredAndTheRestartWaitLooksPaused() {
        StatusReporter r = new StatusReporter(sent::add, scheduler, true);
        r.report(ServiceState.WAITING_TO_RESTART, Duration.ZERO);
        assertThat(sent.get(0)).isEqualTo(new ScmStatus(ScmStatus.SERVICE_PAUSED,
                ALL | ScmStatus.SERVICE_ACCEPT_PRESHUTDOWN, 0, 0, 0, 0));
    }

    @Test
    void tinyWaitHintsAreRaisedAboveTheRenewalPeriod() {
        StatusReporter r = new StatusReporter(sent::add, scheduler, false);
        r.report(ServiceState.STOP_PENDING, Duration.ofMillis(100));
        assertThat(sent.get(0).waitHint()).isEqualTo(3_000);
    }

    @Test
    void suicideReportsNothing() {
        StatusReporter r = new StatusReporter(sent::add, scheduler, false);
        r.report(ServiceState.RUNNING, Duration.ZERO);
        r.stopped(new ServiceOutcome.Suicide(3));
        assertThat(sent).hasSize(1);
    }

    @Test
    void aConfigurationErrorStopsWithTheServiceSpecificCode() {
        StatusReporter r = new StatusReporter(sent::add, scheduler, false);
        r.report(ServiceState.START_PENDING, Duration.ofSeconds(10));
        r.stoppedWith(ScmExitCode.configInvalid());
        assertThat(sent.get(1)).isEqualTo(new ScmStatus(ScmStatus.SERVICE_STOPPED, 0, 1066, 0x20000003, 0, 0));
        assertThat(timers).isEmpty();
    }
}
