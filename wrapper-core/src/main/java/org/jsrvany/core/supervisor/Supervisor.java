package org.jsrvany.core.supervisor;

import org.jsrvany.core.output.ChildOutput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.jsrvany.core.config.PauseMode;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.StopStep;
import org.jsrvany.core.process.ChildProcess;
import org.jsrvany.core.process.LaunchException;
import org.jsrvany.core.process.ProcessControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervises one service's child: one thread owns the child and the state; everything else sends it
 * commands ({@link #start()}, {@link #stop()}, {@link #pause()}, {@link #resume()},
 * {@link #shutdown(Duration)}) which are queued and handled in order. Timers come from the injected
 * {@link Scheduler} and time from the injected {@link Clock}.
 */
public final class Supervisor {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    /** Time allowed, after the last stop step, for the tree to die and its output to drain. */
    static final Duration FINAL_GRACE = StopLadder.FINAL_GRACE;
    private static final Duration START_HINT = Duration.ofSeconds(10);
    private static final Duration PAUSE_HINT = Duration.ofSeconds(5);

    private final ServiceConfig config;
    private final ProcessControl processControl;
    private final ChildOutput output;
    private final SupervisorListener listener;
    private final Clock clock;
    private final Scheduler scheduler;
    private final SessionGate gate;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<ServiceOutcome> outcome = new CompletableFuture<>();
    private final Thread owner;

    // Owned by the owner thread.
    private ServiceState state;
    private Run run;
    private int unhealthyRuns;
    /** PAUSE was accepted and no CONTINUE yet: a restart in the meantime keeps the service paused. */
    private boolean pausedByRequest;
    private long timerToken;
    private Scheduler.Cancellable timer;
    private Instant timerDue;
    /** The current stop's ladder; null when not stopping. */
    private StopLadder ladder;
    /** The last step delivered in this stop. */
    private StopStep lastStep;
    /** No user session to run in ({@link #hold()}): no run starts until {@link #release()}. */
    private boolean held;
    /** The ladder runs to end the run of a session that ended: the service is not stopping. */
    private boolean endingRun;

    private sealed interface Event {
    }

    private enum Command implements Event { START, STOP, PAUSE, CONTINUE, HOLD, RELEASE }

    private record Shutdown(Duration budget) implements Event {
    }

    private record Exited(Run run, int exitCode) implements Event {
    }

    private record TimerFired(long token) implements Event {
    }

    /** Waiting for the child's exit failed: whether it still runs is unknown. */
    private record ExitUnknown(Run run, Throwable error) implements Event {
    }

    private static final class Run {
        final ChildProcess child;
        final Instant started;
        boolean suspended;

        Run(ChildProcess child, Instant started) {
            this.child = child;
            this.started = started;
        }
    }

    private Supervisor(ServiceConfig config, ProcessControl processControl, ChildOutput output,
                       SupervisorListener listener, Clock clock, Scheduler scheduler, SessionGate gate) {
        this.gate = Objects.requireNonNull(gate);
        this.config = Objects.requireNonNull(config);
        this.processControl = Objects.requireNonNull(processControl);
        this.output = Objects.requireNonNull(output);
        this.listener = Objects.requireNonNull(listener);
        this.clock = Objects.requireNonNull(clock);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.owner = new Thread(this::loop, "jsrvany-supervisor-" + config.serviceName());
    }

    /** Creates a supervisor; its thread starts at once and waits for {@link #start()}. */
    public static Supervisor create(ServiceConfig config, ProcessControl processControl, ChildOutput output,
                                    SupervisorListener listener, Clock clock, Scheduler scheduler) {
        return create(config, processControl, output, listener, clock, scheduler, SessionGate.NONE);
    }

    /**
     * Creates a supervisor whose child runs in a user's session ({@code AppSession} Console or Active): the
     * {@code gate} is asked whether a child's exit was its session's end. Its thread starts at once.
     */
    public static Supervisor create(ServiceConfig config, ProcessControl processControl, ChildOutput output,
                                    SupervisorListener listener, Clock clock, Scheduler scheduler, SessionGate gate) {
        Supervisor s = new Supervisor(config, processControl, output, listener, clock, scheduler, gate);
        s.owner.start();
        return s;
    }

    public void start() {
        queue.add(Command.START);
    }

    /** STOP: the stop ladder, then STOPPED. */
    public void stop() {
        queue.add(Command.STOP);
    }

    /** PAUSE: freeze the child's tree (or only report PAUSED, per AppPauseMode). */
    public void pause() {
        queue.add(Command.PAUSE);
    }

    /** CONTINUE: thaw the child's tree, or end a wait before a restart at once. */
    public void resume() {
        queue.add(Command.CONTINUE);
    }

    /**
     * No user session to run in (a logoff, a session that ended; sent before {@link #start()} when nobody is
     * logged on): the current run ends through the stop ladder as expected, not as a crash (no exit rule, no
     * back-off), and no run starts until {@link #release()}. The service stays RUNNING (or PAUSED).
     */
    public void hold() {
        queue.add(Command.HOLD);
    }

    /** A user session is there (again): start the program, once a run a {@link #hold()} is ending has ended. */
    public void release() {
        queue.add(Command.RELEASE);
    }

    /** SHUTDOWN or PRESHUTDOWN: no more restarts, and the stop ladder fits in {@code budget}. */
    public void shutdown(Duration budget) {
        queue.add(new Shutdown(budget));
    }

    /** Completes when the service has ended. */
    public CompletableFuture<ServiceOutcome> outcome() {
        return outcome;
    }

    // ---------------------------------------------------------------- owner thread

    private void loop() {
        try {
            while (!outcome.isDone()) {
                handle(queue.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emergencyEnd("the supervisor was interrupted");
        } catch (RuntimeException | Error e) {
            LOG.error("The supervisor failed; killing the child tree", e);
            emergencyEnd("the supervisor failed: " + e);
        }
    }

    private void handle(Event event) {
        if (event instanceof Command c) {
            switch (c) {
                case START -> onStart();
                case STOP -> onStop(null);
                case PAUSE -> onPause();
                case CONTINUE -> onContinue();
                case HOLD -> onHold();
                case RELEASE -> onRelease();
            }
        } else if (event instanceof Shutdown s) {
            onStop(s.budget());
        } else if (event instanceof Exited e) {
            onExited(e);
        } else if (event instanceof ExitUnknown u) {
            if (u.run() == run) {
                // Never restart on a guess: a second instance could start beside one still running.
                LOG.error("Cannot learn whether the program (pid {}) ended; stopping its tree", run.child.pid(), u.error());
                emergencyEnd("waiting for the program's exit failed: " + u.error());
            }
        } else if (event instanceof TimerFired t) {
            if (t.token() == timerToken) {
                timer = null;
                onTimer();
            }
        }
    }

    private void onStart() {
        if (state != null) {
            LOG.debug("start ignored in state {}", state);
            return;
        }
        enter(ServiceState.START_PENDING, START_HINT);
        if (held) {
            LOG.info("Nobody is logged on as AppSession asks; waiting for a logon");
            enter(ServiceState.RUNNING, Duration.ZERO);
            listener.waitingForSession();
            return;
        }
        if (launch() || held) {
            enter(ServiceState.RUNNING, Duration.ZERO);
        }
    }

    private void onHold() {
        held = true;
        unhealthyRuns = 0;
        if (state == null || state == ServiceState.STOPPED || state == ServiceState.STOP_PENDING) {
            return;
        }
        if (state == ServiceState.WAITING_TO_RESTART) {
            cancelTimer();
            LOG.info("The user's session ended; no restart until the next logon");
            enter(pausedByRequest ? ServiceState.PAUSED : ServiceState.RUNNING, Duration.ZERO);
            listener.waitingForSession();
            return;
        }
        if (run == null || endingRun) {
            return;
        }
        LOG.info("The user's session of the child (pid {}) ended; ending the child (not a crash)", run.child.pid());
        if (run.suspended) {
            run.child.resume(); // a frozen tree cannot act on Ctrl+C or WM_CLOSE
            run.suspended = false;
        }
        endingRun = true;
        ladder = new StopLadder(config.stopPolicy());
        lastStep = null;
        nextStopStep();
    }

    private void onRelease() {
        held = false;
        boolean idle = (state == ServiceState.RUNNING || state == ServiceState.PAUSED) && run == null && !endingRun;
        if (idle) {
            LOG.info("A user session is there; starting the program");
            relaunch();
        }
    }

    /** A hold's run is over: start in the next session if released meanwhile, else wait. */
    private void holdRunEnded() {
        endingRun = false;
        ladder = null;
        lastStep = null;
        cancelTimer();
        if (held) {
            listener.waitingForSession();
        } else {
            relaunch();
        }
    }

    /** Starts a child run; on failure ends the service and returns false. */
    private boolean launch() {
        ChildProcess child;
        try {
            child = processControl.launch(config);
        } catch (LaunchException e) {
            if (e.isSessionGone()) {
                // Nobody to run for (a logoff between the event and the launch): wait for a logon, not a failure.
                LOG.warn("{}", e.getMessage());
                held = true;
                unhealthyRuns = 0;
                gate.launchFoundNoUser();
                listener.childEndedWithSession(0, java.util.OptionalInt.empty());
                listener.waitingForSession();
                return false;
            }
            LOG.error("{}", e.getMessage());
            finish(new ServiceOutcome.LaunchFailed(e.getMessage(), e.systemError()));
            return false;
        }
        Run r = new Run(child, clock.instant());
        try {
            output.attach(child.stdout(), child.stderr());
        } catch (java.io.IOException e) {
            // NSSM refuses to run a child whose output cannot be written; so do we, leaving nothing behind.
            // (OutputCapture never gets here: it opens its files before the first launch and, once running,
            // retries a failing file while the child runs on; see ChildOutput.attach.)
            child.deliver(StopStep.TERMINATE);
            child.killRemaining();
            child.close();
            String reason = ChildOutput.cannotOpen(e);
            LOG.error("{}", reason);
            finish(new ServiceOutcome.LaunchFailed(reason, java.util.OptionalInt.empty()));
            return false;
        }
        run = r;
        child.onExit().whenComplete((code, error) -> queue.add(error == null ? new Exited(r, code) : new ExitUnknown(r, error)));
        LOG.info("Started the child, pid {}: {}", child.pid(), child.commandLine());
        listener.childStarted(child.pid(), child.commandLine());
        for (String warning : child.launchWarnings()) {
            listener.childWarning(child.pid(), warning);
        }
        return true;
    }

    /**
     * STOP, or SHUTDOWN with a budget. Every path either finishes at once or enters STOP_PENDING, where a
     * child's exit ends the service instead of being restarted: restarts stop the moment this runs.
     */
    private void onStop(Duration shutdownBudget) {
        if (endingRun) {
            // The session's run is being ended already: the same ladder goes on, now as the service's stop.
            endingRun = false;
            held = true;
            enter(ServiceState.STOP_PENDING, ladder.remainingTime());
        }
        if (state == null || state == ServiceState.STOPPED) {
            finish(new ServiceOutcome.StoppedOnRequest());
            return;
        }
        if (state == ServiceState.STOP_PENDING) {
            if (shutdownBudget != null && ladder != null) {
                ladder.fitInto(shutdownBudget, clock.instant());
                // The graceful step waiting now must not outlast the shutdown: cut its wait to the new deadline.
                boolean gracefulStepWaiting = timer != null && lastStep != StopStep.TERMINATE;
                if (gracefulStepWaiting) {
                    Duration left = ladder.clamp(Duration.between(clock.instant(), timerDue), clock.instant());
                    if (clock.instant().plus(left).isBefore(timerDue)) {
                        schedule(left);
                    }
                }
            }
            return;
        }
        cancelTimer();
        if (run == null) {
            finish(new ServiceOutcome.StoppedOnRequest());
            return;
        }
        if (run.suspended) {
            run.child.resume(); // a frozen tree cannot act on Ctrl+C or SIGTERM
            run.suspended = false;
        }
        ladder = new StopLadder(config.stopPolicy());
        lastStep = null;
        if (shutdownBudget != null) {
            ladder.fitInto(shutdownBudget, clock.instant());
        }
        enter(ServiceState.STOP_PENDING, ladder.remainingTime());
        nextStopStep();
    }

    /** Delivers the next step of the ladder and waits for its timeout (or the child's exit). */
    private void nextStopStep() {
        Optional<StopStep> next;
        while ((next = ladder.next(clock.instant(), step -> LOG.info("Shutdown time is running out; skipping {}", step)))
                .isPresent()) {
            StopStep step = next.get();
            lastStep = step;
            // Delivering may take time (Windows' Ctrl+C helper): at most what the ladder waits after the step.
            boolean delivered = run.child.deliver(step, ladder.waitAfter(step, true, clock.instant()));
            LOG.info("Stop step {} {}", step, delivered ? "delivered" : "not applicable");
            Duration wait = ladder.waitAfter(step, delivered, clock.instant());
            if (!wait.isZero()) {
                schedule(wait);
                if (!endingRun) {
                    report(ServiceState.STOP_PENDING, step == StopStep.TERMINATE ? wait : ladder.remainingTime().plus(wait));
                }
                return;
            }
        }
        if (endingRun) {
            LOG.warn("The child (pid {}) is still running after every configured stop step; AppStopMethodSkip skips"
                    + " terminate, so it is left running in the session that ended", run.child.pid());
            Run r = run;
            run = null;
            r.child.close();
            holdRunEnded();
            return;
        }
        // TERMINATE was skipped (AppStopMethodSkip bit 8) and the child still runs: leave it, as asked.
        LOG.warn("The child (pid {}) is still running after every configured stop step; AppStopMethodSkip skips"
                + " terminate, so it is left running until the wrapper exits", run.child.pid());
        Run r = run;
        run = null;
        r.child.close();
        finish(new ServiceOutcome.StoppedOnRequest());
    }

    private void onTimer() {
        if ((state == ServiceState.STOP_PENDING || endingRun) && run != null) {
            if (lastStep == StopStep.TERMINATE) {
                LOG.error("The child (pid {}) did not end within {} of being killed; giving up on it",
                        run.child.pid(), FINAL_GRACE);
                Run r = run;
                run = null;
                r.child.close();
                if (endingRun) {
                    holdRunEnded();
                } else {
                    finish(new ServiceOutcome.StoppedOnRequest());
                }
                return;
            }
            nextStopStep();
        } else if (state == ServiceState.WAITING_TO_RESTART) {
            relaunch();
        }
    }

    private void onPause() {
        if (state != ServiceState.RUNNING) {
            LOG.debug("pause ignored in state {}", state);
            return;
        }
        enter(ServiceState.PAUSE_PENDING, PAUSE_HINT);
        if (run != null && !endingRun && config.pauseMode() == PauseMode.SUSPEND) {
            run.child.suspend();
            run.suspended = true;
        }
        pausedByRequest = true;
        enter(ServiceState.PAUSED, Duration.ZERO);
    }

    private void onContinue() {
        pausedByRequest = false;
        if (state == ServiceState.WAITING_TO_RESTART) {
            cancelTimer();
            unhealthyRuns = 0;
            LOG.info("CONTINUE: restarting now instead of waiting");
            if (launch() || held) {
                enter(ServiceState.RUNNING, Duration.ZERO);
            }
            return;
        }
        if (state != ServiceState.PAUSED) {
            LOG.debug("continue ignored in state {}", state);
            return;
        }
        enter(ServiceState.CONTINUE_PENDING, PAUSE_HINT);
        if (run != null && run.suspended) {
            run.child.resume();
            run.suspended = false;
        }
        enter(ServiceState.RUNNING, Duration.ZERO);
    }

    private void onExited(Exited e) {
        if (e.run() != run) {
            return; // an earlier run, already dealt with
        }
        Run r = run;
        run = null;
        Duration runTime = Duration.between(r.started, clock.instant());
        endRun(r);
        if (state == ServiceState.STOP_PENDING) {
            cancelTimer();
            LOG.info("The child (pid {}) stopped with exit code {}", r.child.pid(), e.exitCode());
            finish(new ServiceOutcome.StoppedOnRequest());
            return;
        }
        if (endingRun) {
            LOG.info("The child (pid {}) ended with exit code {} as its user's session ended", r.child.pid(), e.exitCode());
            listener.childEndedWithSession(r.child.pid(), java.util.OptionalInt.of(e.exitCode()));
            holdRunEnded();
            return;
        }
        if (held || gate.sessionEnded()) {
            held = true;
            unhealthyRuns = 0;
            LOG.info("The child (pid {}) exited with code {} as its user's session ended: no exit rule applies; no"
                    + " restart until the next logon", r.child.pid(), e.exitCode());
            listener.childEndedWithSession(r.child.pid(), java.util.OptionalInt.of(e.exitCode()));
            listener.waitingForSession();
            return;
        }
        ExitDecision decision = RestartPolicy.decide(e.exitCode(), runTime, unhealthyRuns, config.exitActions(),
                config.throttle(), config.restartDelay());
        LOG.info("The child (pid {}) exited with code {} after {} ms: {}", r.child.pid(), e.exitCode(),
                runTime.toMillis(), decision);
        listener.childExited(r.child.pid(), e.exitCode(), runTime, decision);
        if (decision instanceof ExitDecision.Restart restart) {
            unhealthyRuns = restart.unhealthyRuns();
            if (restart.delay().isZero()) {
                relaunch();
            } else {
                LOG.info("Restarting in {} ms", restart.delay().toMillis());
                enter(ServiceState.WAITING_TO_RESTART, Duration.ZERO);
                schedule(restart.delay());
            }
        } else if (decision instanceof ExitDecision.Ignore) {
            if (state != ServiceState.RUNNING && state != ServiceState.PAUSED) {
                enter(ServiceState.RUNNING, Duration.ZERO);
            }
        } else if (decision instanceof ExitDecision.Exit exit) {
            finish(new ServiceOutcome.ChildExited(exit.exitCode()));
        } else if (decision instanceof ExitDecision.Suicide suicide) {
            finish(new ServiceOutcome.Suicide(suicide.exitCode()));
        }
    }

    /** Starts the next run. A service paused by PAUSE stays PAUSED, its new child frozen as AppPauseMode says. */
    private void relaunch() {
        if (!launch()) {
            if (held && state != ServiceState.RUNNING && state != ServiceState.PAUSED) {
                enter(pausedByRequest ? ServiceState.PAUSED : ServiceState.RUNNING, Duration.ZERO);
            }
            return;
        }
        if (pausedByRequest) {
            if (config.pauseMode() == PauseMode.SUSPEND) {
                run.child.suspend();
                run.suspended = true;
            }
            if (state != ServiceState.PAUSED) {
                enter(ServiceState.PAUSED, Duration.ZERO);
            }
        } else if (state != ServiceState.RUNNING) {
            enter(ServiceState.RUNNING, Duration.ZERO);
        }
    }

    /** After the main process ended: kill what is left of the tree and let the output drain. */
    private void endRun(Run r) {
        r.child.killRemaining();
        try {
            if (!output.awaitDrained(FINAL_GRACE)) {
                java.util.List<String> holders = r.child.outputHolders();
                LOG.warn("The child's output did not reach its end within {} ({})", FINAL_GRACE, holders.isEmpty()
                        ? "a descendant still holds it" : "still held by " + String.join(", ", holders));
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        r.child.close();
    }

    private void schedule(Duration delay) {
        cancelTimer();
        timerDue = clock.instant().plus(delay);
        long token = ++timerToken;
        timer = scheduler.schedule(delay, () -> queue.add(new TimerFired(token)));
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        timerToken++;
    }

    private void enter(ServiceState next, Duration waitHint) {
        state = next;
        report(next, waitHint);
    }

    private void report(ServiceState s, Duration waitHint) {
        listener.stateChanged(s, waitHint);
    }

    private void finish(ServiceOutcome result) {
        cancelTimer();
        if (result instanceof ServiceOutcome.Suicide) {
            state = ServiceState.STOPPED; // deliberately not reported: the SCM must see the process vanish
        } else {
            enter(ServiceState.STOPPED, Duration.ZERO);
        }
        listener.finished(result);
        outcome.complete(result);
    }

    private void emergencyEnd(String reason) {
        Run r = run;
        run = null;
        if (r != null) {
            r.child.deliver(StopStep.TERMINATE);
            r.child.killRemaining();
            r.child.close();
        }
        if (!outcome.isDone()) {
            finish(new ServiceOutcome.WrapperFailed(reason));
        }
    }
}
