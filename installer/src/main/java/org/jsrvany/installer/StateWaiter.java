package org.jsrvany.installer;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    enum Verdict { REACHED, FAILED, WAIT }

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
        if (current == target) {
            return Verdict.REACHED;
        }
        if (current == RunState.STOPPED) {
            return Verdict.FAILED;
        }
        return Verdict.WAIT;
    }

    Result await(String service, RunState target, Duration timeout) throws InterruptedException {
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
            Verdict v = judge(target, now.state());
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
