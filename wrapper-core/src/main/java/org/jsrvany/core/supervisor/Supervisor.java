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
import java.util.Map;
import org.jsrvany.core.config.Hooks;
import org.jsrvany.core.config.Check;
import org.jsrvany.core.config.HealthSettings;
import org.jsrvany.core.config.PauseMode;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.StopStep;
import org.jsrvany.core.health.Liveness;
import org.jsrvany.core.health.OutputWatch;
import org.jsrvany.core.health.ProbeResult;
import org.jsrvany.core.health.Probes;
import org.jsrvany.core.health.Readiness;
import org.jsrvany.core.health.StartGate;
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
    /** Readiness, liveness and the start condition (docs/readiness-health.md). */
    private final HealthSettings health;
    private final OutputWatch watch;
    private final Probes probes;

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
    /** Why the running program is being stopped to be started again ({@link #restartNow}); null otherwise. */
    private RestartReason restartReason;
    /** What was seen (a check's result, the schedule), for the log. */
    private String restartDetail;
    /** How the service ends when the current stop completes; null = stopped on request. */
    private ServiceOutcome stopOutcome;
    /** When START asked for the first launch (the start condition's clock). */
    private Instant startRequested;
    private long restartTimerToken;
    private Scheduler.Cancellable restartTimer;
    /** When the current scheduled restart is due, so the next one is computed from after it. */
    private Instant scheduledDue;
    /** The running child, for {@link #usage()} from other threads. */
    private volatile ChildProcess current;
    private volatile Instant nextRestart;
    /** No user session to run in ({@link #hold()}): no run starts until {@link #release()}. */
    private boolean held;
    /** The ladder runs to end the run of a session that ended: the service is not stopping. */
    private boolean endingRun;

    private sealed interface Event {
    }

    private enum Command implements Event { START, STOP, PAUSE, CONTINUE, HOLD, RELEASE }

    private record Shutdown(Duration budget) implements Event {
    }

    private record PowerEvent(Hooks.Hook hook) implements Event {
    }

    private record Exited(Run run, int exitCode) implements Event {
    }

    private record TimerFired(long token) implements Event {
    }

    /** {@link #restartNow}: stop the program through the ladder and start it again. */
    private record RestartRequest(RestartReason reason, String detail) implements Event {
    }

    /** A look at the start condition, the run's readiness or its liveness, or at its output's silence. */
    private record Probed(Phase phase, Run run, ProbeResult result) implements Event {
    }

    private enum Phase { START_CONDITION, READY, LIVE, SILENCE }

    private record ScheduledRestartDue(long token) implements Event {
    }

    private record Breached(Run run, org.jsrvany.core.process.LimitBreach breach) implements Event {
    }

    /** Waiting for the child's exit failed: whether it still runs is unknown. */
    private record ExitUnknown(Run run, Throwable error) implements Event {
    }

    private static final class Run {
        final ChildProcess child;
        final Instant started;
        boolean suspended;
        /** Passed its readiness check (or has none, or timed out with AppReadyTimeoutAction=Run). */
        boolean ready;
        /** Failed liveness checks in a row. */
        int healthFailures;

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
        Objects.requireNonNull(output);
        this.listener = Objects.requireNonNull(listener);
        this.clock = Objects.requireNonNull(clock);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.owner = new Thread(this::loop, "jsrvany-supervisor-" + config.serviceName());
        this.hooks = new HookRunner(config, output); // the capture itself: hooks' lines are not the program's output
        this.health = config.health();
        if (health.watchesOutput()) {
            java.util.regex.Pattern pattern = health.ready().filter(c -> c instanceof Check.OutputLine)
                    .map(c -> ((Check.OutputLine) c).pattern()).orElse(null);
            this.watch = OutputWatch.wrap(output, pattern, clock);
            this.output = watch;
        } else {
            this.watch = OutputWatch.none();
            this.output = output;
        }
        this.probes = new Probes(config.directory(), config.environment(), watch);
    }

    /** NSSM's event hooks; called from launch (Start), onStop (Stop), onExited (Exit), finish (kill). */
    private final HookRunner hooks;

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

    /** STOP: the stop ladder, then STOPPED. A hook running now is killed with its tree at once. */
    public void stop() {
        hooks.killAll();
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

    /** SERVICE_CONTROL_POWEREVENT mapped to its hook: the hook is started (not waited for) on the supervisor's thread. */
    public void powerEvent(Hooks.Hook hook) {
        queue.add(new PowerEvent(hook));
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
        hooks.killAll();
        queue.add(new Shutdown(budget));
    }

    /**
     * Stops the running program through the stop ladder and starts it again, without stopping the service:
     * the one entry point for everything that decides the program must be restarted now (a failed liveness
     * check, the output's silence, the schedule, the memory limit). The SCM keeps hearing RUNNING; the stop is
     * the service's own ladder; the exit that follows is counted and reported like any exit
     * ({@link SupervisorListener#childExited}) and the next start waits as {@link ForcedRestart} decides (a
     * failure backs off like a crash; a planned restart of a healthy run starts again at once). Ignored (and
     * logged) unless the service is RUNNING with a program: never during a start, stop, pause, shutdown, a
     * wait before a restart, or another such restart. A STOP or SHUTDOWN arriving meanwhile takes the ladder
     * over where it is.
     *
     * @param reason why (counted per reason in the status)
     * @param detail what was seen, for the log and {@link SupervisorListener#restarting}
     */
    public void restartNow(RestartReason reason, String detail) {
        queue.add(new RestartRequest(Objects.requireNonNull(reason, "reason"), Objects.requireNonNull(detail, "detail")));
    }

    /** {@link #restartNow(RestartReason, String)} with the reason's own description as the detail. */
    public void restartNow(RestartReason reason) {
        restartNow(reason, reason.description());
    }

    /** What the running program's tree uses now (pids, memory, CPU); empty while none runs. Any thread. */
    public Optional<org.jsrvany.core.process.TreeUsage> usage() {
        ChildProcess c = current;
        return c == null ? Optional.empty() : c.usage();
    }

    /** When the running program is next restarted on schedule; empty when no restart is scheduled. Any thread. */
    public Optional<Instant> nextScheduledRestart() {
        return Optional.ofNullable(nextRestart);
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
        } else if (event instanceof PowerEvent p) {
            if (state != ServiceState.STOP_PENDING && state != ServiceState.STOPPED) {
                hooks.start(p.hook(), run == null ? Map.of()
                        : Map.of("NSSM_APPLICATION_PID", Long.toString(run.child.pid())));
            }
        } else if (event instanceof Exited e) {
            onExited(e);
        } else if (event instanceof ExitUnknown u) {
            if (u.run() == run) {
                // Never restart on a guess: a second instance could start beside one still running.
                LOG.error("Cannot learn whether the program (pid {}) ended; stopping its tree", run.child.pid(), u.error());
                emergencyEnd("waiting for the program's exit failed: " + u.error());
            }
        } else if (event instanceof RestartRequest r) {
            onRestartRequest(r);
        } else if (event instanceof Probed p) {
            onProbed(p);
        } else if (event instanceof TimerFired t) {
            if (t.token() == timerToken) {
                timer = null;
                onTimer();
            }
        } else if (event instanceof ScheduledRestartDue d) {
            if (d.token() == restartTimerToken) {
                restartTimer = null;
                onScheduledRestartDue();
            }
        } else if (event instanceof Breached b) {
            onBreach(b);
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
        if (health.startCondition().isPresent()) {
            startRequested = clock.instant();
            LOG.info("Waiting up to {} ms for the start condition {}", health.startConditionTimeout().toMillis(),
                    health.startCondition().get().describe());
            probe(Phase.START_CONDITION, null, Duration.ZERO);
            return;
        }
        launchFirst();
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
        if (restartReason != null) {
            // A restart's ladder is already ending this run: let it end it for the logoff instead.
            LOG.info("The user's session of the child (pid {}) ended during a restart; no restart until the next logon",
                    run.child.pid());
            restartReason = null;
            restartDetail = null;
            endingRun = true;
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

    /** The first launch: RUNNING at once, or once the program is ready when it has a readiness check ({@link #becameReady}). */
    private void launchFirst() {
        if (!launch() && held) {
            enter(ServiceState.RUNNING, Duration.ZERO); // nobody was logged on after all: RUNNING, waiting for a logon
        }
    }

    /** Starts a child run; on failure ends the service and returns false. */
    private boolean launch() {
        if (hooks.run(Hooks.Hook.START_PRE, Map.of()) == HookRunner.Outcome.ABORT) {
            // NSSM's rule: Start/Pre exiting with 99 cancels the start; any other failure is only logged.
            String reason = "The Start/Pre hook exited with " + Hooks.ABORT_EXIT_CODE + ", which cancels the start"
                    + " (AppEvents\\Start\\Pre)";
            LOG.error("{}", reason);
            finish(new ServiceOutcome.LaunchFailed(reason, java.util.OptionalInt.empty()));
            return false;
        }
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
        current = child;
        child.onLimitBreach(breach -> queue.add(new Breached(r, breach)));
        scheduleRestart(r);
        child.onExit().whenComplete((code, error) -> queue.add(error == null ? new Exited(r, code) : new ExitUnknown(r, error)));
        LOG.info("Started the child, pid {}: {}", child.pid(), child.commandLine());
        listener.childStarted(child.pid(), child.commandLine());
        hooks.start(Hooks.Hook.START_POST, Map.of("NSSM_APPLICATION_PID", Long.toString(child.pid())));
        for (String warning : child.launchWarnings()) {
            listener.childWarning(child.pid(), warning);
        }
        if (health.ready().isPresent()) {
            probe(Phase.READY, r, Duration.ZERO);
        } else {
            becameReady(r);
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
        if (restartReason != null) {
            LOG.info("{} during a restart: the stop goes on from where the restart's stop ladder is",
                    shutdownBudget == null ? "STOP" : "SHUTDOWN");
            restartReason = null;
            enter(ServiceState.STOP_PENDING, ladder.remainingTime());
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
        restartReason = null; // a STOP during a restart's ladder takes it over and ends the service
        if (run == null) {
            finish(stopOutcome());
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
        if (shutdownBudget == null && hooks.has(Hooks.Hook.STOP_PRE)) {
            // Not at SHUTDOWN: the little time Windows gives then belongs to the program's own stop.
            enter(ServiceState.STOP_PENDING, hooks.timeout().plus(ladder.remainingTime()));
            hooks.run(Hooks.Hook.STOP_PRE, Map.of("NSSM_APPLICATION_PID", Long.toString(run.child.pid())));
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
                if (restartReason == null && !endingRun) { // a restart's or a logoff's ladder is not the service's: the SCM keeps seeing RUNNING
                    report(ServiceState.STOP_PENDING, step == StopStep.TERMINATE ? wait : ladder.remainingTime().plus(wait));
                }
                return;
            }
        }
        if (restartReason != null) {
            LOG.warn("The program (pid {}) is still running after every configured stop step; AppStopMethodSkip skips"
                    + " terminate, so it is not restarted ({})", run.child.pid(), restartDetail);
            restartReason = null;
            ladder = null;
            return;
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
        finish(stopOutcome());
    }

    private void onTimer() {
        if (restartReason != null && run != null && state != ServiceState.STOP_PENDING) {
            if (lastStep == StopStep.TERMINATE) {
                LOG.error("The program (pid {}) did not end within {} of being killed for a restart", run.child.pid(),
                        FINAL_GRACE);
                emergencyEnd("the program did not end after being killed for a restart (" + restartDetail + ")");
                return;
            }
            nextStopStep();
            return;
        }
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
                    finish(stopOutcome());
                }
                return;
            }
            nextStopStep();
        } else if (state == ServiceState.WAITING_TO_RESTART) {
            relaunch();
        }
    }

    private void onPause() {
        if (state != ServiceState.RUNNING || restartReason != null) {
            LOG.debug("pause ignored in state {}", state);
            return;
        }
        enter(ServiceState.PAUSE_PENDING, PAUSE_HINT);
        if (run != null && restartReason == null && !endingRun && config.pauseMode() == PauseMode.SUSPEND) {
            run.child.suspend(); // (a program being stopped for a restart or a logoff is left to its ladder; its successor is frozen)
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
        watch.touch(); // a paused program wrote nothing: its silence counts from now
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
            finish(stopOutcome());
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
        if (state == ServiceState.START_PENDING && !r.ready) {
            String reason = "it exited with code " + e.exitCode() + " after " + runTime.toMillis() + " ms, before "
                    + health.ready().map(Check::describe).orElse("its readiness check") + " passed";
            LOG.error("The program (pid {}) did not become ready: {}", r.child.pid(), reason);
            listener.childExited(r.child.pid(), e.exitCode(), runTime, new ExitDecision.NotReady());
            finish(new ServiceOutcome.NotReady(reason, java.util.OptionalInt.of(e.exitCode())));
            return;
        }
        ExitDecision decision;
        if (restartReason != null) {
            cancelTimer();
            LOG.info("The program (pid {}) stopped with exit code {} for a restart: {}", r.child.pid(), e.exitCode(),
                    restartDetail);
            decision = ForcedRestart.decide(runTime, unhealthyRuns, restartReason.countsAsUnhealthy(), config.throttle(),
                    config.restartDelay());
            restartReason = null;
            restartDetail = null;
            ladder = null;
        } else {
            decision = RestartPolicy.decide(e.exitCode(), runTime, unhealthyRuns, config.exitActions(),
                    config.throttle(), config.restartDelay());
        }
        LOG.info("The child (pid {}) exited with code {} after {} ms: {}", r.child.pid(), e.exitCode(),
                runTime.toMillis(), decision);
        listener.childExited(r.child.pid(), e.exitCode(), runTime, decision);
        // Waited for, before the exit action (NSSM's order); the exit code as NSSM gives it (unsigned).
        hooks.run(Hooks.Hook.EXIT_POST, Map.of("NSSM_EXITCODE", Integer.toUnsignedString(e.exitCode()),
                "NSSM_APPLICATION_PID", Long.toString(r.child.pid())));
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

    /** How a stop ends the service: as asked (STOP), or as the reason it was started for says (not ready). */
    private ServiceOutcome stopOutcome() {
        return stopOutcome != null ? stopOutcome : new ServiceOutcome.StoppedOnRequest();
    }

    // ---------------------------------------------------------------- restart now: checks, schedule, limits

    private void onRestartRequest(RestartReason reason) {
        onRestartRequest(new RestartRequest(reason, reason.description()));
    }

    private void onRestartRequest(RestartRequest request) {
        if (state != ServiceState.RUNNING || run == null || restartReason != null || endingRun) {
            LOG.info("Not restarting the program ({}): the service is {}{}", request.detail(), state,
                    restartReason != null ? " and already restarting it" : run == null ? " without a program" : "");
            return;
        }
        cancelTimer();
        restartReason = request.reason();
        restartDetail = request.detail();
        LOG.warn("Restarting the program (pid {}) through the stop ladder: {}", run.child.pid(), request.detail());
        listener.restarting(run.child.pid(), request.reason(), request.detail());
        ladder = new StopLadder(config.stopPolicy());
        lastStep = null;
        nextStopStep();
    }

    /**
     * Looks at {@code phase}'s check after {@code delay}, off this thread; the result comes back as a
     * {@link Probed} event. A run-bound result for a run that has ended meanwhile is dropped.
     */
    private void probe(Phase phase, Run r, Duration delay) {
        Runnable look = switch (phase) {
            case START_CONDITION -> () -> probes.probe(health.startCondition().orElseThrow(), StartGate.PROBE_EVERY
                    .multipliedBy(4), result -> queue.add(new Probed(phase, null, result)));
            case READY -> () -> probes.probe(health.ready().orElseThrow(), READY_PROBE_LIMIT,
                    result -> queue.add(new Probed(phase, r, result)));
            case LIVE -> () -> probes.probe(health.health().orElseThrow(), health.healthTimeout(),
                    result -> queue.add(new Probed(phase, r, result)));
            case SILENCE -> () -> queue.add(new Probed(phase, r, ProbeResult.pass("")));
        };
        if (delay.isZero()) {
            look.run();
        } else {
            scheduler.schedule(delay, look);
        }
    }

    /** The longest one readiness probe may take (a TCP connect to a host that drops packets). */
    private static final Duration READY_PROBE_LIMIT = Duration.ofSeconds(2);

    private void onProbed(Probed p) {
        if (p.phase() == Phase.START_CONDITION) {
            onStartConditionProbed(p.result());
            return;
        }
        Run r = p.run();
        if (r != run || state == ServiceState.STOP_PENDING || restartReason != null || endingRun) {
            return; // that run ended, or is ending: its checks end with it
        }
        switch (p.phase()) {
            case READY -> onReadyProbed(r, p.result());
            case LIVE -> onLiveProbed(r, p.result());
            case SILENCE -> onSilenceLook(r);
            default -> throw new IllegalStateException("phase " + p.phase());
        }
    }

    private void onStartConditionProbed(ProbeResult result) {
        if (state != ServiceState.START_PENDING || run != null || startRequested == null) {
            return;
        }
        Duration waited = Duration.between(startRequested, clock.instant());
        Check check = health.startCondition().orElseThrow();
        switch (StartGate.decide(result.passed(), waited, health.startConditionTimeout())) {
            case LAUNCH -> {
                LOG.info("The start condition {} holds after {} ms ({})", check.describe(), waited.toMillis(), result.seen());
                startRequested = null;
                launchFirst();
            }
            case WAIT -> probe(Phase.START_CONDITION, null, StartGate.PROBE_EVERY);
            case LAUNCH_ANYWAY -> {
                LOG.warn("The start condition {} did not hold within {} ms (last: {}); starting the program anyway",
                        check.describe(), health.startConditionTimeout().toMillis(), result.seen());
                listener.startConditionTimedOut(check.describe(), result.seen(), waited);
                startRequested = null;
                launchFirst();
            }
        }
    }

    private void onReadyProbed(Run r, ProbeResult result) {
        Duration elapsed = Duration.between(r.started, clock.instant());
        Check check = health.ready().orElseThrow();
        switch (Readiness.decide(result.passed(), elapsed, health.readyTimeout(), health.readyTimeoutAction())) {
            case READY -> {
                LOG.info("The program (pid {}) is ready after {} ms: {}", r.child.pid(), elapsed.toMillis(), result.seen());
                listener.programReady(r.child.pid(), elapsed, result.seen());
                becameReady(r);
            }
            case NOT_YET -> {
                if (state == ServiceState.START_PENDING) {
                    report(ServiceState.START_PENDING, START_HINT); // a rising checkpoint for each look
                }
                probe(Phase.READY, r, Readiness.nextProbeIn(elapsed, health.readyTimeout()));
            }
            case TIMED_OUT_RUN -> {
                LOG.warn("The program (pid {}) is not ready after {} ms ({}: {}); AppReadyTimeoutAction=Run treats it as"
                        + " ready", r.child.pid(), elapsed.toMillis(), check.describe(), result.seen());
                listener.programNotReady(r.child.pid(), check.describe(), result.seen(), health.readyTimeout(), false);
                becameReady(r);
            }
            case TIMED_OUT_STOP -> {
                LOG.error("The program (pid {}) is not ready after {} ms ({}: {}); stopping it", r.child.pid(),
                        elapsed.toMillis(), check.describe(), result.seen());
                listener.programNotReady(r.child.pid(), check.describe(), result.seen(), health.readyTimeout(), true);
                String reason = "it was not ready within AppReadyTimeout (" + health.readyTimeout().toMillis() + " ms; "
                        + check.describe() + ": " + result.seen() + ")";
                if (state == ServiceState.START_PENDING) {
                    stopOutcome = new ServiceOutcome.NotReady(reason, java.util.OptionalInt.empty());
                    onStop(null);
                } else {
                    onRestartRequest(new RestartRequest(RestartReason.NOT_READY, "the restarted program " + reason));
                }
            }
        }
    }

    /** The run is ready: the first one makes the service RUNNING; liveness checks start. */
    private void becameReady(Run r) {
        r.ready = true;
        if (state == ServiceState.START_PENDING) {
            enter(ServiceState.RUNNING, Duration.ZERO);
        }
        if (health.health().isPresent()) {
            probe(Phase.LIVE, r, health.healthInterval());
        }
        if (!health.silence().isZero()) {
            probe(Phase.SILENCE, r, health.silence());
        }
    }

    private void onLiveProbed(Run r, ProbeResult result) {
        if (state != ServiceState.RUNNING) { // paused, pausing, waiting: a frozen program is not judged
            probe(Phase.LIVE, r, health.healthInterval());
            return;
        }
        Check check = health.health().orElseThrow();
        Liveness.Verdict verdict = Liveness.decide(r.healthFailures, result.passed(), health.healthFailures());
        if (!result.passed()) {
            LOG.warn("Health check {} failed ({} of {} in a row): {}", check.describe(), verdict.failures(),
                    health.healthFailures(), result.seen());
        } else if (r.healthFailures > 0) {
            LOG.info("Health check {} passes again: {}", check.describe(), result.seen());
        }
        r.healthFailures = verdict.failures();
        listener.healthChecked(r.child.pid(), check.describe(), result.passed(), result.seen(), verdict.failures());
        if (verdict.restart()) {
            listener.healthCheckFailed(r.child.pid(), check.describe(), result.seen(), verdict.failures());
            onRestartRequest(new RestartRequest(RestartReason.HEALTH_CHECK, "health check " + check.describe() + " failed " + verdict.failures()
                    + (verdict.failures() == 1 ? " time" : " times in a row") + " (last: " + result.seen() + ")"));
            return;
        }
        probe(Phase.LIVE, r, health.healthInterval());
    }

    private void onSilenceLook(Run r) {
        Instant now = clock.instant();
        if (state != ServiceState.RUNNING) {
            probe(Phase.SILENCE, r, health.silence());
            return;
        }
        if (Liveness.silentTooLong(watch.lastOutput(), now, health.silence())) {
            String seen = "no output for " + Duration.between(watch.lastOutput(), now).toMillis() + " ms";
            String check = "AppHealthSilence (" + health.silence().toMillis() + " ms)";
            LOG.warn("The program (pid {}) wrote {}", r.child.pid(), seen);
            listener.healthCheckFailed(r.child.pid(), check, seen, 1);
            onRestartRequest(new RestartRequest(RestartReason.OUTPUT_SILENCE, "output silence: " + seen));
            return;
        }
        probe(Phase.SILENCE, r, Liveness.nextSilenceCheckIn(watch.lastOutput(), now, health.silence()));
    }

    private void onScheduledRestartDue() {
        if (state == ServiceState.RUNNING && run != null && restartReason == null) {
            onRestartRequest(RestartReason.SCHEDULED);
            return;
        }
        LOG.info("The scheduled restart is due but the service is {}; it is skipped",
                restartReason != null ? "restarting the program already" : String.valueOf(state));
        if (run != null) {
            scheduleRestart(null); // the next occurrence, counted from now
        }
    }

    /** Arms the scheduled restart for run {@code r} (null: a skipped one, the next counted from now). */
    private void scheduleRestart(Run r) {
        cancelRestartTimer();
        org.jsrvany.core.config.RestartSchedule schedule = config.limits().restartSchedule();
        if (schedule.isOff()) {
            return;
        }
        Instant now = clock.instant();
        Instant after = scheduledDue != null && scheduledDue.isAfter(now) ? scheduledDue : now;
        Optional<Instant> due = schedule.next(r == null ? now : r.started, after, clock.getZone());
        if (due.isEmpty()) {
            return;
        }
        scheduledDue = due.get();
        nextRestart = due.get();
        long token = ++restartTimerToken;
        LOG.info("The program is restarted on schedule at {}", due.get());
        restartTimer = scheduler.schedule(Duration.between(now, due.get()), () -> queue.add(new ScheduledRestartDue(token)));
    }

    private void cancelRestartTimer() {
        nextRestart = null;
        if (restartTimer != null) {
            restartTimer.cancel();
            restartTimer = null;
        }
        restartTimerToken++;
    }

    private void onBreach(Breached b) {
        if (b.run() != run) {
            return;
        }
        if (restartReason == RestartReason.MEMORY_LIMIT) {
            // The job repeats the message for every allocation refused while the old tree is being stopped.
            LOG.debug("The program's tree (pid {}) reached a limit again while being restarted for it", run.child.pid());
            return;
        }
        LOG.warn("The program's tree (pid {}) reached a limit: {}", run.child.pid(), b.breach().detail());
        listener.limitBreached(run.child.pid(), b.breach());
        if (b.breach().kind() == org.jsrvany.core.process.LimitBreach.Kind.MEMORY
                && config.limits().memoryAction() == org.jsrvany.core.config.MemoryLimitAction.RESTART) {
            onRestartRequest(RestartReason.MEMORY_LIMIT);
        }
    }

    /** After the main process ended: kill what is left of the tree and let the output drain. */
    private void endRun(Run r) {
        current = null;
        cancelRestartTimer();
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
        hooks.killAll();
        cancelRestartTimer();
        processControl.releasePrepared();
        current = null;
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
