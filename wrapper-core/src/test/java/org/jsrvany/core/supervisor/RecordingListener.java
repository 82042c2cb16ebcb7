package org.jsrvany.core.supervisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jsrvany.core.process.LimitBreach;

/**
 * What the supervisor tests hear from a {@link Supervisor}: states with their wait hints, exit decisions,
 * started pids, warnings, restarts by reason and limit breaches. Tests that hear more extend it.
 */
class RecordingListener implements SupervisorListener {
    final List<ServiceState> states = Collections.synchronizedList(new ArrayList<>());
    final List<Duration> hints = Collections.synchronizedList(new ArrayList<>());
    final List<ExitDecision> decisions = Collections.synchronizedList(new ArrayList<>());
    final List<Long> started = Collections.synchronizedList(new ArrayList<>());
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    final List<RestartReason> restarts = Collections.synchronizedList(new ArrayList<>());
    final List<LimitBreach> breaches = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void stateChanged(ServiceState state, Duration waitHint) {
        states.add(state);
        hints.add(waitHint);
    }

    @Override
    public void childStarted(long pid, String commandLine) {
        started.add(pid);
    }

    @Override
    public void childWarning(long pid, String warning) {
        warnings.add(pid + ": " + warning);
    }

    @Override
    public void childExited(long pid, int exitCode, Duration runTime, ExitDecision decision) {
        decisions.add(decision);
    }

    @Override
    public void restarting(long pid, RestartReason reason, String detail) {
        restarts.add(reason);
    }

    @Override
    public void limitBreached(long pid, LimitBreach breach) {
        breaches.add(breach);
    }

    /** The latest state, or null before the first. */
    ServiceState last() {
        synchronized (states) {
            return states.isEmpty() ? null : states.get(states.size() - 1);
        }
    }
}
