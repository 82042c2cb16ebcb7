package org.jsrvany.launcher.service;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jsrvany.core.win32.eventlog.EventLogSource;
import org.jsrvany.core.win32.eventlog.EventLogWriter;
import org.jsrvany.core.win32.Win32CallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events to the Application log, written by one thread of its own so that neither the supervisor
 * nor the dispatcher ever waits for the event log. Each event written is noted in the wrapper's log
 * (one short line with its id, to correlate the two); a failure to write is logged once and never
 * affects the service.
 */
final class WindowsEventSink implements EventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsEventSink.class);

    private final String source;
    private final EventLogWriter writer;
    private final ExecutorService thread;
    private boolean warned; // only touched by the writing thread

    private WindowsEventSink(String source, EventLogWriter writer) {
        this.source = source;
        this.writer = writer;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jsrvany-eventlog");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The source named after the service when it is registered for plain text, else
     * {@value EventLogSource#FALLBACK_SOURCE} when that one is, else the service's name anyway (the
     * events are still written; Event Viewer then shows them after its "description cannot be
     * found" preamble).
     */
    static String chooseSource(String serviceName, Predicate<String> usable) {
        if (usable.test(serviceName)) {
            return serviceName;
        }
        return usable.test(EventLogSource.FALLBACK_SOURCE) ? EventLogSource.FALLBACK_SOURCE : serviceName;
    }

    /** Opens the Application log for the service; never fails (without a log, events are only logged). */
    static WindowsEventSink open(String serviceName) {
        String source = chooseSource(serviceName, EventLogSource::isUsable);
        if (!EventLogSource.isUsable(source)) {
            LOG.info("The event source '{}' is not registered; Event Viewer will show jsrvany's events after a"
                    + " \"description cannot be found\" preamble (the installer registers it)", source);
        }
        EventLogWriter writer = null;
        try {
            writer = EventLogWriter.open(source);
        } catch (Win32CallException e) {
            LOG.warn("The Application event log cannot be opened; events go to this log only: {}", e.getMessage());
        }
        return new WindowsEventSink(source, writer);
    }

    @Override
    public void post(EventMessage event) {
        try {
            thread.execute(() -> write(event));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            LOG.info("Event {} after the event log was closed: {}", event.id(), event.text());
        }
    }

    private void write(EventMessage event) {
        if (writer == null) {
            return;
        }
        try {
            writer.write(event.level(), event.id(), event.text());
            LOG.info("Wrote event {} ({}) to the Application log as '{}'", event.id(), event.level(), source);
        } catch (RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn("Writing to the Application event log failed (further failures are not logged): {}", e.getMessage());
            }
        }
    }

    @Override
    public boolean flush(Duration timeout) {
        try {
            thread.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            return false;
        }
    }

    /** Writes what is queued (bounded), then releases the log. Idempotent. */
    @Override
    public void close() {
        flush(ServiceRun.EVENT_FLUSH);
        thread.shutdown();
        if (writer != null) {
            try {
                writer.close();
            } catch (Win32CallException e) {
                LOG.debug("DeregisterEventSource failed: {}", e.getMessage());
            }
        }
    }
}
