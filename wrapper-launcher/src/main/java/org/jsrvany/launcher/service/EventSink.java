package org.jsrvany.launcher.service;

import java.time.Duration;

/** Where lifecycle events go: the Application log on Windows, a list in tests. */
interface EventSink {

    /** Queues one event; never blocks on the event log and never throws. */
    void post(EventMessage event);

    /** Waits until every posted event was written (or given up on); false if {@code timeout} passed first. */
    boolean flush(Duration timeout);

    /**
     * Writes what is queued (bounded), then releases the log; later events are dropped. Idempotent.
     * The service calls it before reporting STOPPED, never after.
     */
    default void close() {
        flush(ServiceRun.EVENT_FLUSH);
    }

    /** Writes nothing. */
    static EventSink none() {
        return new EventSink() {
            @Override
            public void post(EventMessage event) {
            }

            @Override
            public boolean flush(Duration timeout) {
                return true;
            }
        };
    }
}
