package org.jsrvany.core.supervisor;

import java.io.InputStream;
import java.time.Duration;

/** Where a child run's output streams go (the output capture, adapted by the caller). */
public interface ChildOutput {

    /**
     * Starts copying one run's streams; either may be null.
     *
     * @throws java.io.IOException when the destination cannot be opened; nothing was read then
     */
    void attach(InputStream stdout, InputStream stderr) throws java.io.IOException;

    /** Waits until the run's streams reached their end and were written; false on timeout. */
    boolean awaitDrained(Duration timeout) throws InterruptedException;
}
