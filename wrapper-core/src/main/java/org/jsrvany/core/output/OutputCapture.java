package org.jsrvany.core.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures a child's stdout and stderr into files (with rotation and retention) or onto console
 * streams, one child run after another, without losing, duplicating, reordering or tearing a line.
 *
 * <p>Use: {@link #open} once per service run; {@link #attach} for each child run (right after the
 * child started); {@link #awaitDrained} after the child exited; {@link #close} at the end.
 * Write failures never block the child: its pipes keep being drained, the failure is logged and kept
 * for {@link #failure()}.
 */
public final class OutputCapture implements AutoCloseable, ChildOutput {

    private static final Logger LOG = LoggerFactory.getLogger(OutputCapture.class);
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private final LineMux stdout;
    private final LineMux stderr;
    private final Failures failures;
    private final Object lock = new Object();
    private final List<Run> unfinished = new ArrayList<>(); // guarded by lock
    private Run current; // guarded by lock
    private int runCount; // guarded by lock
    private volatile boolean closed;

    private record Run(CountDownLatch drained, List<InputStream> inputs) {
    }

    private OutputCapture(LineMux stdout, LineMux stderr, Failures failures) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.failures = failures;
    }

    /**
     * Prepares the destinations and creates the output files' folders. Files are opened (after
     * rotation at start, if configured) by the first {@link #attach}, so that an old file is rotated
     * before a CREATE_ALWAYS disposition could truncate it.
     *
     * <p>Timestamps ({@code AppTimestampLog}) apply to files only; console streams get the child's
     * bytes unchanged.
     *
     * @param consoleOut where stdout goes when {@code settings.stdout()} is null; null = discard
     * @param consoleErr where stderr goes when {@code settings.stderr()} is null; null = discard. The
     *                   same stream as {@code consoleOut} is shared line by line, like a combined file
     */
    public static OutputCapture open(OutputSettings settings, Clock clock, PrintStream consoleOut,
                                     PrintStream consoleErr) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Path outPath = absolute(settings.stdout());
        Path errPath = absolute(settings.stderr());
        for (Path path : new Path[] {outPath, errPath}) {
            if (path != null && path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
        }
        Failures failures = new Failures();
        LineMux out = outPath != null
                ? fileMux(outPath, settings.stdoutAppend(), settings, clock, failures)
                : consoleMux(consoleOut, "stdout", clock, failures);
        LineMux err;
        if (errPath != null) {
            err = outPath != null && samePath(outPath, errPath, WINDOWS)
                    ? out
                    : fileMux(errPath, settings.stderrAppend(), settings, clock, failures);
        } else if (outPath == null && consoleErr != null && consoleErr == consoleOut) {
            err = out;
        } else {
            err = consoleMux(consoleErr, "stderr", clock, failures);
        }
        LOG.debug("Child stdout goes to {}, stderr to {}", outPath != null ? outPath : "console",
                errPath != null ? errPath : "console");
        return new OutputCapture(out, err, failures);
    }

    private static LineMux fileMux(Path path, boolean append, OutputSettings settings, Clock clock,
                                   Failures failures) {
        TimestampFormat timestamps = settings.timestamps() ? new TimestampFormat(clock.getZone()) : null;
        return new LineMux(new FileSink(path, append, settings), clock, timestamps, failures);
    }

    private static LineMux consoleMux(PrintStream stream, String name, Clock clock, Failures failures) {
        Sink sink = stream == null ? Sink.discard() : new PrintStreamSink(stream, name);
        return new LineMux(sink, clock, null, failures);
    }

    private static Path absolute(Path path) {
        return path == null ? null : path.toAbsolutePath().normalize();
    }

    /** Whether two output paths name the same file: normalised absolute paths, case-insensitive on Windows. */
    static boolean samePath(Path a, Path b, boolean ignoreCase) {
        String x = a.toAbsolutePath().normalize().toString();
        String y = b.toAbsolutePath().normalize().toString();
        return ignoreCase ? x.equalsIgnoreCase(y) : x.equals(y);
    }

    /**
     * Starts capturing one child run: first rotation at start (if configured) and opening of the files,
     * then one daemon pump thread per stream until EOF. The capture owns the streams from now on (a pump
     * closes its stream at EOF; {@link #close} closes streams still open).
     *
     * @param childStdout the child's stdout, or null if not captured (already merged, inherited...)
     * @param childStderr the child's stderr, or null likewise
     * @throws IOException if an output file cannot be opened; then no stream has been touched, and the
     *                     caller should stop the child (as NSSM refuses to start it)
     */
    public void attach(InputStream childStdout, InputStream childStderr) throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("output capture is closed");
            }
            if (childStdout != null) {
                stdout.startRun();
            }
            if (childStderr != null && (stderr != stdout || childStdout == null)) {
                stderr.startRun();
            }
            unfinished.removeIf(run -> run.drained().getCount() == 0);
            int number = ++runCount;
            List<InputStream> inputs = new ArrayList<>(2);
            if (childStdout != null) {
                inputs.add(childStdout);
            }
            if (childStderr != null) {
                inputs.add(childStderr);
            }
            Run run = new Run(new CountDownLatch(inputs.size()), List.copyOf(inputs));
            if (childStdout != null) {
                startPump(childStdout, stdout, "stdout", number, run);
            }
            if (childStderr != null) {
                startPump(childStderr, stderr, "stderr", number, run);
            }
            current = run;
            unfinished.add(run);
        }
    }

    private void startPump(InputStream in, LineMux mux, String stream, int number, Run run) {
        Pump pump = new Pump(in, mux, mux.newSource(stream), failures, () -> closed, run.drained());
        Thread thread = new Thread(pump, "jsrvany-output-" + number + "-" + stream);
        thread.setDaemon(true); // a grandchild holding the pipe open must not keep the JVM alive
        thread.start();
    }

    /**
     * Waits until both streams of the latest run reached EOF and everything read from them is written
     * and flushed (handed to the OS). True at once if nothing was attached.
     *
     * @return false if the timeout passed first (e.g. a grandchild still holds the pipe open)
     */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        Run run;
        synchronized (lock) {
            run = current;
        }
        return run == null || run.drained().await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * The first failure since {@link #open} (later ones attached as suppressed), if any: a read from the
     * child or a write to a destination failed, so some output may be missing. Details are in the log.
     */
    public Optional<IOException> failure() {
        return failures.first();
    }

    /**
     * Writes what is buffered (even an unfinished last line), flushes and closes the files, and closes
     * child streams still being read (output arriving later is discarded with a warning). Idempotent.
     */
    @Override
    public void close() {
        List<Run> running;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            running = new ArrayList<>(unfinished);
            unfinished.clear();
        }
        stdout.close();
        stderr.close();
        for (Run run : running) {
            if (run.drained().getCount() == 0) {
                continue;
            }
            LOG.warn("Closing output capture while the child's output is still open (a grandchild may hold it)");
            for (InputStream in : run.inputs()) {
                try {
                    in.close();
                } catch (IOException e) {
                    LOG.warn("Closing a child output stream failed", e);
                }
            }
        }
    }

    /** First failure plus a bounded number of later ones. */
    private static final class Failures implements Consumer<IOException> {
        private static final int MAX_SUPPRESSED = 16;
        private IOException first;
        private int later;

        @Override
        public synchronized void accept(IOException e) {
            if (first == null) {
                first = new IOException("capturing the child's output failed: " + e.getMessage(), e);
            } else if (later++ < MAX_SUPPRESSED) {
                first.addSuppressed(e);
            }
        }

        synchronized Optional<IOException> first() {
            return Optional.ofNullable(first);
        }
    }
}
