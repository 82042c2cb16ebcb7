package org.jsrvany.launcher.service;

import java.time.Duration;
import java.util.function.Consumer;
import org.jsrvany.core.service.ScmExitCode;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.ServiceState;

/**
 * The one owner of SetServiceStatus: turns supervisor states into SERVICE_STATUS values.
 *
 * <ul>
 *   <li>Accepted controls per state: STOP, PAUSE_CONTINUE and SHUTDOWN (and PRESHUTDOWN when a
 *       preshutdown timeout is configured) in RUNNING and PAUSED; STOP and SHUTDOWN only while
 *       waiting to restart (reported as PAUSED, where CONTINUE restarts at once, so PAUSE_CONTINUE
 *       too); nothing while a state is pending or stopped.</li>
 *   <li>The checkpoint rises on every pending report and is 0 otherwise.</li>
 *   <li>While a state is pending the report is renewed every {@link #RENEW_EVERY} with a higher
 *       checkpoint and the same wait hint, so the SCM never declares a hang while a stop step waits.</li>
 * </ul>
 */
final class StatusReporter {
    /** How often a pending state is reported again (WinSW renews every 1.5 s as well). */
    static final Duration RENEW_EVERY = Duration.ofMillis(1500);

    private final Consumer<ScmStatus> sink;
    private final Scheduler scheduler;
    private boolean acceptPreshutdown;
    private boolean acceptSessionChange;
    private int checkPoint;
    private ScmStatus last;
    private Scheduler.Cancellable renewal;
    private long generation;

    /**
     * @param sink              calls SetServiceStatus (Windows) or records (tests)
     * @param scheduler         drives the renewal of pending reports
     * @param acceptPreshutdown true when the service has a preshutdown timeout configured
     */
    StatusReporter(Consumer<ScmStatus> sink, Scheduler scheduler, boolean acceptPreshutdown) {
        this.sink = sink;
        this.scheduler = scheduler;
        this.acceptPreshutdown = acceptPreshutdown;
    }

    /**
     * Whether PRESHUTDOWN is accepted from the next report on. The service learns it after its first
     * START_PENDING report (asking the SCM takes a moment), and nothing is accepted while pending anyway.
     */
    /** Whether SERVICE_CONTROL_POWEREVENT is accepted from the next report on (a Power hook is configured). */
    synchronized void acceptPowerEvents(boolean accept) {
        this.acceptPowerEvents = accept;
    }

    private boolean acceptPowerEvents;

    synchronized void acceptPreshutdown(boolean accept) {
        this.acceptPreshutdown = accept;
    }

    /**
     * Whether SESSIONCHANGE is accepted from the next report on (a program in a user's session, AppSession Console or
     * Active); like every control, only while no state is pending.
     */
    synchronized void acceptSessionChange(boolean accept) {
        this.acceptSessionChange = accept;
    }

    /** Reports a supervisor state with its wait hint. */
    synchronized void report(ServiceState state, Duration waitHint) {
        ServiceState scm = state.reportedToScm();
        int current = scmState(scm);
        boolean pending = scm.pending();
        checkPoint = pending ? checkPoint + 1 : 0;
        int hint = pending ? (int) Math.min(Integer.MAX_VALUE, Math.max(waitHint.toMillis(), RENEW_EVERY.toMillis() * 2)) : 0;
        send(new ScmStatus(current, accepted(state), ScmStatus.NO_ERROR, 0, checkPoint, hint));
    }

    /** Reports STOPPED with the codes for this outcome (nothing for Suicide: the process just ends). */
    synchronized void stopped(ServiceOutcome outcome) {
        if (outcome instanceof ServiceOutcome.Suicide) {
            cancelRenewal();
            return;
        }
        stoppedWith(ScmExitCode.of(outcome));
    }

    /** Reports STOPPED with explicit codes (a configuration that could not be loaded). */
    synchronized void stoppedWith(ScmExitCode codes) {
        checkPoint = 0;
        send(new ScmStatus(ScmStatus.SERVICE_STOPPED, 0, codes.win32ExitCode(), codes.serviceSpecificExitCode(), 0, 0));
    }

    private void send(ScmStatus status) {
        cancelRenewal();
        last = status;
        sink.accept(status);
        if (status.waitHint() > 0) {
            long mine = generation;
            renewal = scheduler.schedule(RENEW_EVERY, () -> renew(mine));
        }
    }

    private synchronized void renew(long expectedGeneration) {
        if (expectedGeneration != generation || last == null || last.waitHint() == 0) {
            return;
        }
        checkPoint++;
        send(new ScmStatus(last.currentState(), last.controlsAccepted(), last.win32ExitCode(),
                last.serviceSpecificExitCode(), checkPoint, last.waitHint()));
    }

    private void cancelRenewal() {
        generation++;
        if (renewal != null) {
            renewal.cancel();
            renewal = null;
        }
    }

    private int accepted(ServiceState state) {
        int base = ScmStatus.SERVICE_ACCEPT_STOP | ScmStatus.SERVICE_ACCEPT_SHUTDOWN
                | (acceptPreshutdown ? ScmStatus.SERVICE_ACCEPT_PRESHUTDOWN : 0)
                | (acceptPowerEvents ? ScmStatus.SERVICE_ACCEPT_POWEREVENT : 0)
                | (acceptSessionChange ? ScmStatus.SERVICE_ACCEPT_SESSIONCHANGE : 0);
        return switch (state) {
            case RUNNING, PAUSED, WAITING_TO_RESTART -> base | ScmStatus.SERVICE_ACCEPT_PAUSE_CONTINUE;
            default -> 0;
        };
    }

    static int scmState(ServiceState s) {
        return switch (s) {
            case START_PENDING -> ScmStatus.SERVICE_START_PENDING;
            case RUNNING -> ScmStatus.SERVICE_RUNNING;
            case PAUSE_PENDING -> ScmStatus.SERVICE_PAUSE_PENDING;
            case PAUSED, WAITING_TO_RESTART -> ScmStatus.SERVICE_PAUSED;
            case CONTINUE_PENDING -> ScmStatus.SERVICE_CONTINUE_PENDING;
            case STOP_PENDING -> ScmStatus.SERVICE_STOP_PENDING;
            case STOPPED -> ScmStatus.SERVICE_STOPPED;
        };
    }
}
