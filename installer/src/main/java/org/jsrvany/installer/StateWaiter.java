package org.jsrvany.installer;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.jsrvany.core.service.RunState;
import org.jsrvany.core.service.ServiceManager;
import org.jsrvany.core.service.ServiceStatus;

/**
 * Polls a service until it reaches a state, printing a progress line whenever the state or the
 * checkpoint changes. Whether to go on waiting is {@link #judge}, a pure function.
 */
final class StateWaiter {
    static final Duration POLL = Duration.ofMillis(200);

    private final ServiceManager scm;
    private final Clock clock;
    private final Context.Sleeper sleeper;
    private final PrintStream progress;

    StateWaiter(ServiceManager scm, Clock clock, Context.Sleeper sleeper, PrintStream progress) {
        this.scm = scm;
        this.clock = clock;
        this.sleeper = sleeper;
        this.progress = progress;
    }

    /**
     * REACHED: in the target state; PASSED: in a state that only comes after the target (a started service
     * that is PAUSED already went through RUNNING); FAILED: STOPPED instead; WAIT: may still get there.
     */
    enum Verdict { REACHED, PASSED, FAILED, WAIT }

    /**
     * The states a service can only be in after it was RUNNING: what a start may find when the service went
     * through RUNNING between two polls (its program exited at once and the wrapper shows PAUSED while it
     * waits before the restart, or somebody paused it).
     */
    static final Set<RunState> AFTER_RUNNING = EnumSet.of(RunState.PAUSE_PENDING, RunState.PAUSED,
            RunState.CONTINUE_PENDING);

    /** How a wait ended. */
    record Result(Verdict verdict, ServiceStatus last, Duration waited) {
        boolean reached() {
            return verdict == Verdict.REACHED;
        }
    }

    /**
     * Whether a service on its way to {@code target} got there, can no longer get there, or may still.
     * A service asked to stop may still say RUNNING for a moment, and one asked to continue PAUSED; one
     * that is STOPPED while it should be starting, pausing or continuing has failed.
     */
    static Verdict judge(RunState target, RunState current) {
        return judge(target, current, Set.of());
    }

    /**
     * As {@link #judge(RunState, RunState)}, and a state in {@code afterTarget} (only reachable through the
     * target) counts as PASSED rather than as one to wait in.
     */
    static Verdict judge(RunState target, RunState current, Set<RunState> afterTarget) {
        if (current == target) {
            return Verdict.REACHED;
        }
        if (current == RunState.STOPPED) {
            return Verdict.FAILED;
        }
        if (afterTarget.contains(current)) {
            return Verdict.PASSED;
        }
        return Verdict.WAIT;
    }

    Result await(String service, RunState target, Duration timeout) throws InterruptedException {
        return await(service, target, timeout, Set.of());
    }

    /** Polls until {@link #judge} says REACHED, PASSED or FAILED, or the timeout is over (WAIT). */
    Result await(String service, RunState target, Duration timeout, Set<RunState> afterTarget)
            throws InterruptedException {
        Instant start = clock.instant();
        ServiceStatus last = null;
        while (true) {
            ServiceStatus now = scm.status(service);
            Duration waited = Duration.between(start, clock.instant());
            if (last == null || now.state() != last.state() || now.checkPoint() != last.checkPoint()) {
                progress.println("  " + service + ": " + now.state()
                        + (now.state().pending() ? " (checkpoint " + now.checkPoint() + ")" : "")
                        + ", " + seconds(waited));
            }
            last = now;
            Verdict v = judge(target, now.state(), afterTarget);
            if (v != Verdict.WAIT) {
                return new Result(v, now, waited);
            }
            if (waited.compareTo(timeout) >= 0) {
                return new Result(Verdict.WAIT, now, waited);
            }
            sleeper.sleep(POLL);
        }
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
