package org.jsrvany.core.status;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.jsrvany.core.supervisor.ExitDecision;
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
    private boolean failing;
    private LongSupplier outputBytesLost = () -> 0;

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

    @Override
    public synchronized void stateChanged(ServiceState state, Duration waitHint) {
        // The SCM reports the state itself; the file carries only what the SCM cannot know.
    }

    @Override
    public synchronized void childStarted(long pid, String commandLine) {
        launches++;
        childPid = OptionalLong.of(pid);
        childStarted = Optional.of(clock.instant());
        publish();
    }

    @Override
    public synchronized void childExited(long pid, int exitCode, Duration runTime, ExitDecision decision) {
        childPid = OptionalLong.empty();
        childStarted = Optional.empty();
        lastExitCode = OptionalLong.of(Integer.toUnsignedLong(exitCode));
        lastExitTime = Optional.of(clock.instant());
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
        childPid = OptionalLong.empty();
        childStarted = Optional.empty();
        publish();
    }

    private void publish() {
        PublishedStatus status = new PublishedStatus(service, wrapperPid, wrapperStarted, childPid, childStarted,
                Math.max(0, launches - 1), lastExitCode, lastExitTime, clock.instant(),
                Math.max(0, outputBytesLost.getAsLong()));
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
