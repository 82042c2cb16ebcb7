package org.jsrvany.core.output;

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

    /**
     * The sentence for an output file that cannot be opened before the first start (later failures are
     * retried, not fatal): what failed and what to check, the same in the service and the foreground.
     */
    static String cannotOpen(java.io.IOException e) {
        return "The output file cannot be opened (" + e.getMessage() + "): check AppStdout/AppStderr and that the"
                + " account the program runs as can write to that folder.";
    }

    /**
     * Whether the program's stdout (or stderr) is written to a file ({@code AppStdout}/{@code AppStderr}),
     * so that {@link #hookLine} can put a hook's line there ({@code AppRedirectHook}).
     */
    default boolean writesFile(boolean stderr) {
        return false;
    }

    /**
     * Writes one line of a hook's output into the program's stdout (or stderr) file as a unit of its own,
     * between the program's whole lines (a program line still incomplete stays buffered whole): with the
     * file's timestamps, rotation and loss count. {@code line[0, length)} is the line with its own line
     * end, or without one (then the file's line end is added). Never throws for a write failure.
     *
     * @throws UnsupportedOperationException when {@link #writesFile} is false for that stream
     */
    default void hookLine(boolean stderr, byte[] line, int length) {
        throw new UnsupportedOperationException("this output does not write " + (stderr ? "stderr" : "stdout") + " to a file");
    }
}
