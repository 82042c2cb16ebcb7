package org.jsrvany.core.output;

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

    /**
     * The sentence for an output file that cannot be opened: what failed and what to check. The same
     * sentence whether it happens before the first start or at a restart, in the service or the foreground.
     */
    static String cannotOpen(java.io.IOException e) {
        return "The output file cannot be opened (" + e.getMessage() + "): check AppStdout/AppStderr and that the"
                + " account the program runs as can write to that folder.";
    }
}
