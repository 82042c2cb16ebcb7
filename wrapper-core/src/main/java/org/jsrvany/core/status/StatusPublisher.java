package org.jsrvany.core.status;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jsrvany.core.process.LimitBreach;
import org.jsrvany.core.process.TreeUsage;
import org.jsrvany.core.service.ExitCodeNames;
import org.jsrvany.core.supervisor.ExitDecision;
import org.jsrvany.core.supervisor.RestartReason;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.ServiceState;
import org.jsrvany.core.supervisor.SupervisorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer side of {@link PublishedStatus}: listens to the supervisor and rewrites the status file
 * when the wrapper starts, when a child starts or exits, and when the service stops. A failed write
 * is logged once per run of failures and never affects the service. Lost output is read from the
 * source given to {@link #watchOutputLoss} at each write.
 */
public final class StatusPublisher implements SupervisorListener {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);

    private final Path file;
    private final String service;
    private final long wrapperPid;
    private final Instant wrapperStarted;
    private final Clock clock;
    private OptionalLong childPid = OptionalLong.empty();
    private Optional<Instant> childStarted = Optional.empty();
    private long launches;
    private OptionalLong lastExitCode = OptionalLong.empty();
    private Optional<Instant> lastExitTime = Optional.empty();
    private Optional<Instant> restartAt = Optional.empty();
    private boolean failing;
    private LongSupplier outputBytesLost = () -> 0;
    private final boolean windows = System.getProperty("os.name", "").startsWith("Windows");
    private Optional<String> state = Optional.empty();
    private Supplier<Optional<TreeUsage>> usage = Optional::empty;
    private Supplier<Optional<Instant>> nextScheduledRestart = Optional::empty;
    private long memoryLimitBreaches;
    private long scheduledRestarts;
    private long memoryLimitRestarts;
    private long healthRestarts;
    private Optional<HealthResult> health = Optional.empty();
    private Scheduler.Cancellable refresh;
    private Path metricsFile;
    private boolean metricsFailing;
    private boolean ended;
    private Optional<UserSessionStatus> userSession = Optional.empty();

    /**
     * Creates the publisher and writes the first file (no child yet).
     *
     * @param file       where to publish, normally {@code PublishedStatus.file(SecureFolder.programData(), name)}
     * @param service    the service name
     * @param wrapperPid the pid of this (the service) process
     * @param clock      the time source
     */
    public StatusPublisher(Path file, String service, long wrapperPid, Clock clock) {
        this.file = file;
        this.service = service;
        this.wrapperPid = wrapperPid;
        this.clock = clock;
        this.wrapperStarted = clock.instant();
        publish();
    }

    /**
     * Where the count of lost output comes from ({@code OutputCapture::bytesLost}), read at every write
     * of the file from now on. Writes the file at once if output was already lost.
     */
    public synchronized void watchOutputLoss(LongSupplier bytesLost) {
        this.outputBytesLost = java.util.Objects.requireNonNull(bytesLost, "bytesLost");
        if (bytesLost.getAsLong() > 0) {
            publish();
        }
    }

    /**
     * Where the tree's usage and the next scheduled restart come from ({@code Supervisor::usage},
     * {@code Supervisor::nextScheduledRestart}), read at every write of the file from now on.
     */
    public synchronized void watchSupervisor(Supplier<Optional<TreeUsage>> usage,
                                             Supplier<Optional<Instant>> nextScheduledRestart) {
        this.usage = java.util.Objects.requireNonNull(usage, "usage");
        this.nextScheduledRestart = java.util.Objects.requireNonNull(nextScheduledRestart, "nextScheduledRestart");
    }

    /** Also writes the Prometheus text exposition to {@code file} at every write ({@code AppMetricsFile}). */
    public synchronized void writeMetricsTo(Optional<Path> file) {
        this.metricsFile = file.orElse(null);
        if (metricsFile != null) {
            publish();
        }
    }

    /**
     * Also rewrites the file every {@code interval} ({@code AppStatusInterval}) until the service ends, so that
     * memory and CPU stay current; a zero interval writes only on events (the default).
     */
    public synchronized void refreshEvery(Duration interval, Scheduler scheduler) {
        if (interval.isZero() || interval.isNegative() || ended) {
            return;
        }
        refresh = scheduler.schedule(interval, () -> {
            synchronized (this) {
                if (!ended) {
                    publish();
                    refreshEvery(interval, scheduler);
                }
            }
        });
    }

    /**
     * Where the program of an {@code AppSession} Console or Active service runs now, or that it waits for a logon
     * (from the service's session machine); written at once and with every later write.
     */
    public synchronized void userSession(UserSessionStatus where) {
        Optional<UserSessionStatus> now = Optional.of(java.util.Objects.requireNonNull(where, "where"));
        if (!now.equals(userSession)) {
            userSession = now;
            publish();
        }
    }

    @Override
    public synchronized void stateChanged(ServiceState state, Duration waitHint) {
        // The SCM reports its own view; the file adds the supervisor's (WAITING_TO_RESTART, for one).
        String name = state.name();
        if (!this.state.equals(Optional.of(name))) {
            this.state = Optional.of(name);
            publish();
        }
    }

    @Override
    public synchronized void restarting(long pid, RestartReason reason, String detail) {
        switch (reason) {
            case SCHEDULED -> scheduledRestarts++;
            case MEMORY_LIMIT -> memoryLimitRestarts++;
            case HEALTH_CHECK, OUTPUT_SILENCE, NOT_READY -> healthRestarts++;
        }
        health = health.map(h -> new HealthResult(h.check(), h.passed(), h.seen(), h.at(), h.failuresInRow(),
                healthRestarts));
        publish();
    }

    /**
     * A liveness check looked ({@code AppHealthCheck}): kept for the file, which is rewritten when the verdict
     * changes (pass to fail, another failure in a row), not for every passing look.
     */
    @Override
    public synchronized void healthChecked(long pid, String check, boolean passed, String seen, int failuresInRow) {
        boolean changed = health.map(h -> h.passed() != passed || h.failuresInRow() != failuresInRow).orElse(true);
        health = Optional.of(new HealthResult(check, passed, seen, clock.instant(), failuresInRow, healthRestarts));
        if (changed) {
            publish();
        }
    }

    @Override
    public synchronized void limitBreached(long pid, LimitBreach breach) {
        if (breach.kind() == LimitBreach.Kind.MEMORY) {
            memoryLimitBreaches++;
        }
        publish();
    }

    @Override
    public synchronized void childStarted(long pid, String commandLine) {
        launches++;
        childPid = OptionalLong.of(pid);
        childStarted = Optional.of(clock.instant());
        restartAt = Optional.empty();
        publish();
    }

    @Override
    public synchronized void childExited(long pid, int exitCode, Duration runTime, ExitDecision decision) {
        childPid = OptionalLong.empty();
        childStarted = Optional.empty();
        lastExitCode = OptionalLong.of(Integer.toUnsignedLong(exitCode));
        lastExitTime = Optional.of(clock.instant());
        restartAt = decision instanceof ExitDecision.Restart r && !r.delay().isZero()
                ? Optional.of(lastExitTime.get().plus(r.delay())) : Optional.empty();
        publish();
    }

    /** A run ended with its user's session (AppSession): no child runs now; its exit code is the last one. */
    @Override
    public synchronized void childEndedWithSession(long pid, java.util.OptionalInt exitCode) {
        childPid = OptionalLong.empty();
        childStarted = Optional.empty();
        if (exitCode.isPresent()) {
            lastExitCode = OptionalLong.of(Integer.toUnsignedLong(exitCode.getAsInt()));
            lastExitTime = Optional.of(clock.instant());
        }
        publish();
    }

    @Override
    public synchronized void finished(ServiceOutcome outcome) {
        ended = true;
        if (refresh != null) {
            refresh.cancel();
        }
        state = Optional.of(ServiceState.STOPPED.name());
        childPid = OptionalLong.empty();
        childStarted = Optional.empty();
        restartAt = Optional.empty();
        publish();
    }

    private StatusMetrics metrics() {
        Optional<TreeUsage> u = childPid.isPresent() ? usage.get() : Optional.empty();
        java.util.List<Long> pids = u.map(TreeUsage::pids).filter(l -> !l.isEmpty())
                .orElse(childPid.isPresent() ? java.util.List.of(childPid.getAsLong()) : java.util.List.of());
        return new StatusMetrics(state, pids, u.map(TreeUsage::memoryBytes).orElse(OptionalLong.empty()),
                u.map(TreeUsage::peakMemoryBytes).orElse(OptionalLong.empty()),
                u.map(t -> OptionalLong.of(t.cpuTime().toMillis())).orElse(OptionalLong.empty()),
                memoryLimitBreaches, scheduledRestarts, memoryLimitRestarts,
                childPid.isPresent() && !ended ? nextScheduledRestart.get() : Optional.empty(),
                lastExitCode.isPresent() ? ExitCodeNames.name(lastExitCode.getAsLong(), windows) : Optional.empty(),
                health);
    }

    private void publish() {
        StatusMetrics metrics;
        try {
            metrics = metrics();
        } catch (RuntimeException e) {
            LOG.debug("Cannot measure the child's tree: {}", e.toString());
            metrics = new StatusMetrics(state, java.util.List.of(), OptionalLong.empty(), OptionalLong.empty(),
                    OptionalLong.empty(), memoryLimitBreaches, scheduledRestarts, memoryLimitRestarts, Optional.empty(),
                    Optional.empty(), health);
        }
        PublishedStatus status = new PublishedStatus(service, wrapperPid, wrapperStarted, childPid, childStarted,
                Math.max(0, launches - 1), lastExitCode, lastExitTime, clock.instant(),
                Math.max(0, outputBytesLost.getAsLong()), restartAt, metrics, userSession);
        if (metricsFile != null) {
            try {
                PrometheusText.write(status, metricsFile);
                metricsFailing = false;
            } catch (IOException | RuntimeException e) {
                if (!metricsFailing) {
                    LOG.warn("Cannot write the metrics file {} (AppMetricsFile): {}", metricsFile, e.toString());
                }
                metricsFailing = true;
            }
        }
        try {
            status.write(file);
            failing = false;
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                LOG.warn("Cannot write the status file {} ('jsrvany status' will show less): {}", file, e.toString());
            }
            failing = true;
        }
    }
}
