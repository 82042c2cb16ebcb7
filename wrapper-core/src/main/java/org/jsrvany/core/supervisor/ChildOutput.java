package org.jsrvany.core.supervisor;

import java.io.InputStream;
import java.time.Duration;

/** Where a child run's output streams go (the output capture, adapted by the caller). */
public interface ChildOutput {

    /**
     * Starts copying one run's streams; either may be null.
     *
     * <p>Contract: once a run has been attached, a destination that fails (cannot be reopened at a
     * restart, disk full, deleted) must not end the service: the implementation keeps draining the
     * streams, counts what it could not write and retries. Throwing is for "nothing can be captured at
     * all", which the supervisor treats as a launch failure (it kills the new child and ends the
     * service). {@code OutputCapture} checks its files when it is opened, before the first launch, and
     * never throws here.
     *
     * @throws java.io.IOException when the destination cannot be opened; nothing was read then
     */
    void attach(InputStream stdout, InputStream stderr) throws java.io.IOException;

    /** Waits until the run's streams reached their end and were written; false on timeout. */
    boolean awaitDrained(Duration timeout) throws InterruptedException;
}
