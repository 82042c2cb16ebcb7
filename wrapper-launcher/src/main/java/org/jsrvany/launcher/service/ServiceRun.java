package org.jsrvany.launcher.service;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntBinaryOperator;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jsrvany.core.config.ConfigException;
import org.jsrvany.core.config.Hooks;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.ParameterStore;
import org.jsrvany.core.config.StoredParameters;
import org.jsrvany.core.run.Platform;
import org.jsrvany.core.run.Supervision;
import org.jsrvany.core.service.ScmExitCode;
import org.jsrvany.core.config.PauseMode;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.session.DesktopSessions;
import org.jsrvany.core.session.SessionSupervision;
import org.jsrvany.core.process.ProcessControl;
import org.jsrvany.core.status.PublishedStatus;
import org.jsrvany.core.status.StatusPublisher;
import org.jsrvany.core.status.UserSessionStatus;
import org.jsrvany.core.process.LimitBreach;
import org.jsrvany.core.supervisor.RestartReason;
import org.jsrvany.core.supervisor.ExitDecision;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.ServiceState;
import org.jsrvany.core.supervisor.Supervisor;
import org.jsrvany.core.supervisor.SupervisorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of ServiceMain, as plain Java: everything from the first START_PENDING to the last
 * STOPPED, with the platform given as a {@link Host} (the SCM, the registry and the event log on
 * Windows; recording fakes and the POSIX process control in tests).
 *
 * <ol>
 *   <li>{@link #serviceMain}: the control handler is registered before anything else, as Microsoft asks
 *       of ServiceMain, so that the SCM can always be told what happens next.</li>
 *   <li>Reports START_PENDING at once; only then starts the wrapper's log (its folder's permissions)
 *       and opens the event log (which reads the registry), then learns the shutdown budgets
 *       (PRESHUTDOWN is accepted only when the service has a preshutdown timeout configured).</li>
 *   <li>Loads the configuration. An invalid one is logged and written to the event log problem by
 *       problem, and the SCM hears STOPPED with 1066 / 0x20000003: never left in START_PENDING.</li>
 *   <li>Runs the {@link Supervisor}; its states go to the {@link StatusReporter}, its events to the
 *       event log. Controls arrive through {@link #handleControl}, which only enqueues.</li>
 *   <li>Ends: output files closed, the last event written, the event source closed and the wrapper's
 *       log flushed and closed, and only then STOPPED with the outcome's codes: nothing runs after it
 *       (Windows may end the process the moment it is reported). Suicide ends the process instead,
 *       without STOPPED, so the SCM's recovery actions run.</li>
 * </ol>
 *
 * Failures inside are reported as STOPPED with the right code; nothing here exits the JVM except
 * Suicide, through {@link Host#endProcess()}.
 */
final class ServiceRun {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRun.class);
    /** The wait hint of the very first START_PENDING, before the supervisor reports its own. */
    static final Duration START_HINT = Duration.ofSeconds(10);
    /** How long the last events may take to reach the event log before STOPPED is reported. */
    static final Duration EVENT_FLUSH = Duration.ofSeconds(5);

    /**
     * What the service needs from the platform. Nothing here is called before START_PENDING is reported.
     *
     * @param status     SetServiceStatus
     * @param startLog   starts the wrapper's own log (a protected folder) and says where it is
     * @param events     opens the Application log (asked once, after the first START_PENDING)
     * @param stopLog    flushes and closes the wrapper's log (just before STOPPED, or before Suicide)
     * @param parameters the service's Parameters (the registry on Windows)
     * @param processes  the process control (asked after the configuration is valid)
     * @param budgets    the shutdown budgets (asked after the first START_PENDING)
     * @param endProcess ends the process at once with this exit code (Suicide)
     * @param scheduler  timers for the supervisor and the status renewals
     * @param clock      the supervisor's clock
     * @param version    jsrvany's version, for the first event
     * @param statusFile where to publish the status for {@code jsrvany status} ({@link PublishedStatus}); null for none
     *                   (asked after the first START_PENDING)
     */
    record Host(Consumer<ScmStatus> status, Supplier<String> startLog, Supplier<EventSink> events, Runnable stopLog,
                ParameterStore parameters, Supplier<ProcessControl> processes,
                Supplier<ShutdownBudgets> budgets, IntConsumer endProcess, Scheduler scheduler, Clock clock,
                String version, Supplier<Path> statusFile, UserSessions userSessions) {
        /** A host without user sessions (AppSession Console and Active then stop with NO_TCB_PRIVILEGE). */
        Host(Consumer<ScmStatus> status, Supplier<String> startLog, Supplier<EventSink> events, Runnable stopLog,
             ParameterStore parameters, Supplier<ProcessControl> processes, Supplier<ShutdownBudgets> budgets,
             IntConsumer endProcess, Scheduler scheduler, Clock clock, String version, Supplier<Path> statusFile) {
            this(status, startLog, events, stopLog, parameters, processes, budgets, endProcess, scheduler, clock, version,
                    statusFile, UserSessions.NONE);
        }

        Host {
            Objects.requireNonNull(userSessions);
            Objects.requireNonNull(status);
            Objects.requireNonNull(startLog);
            Objects.requireNonNull(events);
            Objects.requireNonNull(stopLog);
            Objects.requireNonNull(parameters);
            Objects.requireNonNull(processes);
            Objects.requireNonNull(budgets);
            Objects.requireNonNull(endProcess);
            Objects.requireNonNull(scheduler);
            Objects.requireNonNull(clock);
            Objects.requireNonNull(statusFile);
        }
    }

    private final String serviceName;
    private final Host host;
    private final ServiceEvents texts;
    private final StatusReporter reporter;
    /** The Application log once opened (after the first START_PENDING); nothing before. */
    private volatile EventSink events = EventSink.none();
    /** Set once the configuration is valid and the supervisor exists; controls go straight to it. */
    private volatile Supervisor supervisor;
    private volatile ShutdownBudgets budgets = ShutdownBudgets.defaults();
    private volatile String stopReason;
    /** Publishes child pid, restarts and last exit code for {@code jsrvany status}; null when the host has no file. */
    private StatusPublisher published;
    /** The capture's count of output it could not write; zero until the capture is open. */
    private volatile LongSupplier outputLost = () -> 0;
    /** Rotates the output files now (control 128); nothing until the capture is open. */
    private volatile Runnable rotateOutput = () -> { };
    /** How much of it the event log was told about. */
    private long outputLostReported;

    /**
     * ServiceMain's order: {@code register} the control handler first (it forwards to the run once that
     * exists; until then only INTERROGATE is answered), then build the host with the status handle it
     * gave, then run. Returns the registration's failure, having run nothing (the SCM cannot be told
     * anything then); empty once the service ran.
     *
     * @param register RegisterServiceCtrlHandlerEx with this handler; gives SetServiceStatus; throws on failure
     * @param hostFor  the platform, around the status sink
     */
    static Optional<RuntimeException> serviceMain(String serviceName, Function<IntBinaryOperator, Consumer<ScmStatus>> register,
                               Function<Consumer<ScmStatus>, Host> hostFor) {
        AtomicReference<ServiceRun> target = new AtomicReference<>();
        Consumer<ScmStatus> status;
        try {
            status = register.apply((control, eventType) -> {
                ServiceRun run = target.get();
                if (run == null) {
                    return control == ScmStatus.SERVICE_CONTROL_INTERROGATE ? ScmStatus.NO_ERROR
                            : ScmStatus.ERROR_CALL_NOT_IMPLEMENTED;
                }
                return run.handleControl(control, eventType);
            });
        } catch (RuntimeException e) {
            return Optional.of(e);
        }
        ServiceRun run = new ServiceRun(serviceName, hostFor.apply(status));
        target.set(run);
        run.run();
        return Optional.empty();
    }

    ServiceRun(String serviceName, Host host) {
        this.serviceName = Objects.requireNonNull(serviceName);
        this.host = host;
        this.texts = new ServiceEvents(serviceName);
        this.reporter = new StatusReporter(host.status(), host.scheduler(), false);
    }

    /**
     * HandlerEx's work, on the dispatcher thread: one guard, one switch, and the supervisor's command
     * (a queue write); it returns at once. Before the supervisor exists (START_PENDING accepts no
     * control) only INTERROGATE is answered. PRESHUTDOWN is only sent when accepted, that is when a
     * preshutdown timeout is configured; SHUTDOWN and PRESHUTDOWN fit the stop ladder in their budget
     * and end restarts. INTERROGATE needs nothing (the SCM answers from the last report). NSSM's
     * user-defined control 128 rotates the output files now (handed to another thread). Anything else
     * is ERROR_CALL_NOT_IMPLEMENTED.
     */
    int handleControl(int control, int eventType) {
        Supervisor s = supervisor;
        if (s == null) {
            return control == ScmStatus.SERVICE_CONTROL_INTERROGATE ? ScmStatus.NO_ERROR : ScmStatus.ERROR_CALL_NOT_IMPLEMENTED;
        }
        ShutdownBudgets b = budgets;
        switch (control) {
            case ScmStatus.SERVICE_CONTROL_STOP -> {
                stopReason = "a STOP request from the service manager";
                s.stop();
            }
            case ScmStatus.SERVICE_CONTROL_PAUSE -> s.pause();
            case ScmStatus.SERVICE_CONTROL_CONTINUE -> s.resume();
            case ScmStatus.SERVICE_CONTROL_SHUTDOWN -> {
                stopReason = "the system is shutting down (SHUTDOWN; the program gets " + ServiceEvents.human(b.shutdown())
                        + " at most)";
                s.shutdown(b.shutdown());
            }
            case ScmStatus.SERVICE_CONTROL_PRESHUTDOWN -> {
                Duration budget = b.preshutdown().orElse(b.shutdown());
                stopReason = "the system is shutting down (PRESHUTDOWN; the program gets " + ServiceEvents.human(budget)
                        + " at most)";
                s.shutdown(budget);
            }
            case ScmStatus.SERVICE_CONTROL_INTERROGATE -> {
                // the SCM answers from the last reported status
            }
            case ScmStatus.NSSM_CONTROL_ROTATE -> {
                // NSSM's rotate-now: accepted whatever the settings; rotates only with AppRotateOnline=1 (as
                // NSSM), on another thread (Supervision.Running.rotateOutput returns at once)
                rotateOutput.run();
            }
            case ScmStatus.SERVICE_CONTROL_POWEREVENT -> Hooks.Hook.forPowerEvent(eventType).ifPresent(s::powerEvent);
            default -> {
                return ScmStatus.ERROR_CALL_NOT_IMPLEMENTED;
            }
        }
        return ScmStatus.NO_ERROR;
    }

    /** Runs the service until it has stopped (or ended by Suicide). Never throws. */
    void run() {
        reporter.report(ServiceState.START_PENDING, START_HINT);
        ServiceOutcome outcome;
        try {
            String wrapperLog = host.startLog().get();
            events = host.events().get();
            Path statusFile = host.statusFile().get();
            if (statusFile != null) {
                published = new StatusPublisher(statusFile, serviceName, ProcessHandle.current().pid(), host.clock());
            }
            LOG.info("Service '{}' is starting (jsrvany {}, wrapper pid {}); wrapper log {}", serviceName, host.version(),
                    ProcessHandle.current().pid(), wrapperLog);
            events.post(texts.starting(ProcessHandle.current().pid(), host.version(), wrapperLog));
            outcome = supervise();
        } catch (RuntimeException | Error e) {
            LOG.error("The wrapper failed", e);
            outcome = new ServiceOutcome.WrapperFailed(e.toString());
        }
        if (outcome != null) {
            end(outcome);
        }
    }

    /** Loads the configuration and supervises; null when the configuration was invalid (already reported). */
    private ServiceOutcome supervise() {
        budgets = learnBudgets();
        reporter.acceptPreshutdown(budgets.preshutdown().isPresent());
        String where = host.parameters().describe(serviceName);
        List<String> warnings = new ArrayList<>();
        Consumer<String> warn = w -> {
            LOG.warn("{}", w);
            warnings.add(w);
        };
        ServiceConfig config;
        try {
            config = readConfig(where, warn);
        } catch (ConfigException e) {
            for (String problem : e.problems()) {
                LOG.error("Invalid configuration: {}", problem);
            }
            LOG.error("Nothing was started; fix {} and start the service again", where);
            if (!warnings.isEmpty()) {
                events.post(texts.configWarnings(where, warnings));
            }
            events.post(texts.configInvalid(where, e.problems()));
            closeEventsAndLog();
            reporter.stoppedWith(ScmExitCode.configInvalid());
            return null;
        }
        if (!warnings.isEmpty()) {
            events.post(texts.configWarnings(where, warnings));
        }
        reporter.acceptPowerEvents(config.hooks().wantsPowerEvents()); // only a Power hook makes them worth hearing
        if (config.windows().session().desktop()) {
            return superviseInUserSession(config);
        }
        Platform platform = new Platform(host.processes().get(), host.clock(), host.scheduler());
        return Supervision.run(config, platform, null, null, new Listener(config), running -> attach(config, running));
    }

    /** The running supervisor, before its first start: the status file, the output counter, rotate-now, controls. */
    private void attach(ServiceConfig config, Supervision.Running running) {
        if (published != null) {
            published.watchOutputLoss(running.outputBytesLost());
            published.watchSupervisor(running.supervisor()::usage, running.supervisor()::nextScheduledRestart);
            published.refreshEvery(config.limits().statusInterval(), host.scheduler());
            published.writeMetricsTo(config.limits().metricsFile());
        }
        outputLost = running.outputBytesLost();
        rotateOutput = running.rotateOutput();
        supervisor = running.supervisor();
    }

    /** The session machine of a running user-session service; null otherwise. */
    private volatile SessionSupervision sessions;

    /**
     * AppSession Console or Active: refuses without SeTcbPrivilege (an event, STOPPED with NO_TCB_PRIVILEGE); else the
     * session state machine decides where each run goes, SESSIONCHANGE is accepted and fed to it, and nobody logged
     * on means RUNNING with no program until a logon.
     */
    private ServiceOutcome superviseInUserSession(ServiceConfig config) {
        UserSessions platformSessions = host.userSessions();
        boolean privileged;
        try {
            privileged = platformSessions.holdsTcbPrivilege();
        } catch (RuntimeException e) {
            LOG.error("Whether the service holds SeTcbPrivilege cannot be told: {}", e.getMessage());
            privileged = false;
        }
        if (!privileged) {
            String refusal = "AppSession " + config.windows().session().mode().registryText() + " runs the program in a"
                    + " logged-on user's session with that user's token, which needs SeTcbPrivilege: only LocalSystem"
                    + " holds it, and jsrvany never grants it to another account. Install the service for LocalSystem"
                    + " (jsrvany install " + serviceName + " --account LocalSystem) or set AppSession to Service.";
            LOG.error("The service lacks SeTcbPrivilege: {}", refusal);
            events.post(texts.noTcbPrivilege(refusal));
            closeEventsAndLog();
            reporter.stoppedWith(ScmExitCode.noTcbPrivilege());
            return null;
        }
        SessionSupervision machine = new SessionSupervision(new DesktopSessions(config.windows().session()),
                platformSessions.sessions(), (where, why) -> {
                    String text = where.map(p -> "runs in " + p).orElse("waits for a logon ("
                            + DesktopSessions.waitingFor(config.windows().session()) + ")");
                    LOG.info("{}; the program {}", why, text);
                    events.post(texts.sessionChanged(text, why));
                    StatusPublisher status = published;
                    if (status != null) {
                        String mode = config.windows().session().mode().registryText();
                        status.userSession(where.map(p -> UserSessionStatus.in(mode, p.session(), p.user()))
                                .orElseGet(() -> UserSessionStatus.waiting(mode)));
                    }
                });
        sessions = machine;
        Platform platform = new Platform(platformSessions.processControl(machine.target()), host.clock(), host.scheduler());
        reporter.acceptSessionChange(true);
        platformSessions.onSessionChange(machine::sessionChanged);
        try {
            return Supervision.run(config, platform, null, null, new Listener(config), machine, running -> {
                machine.attach(running.supervisor());
                attach(config, running);
            });
        } finally {
            platformSessions.onSessionChange(null);
            machine.close();
        }
    }

    /**
     * A {@code SERVICE_CONTROL_SESSIONCHANGE} (from the dispatcher's session hook, or a test): queued for the session
     * machine; returns at once. Ignored when the program does not run in a user's session.
     */
    void sessionChanged(int eventType, int sessionId) {
        SessionSupervision m = sessions;
        if (m != null) {
            m.sessionChanged(eventType, sessionId);
        }
    }

    /**
     * The service's parameters through the one store, validated by the one loader: what the
     * installer's {@code test NAME} runs too. A key that cannot be read is a configuration problem.
     */
    private ServiceConfig readConfig(String where, Consumer<String> warn) throws ConfigException {
        StoredParameters stored;
        List<String> serviceEnvironment;
        try {
            stored = host.parameters().read(serviceName);
        } catch (RuntimeException e) {
            throw new ConfigException(List.of("The parameters in " + where + " cannot be read (" + e.getMessage()
                    + "): check that the service's account may read that key."));
        }
        try {
            serviceEnvironment = host.parameters().serviceEnvironment(serviceName);
        } catch (RuntimeException e) {
            // The service manager gave it to this process already; only 'test NAME' would miss it.
            warn.accept("The service key's Environment value cannot be read (" + e.getMessage() + "); the"
                    + " environment the service manager gave this process is used as it is.");
            serviceEnvironment = List.of();
        }
        stored.ignoredValues(where).forEach(warn);
        // The service manager gave this process the service key's Environment already; applying it again
        // gives the same environment, and the same as 'jsrvany test NAME' (docs/environment.md).
        return ConfigLoader.forService(serviceEnvironment, warn).load(serviceName, stored.toSource(where));
    }

    private ShutdownBudgets learnBudgets() {
        try {
            ShutdownBudgets b = host.budgets().get();
            LOG.info("Shutdown budget {} ms; PRESHUTDOWN {}", b.shutdown().toMillis(),
                    b.preshutdown().map(p -> "accepted, budget " + p.toMillis() + " ms").orElse("not accepted (no"
                            + " preshutdown timeout configured for the service)"));
            return b;
        } catch (RuntimeException e) {
            LOG.warn("The shutdown timing cannot be read ({}); using 5 s at SHUTDOWN and not accepting PRESHUTDOWN", e.toString());
            return ShutdownBudgets.defaults();
        }
    }

    /** A warning event when output was lost since the last one (after each run and at the end). */
    private synchronized void reportLostOutput() {
        long total = outputLost.getAsLong();
        if (total > outputLostReported) {
            events.post(texts.outputLost(total - outputLostReported, total));
            outputLostReported = total;
        }
    }

    private void end(ServiceOutcome outcome) {
        if (published != null) {
            published.finished(outcome);
        }
        reportLostOutput();
        if (outcome instanceof ServiceOutcome.Suicide s) {
            LOG.error("The program exited with code {} and AppExit says Suicide: ending without reporting STOPPED",
                    s.exitCode());
            events.post(texts.suicide(s.exitCode()));
            reporter.stopped(outcome); // only cancels the renewal of a pending report: nothing is sent
            closeEventsAndLog();
            host.endProcess().accept(s.exitCode());
            return;
        }
        EventMessage last = texts.stopped(outcome);
        LOG.info("{}", last.text());
        events.post(last);
        closeEventsAndLog();
        reporter.stopped(outcome); // the last thing this service does: Windows may end the process now
    }

    /**
     * Writes the queued events (bounded by {@link #EVENT_FLUSH}), closes the event source, then flushes
     * and closes the wrapper's log: everything that must happen before STOPPED. Never throws.
     */
    private void closeEventsAndLog() {
        EventSink sink = events;
        events = EventSink.none();
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the event log failed: {}", e.toString());
        }
        try {
            host.stopLog().run();
        } catch (RuntimeException e) {
            // the log is what failed; nothing left to tell it to
        }
    }

    /** The supervisor's states to the SCM (all but the final STOPPED, reported by {@link #end}) and events to the log. */
    private final class Listener implements SupervisorListener {
        private final ServiceConfig config;
        private ServiceState previous;
        private boolean stoppingAnnounced;

        Listener(ServiceConfig config) {
            this.config = config;
        }

        @Override
        public void stateChanged(ServiceState state, Duration waitHint) {
            if (state == ServiceState.STOPPED) {
                return; // reported with its exit codes once the output is closed and the events are written
            }
            reporter.report(state, waitHint);
            if (published != null) {
                published.stateChanged(state, waitHint);
            }
            SessionSupervision m = sessions;
            if (m != null && state == ServiceState.RUNNING && previous == ServiceState.START_PENDING) {
                // SESSIONCHANGE was not accepted while START_PENDING: a logon in that moment is looked for now.
                m.recheck();
            }
            if (state == ServiceState.STOP_PENDING && !stoppingAnnounced) {
                stoppingAnnounced = true;
                String reason = stopReason;
                events.post(texts.stopping(reason == null ? "a stop request" : reason));
            } else if (state == ServiceState.PAUSED && previous == ServiceState.PAUSE_PENDING) {
                events.post(texts.paused(config.pauseMode() == PauseMode.SUSPEND));
            } else if (state == ServiceState.RUNNING && previous == ServiceState.CONTINUE_PENDING) {
                events.post(texts.continued());
            }
            previous = state;
        }

        @Override
        public void childStarted(long pid, String commandLine) {
            events.post(texts.childStarted(pid, commandLine));
            if (published != null) {
                published.childStarted(pid, commandLine);
            }
        }

        @Override
        public void restarting(long pid, RestartReason reason, String detail) {
            events.post(texts.restarting(pid, reason, detail));
            if (published != null) {
                published.restarting(pid, reason, detail);
            }
        }

        @Override
        public void limitBreached(long pid, LimitBreach breach) {
            events.post(texts.limitReached(pid, breach, config.limits().memoryAction()));
            if (published != null) {
                published.limitBreached(pid, breach);
            }
        }

        @Override
        public void childEndedWithSession(long pid, java.util.OptionalInt exitCode) {
            events.post(texts.sessionEnded(pid, exitCode));
            reportLostOutput();
            if (published != null) {
                published.childEndedWithSession(pid, exitCode);
            }
        }

        @Override
        public void childWarning(long pid, String warning) {
            events.post(texts.childWarning(pid, warning));
        }

        @Override
        public void childExited(long pid, int exitCode, Duration runTime, ExitDecision decision) {
            events.post(texts.childExited(pid, exitCode, runTime, decision));
            reportLostOutput();
            if (published != null) {
                published.childExited(pid, exitCode, runTime, decision);
            }
            if (decision instanceof ExitDecision.Restart r && !r.delay().isZero()) {
                events.post(texts.restartDelayed(r.delay(), r.unhealthyRuns(), config.throttle()));
            }
        }

        @Override
        public void programReady(long pid, Duration after, String seen) {
            events.post(texts.programReady(pid, after, seen));
        }

        @Override
        public void programNotReady(long pid, String check, String seen, Duration timeout, boolean stopping) {
            if (stopping) {
                stopReason = "its program was not ready within AppReadyTimeout";
            }
            events.post(texts.programNotReady(pid, check, seen, timeout, stopping));
        }

        @Override
        public void healthChecked(long pid, String check, boolean passed, String seen, int failuresInRow) {
            if (published != null) {
                published.healthChecked(pid, check, passed, seen, failuresInRow);
            }
        }

        @Override
        public void healthCheckFailed(long pid, String check, String seen, int failures) {
            events.post(texts.healthFailed(pid, check, seen, failures));
        }

        @Override
        public void startConditionTimedOut(String check, String seen, Duration waited) {
            events.post(texts.startConditionTimedOut(check, seen, waited));
        }
    }
}
