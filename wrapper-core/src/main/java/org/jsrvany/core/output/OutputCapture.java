package org.jsrvany.core.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures a child's stdout and stderr into files (with rotation and retention) or onto console
 * streams, one child run after another, without losing, duplicating, reordering or tearing a line.
 *
 * <p>Use: {@link #open} once per service run (it takes each output file's lock and opens the files:
 * a failure there means the service should not start); {@link #attach} for each child run (right
 * after the child started); {@link #awaitDrained} after the child exited; {@link #close} at the end.
 *
 * <p>After {@link #open}, nothing the destinations do stops the child: a file that cannot be opened
 * at a restart, or written (disk full, deleted, locked, read-only), is retried about once a second
 * while the child's pipes keep being drained; the bytes that could not be written are counted
 * ({@link #bytesLost()}), noted in the file where writing resumes, logged, and the first failure is
 * kept for {@link #failure()}.
 *
 * <p>How lines are written (whole up to 1 MiB, longer ones cut with a marker, an unfinished last line
 * of a run completed with a line end) is described in {@link LineMux}.
 */
public final class OutputCapture implements AutoCloseable, ChildOutput {

    private static final Logger LOG = LoggerFactory.getLogger(OutputCapture.class);
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    /**
     * Pump threads, reused from one child run to the next. A thread per run cost megabytes of heap per
     * restart: every new thread takes a fresh allocation buffer from the young generation and leaves it
     * mostly unused when it ends, so a program restarting ten times a second grew the heap by hundreds
     * of megabytes between collections. Daemon threads: a grandchild holding a pipe open must not keep
     * the JVM alive. An idle thread ends after a minute.
     */
    private static final ExecutorService PUMP_THREADS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "jsrvany-output-idle");
        thread.setDaemon(true);
        return thread;
    });

    private final LineMux stdout;
    private final LineMux stderr;
    private final List<OutputLock> locks;
    /** What {@link #open} created; removed again by {@link #close} if no run was ever attached. */
    private final Leftovers made;
    private final Failures failures;
    private final LongAdder droppedByPumps = new LongAdder();
    private final Object lock = new Object();
    private final List<Run> unfinished = new ArrayList<>(); // guarded by lock
    private Run current; // guarded by lock
    private int runCount; // guarded by lock
    private volatile boolean closed;
    /** AppRotateOnline: only then does a rotation asked for now (control 128) rotate, as in NSSM. */
    private final boolean rotateOnline;
    /** AppOutputCodePage: decode the program's output from this charset into UTF-8; null = bytes unchanged. */
    private final java.nio.charset.Charset decodeFrom;

    /** AppStdout / AppStderr is a file: hooks' lines may go there (AppRedirectHook). */
    private final boolean stdoutFile;
    private final boolean stderrFile;

    private record Run(CountDownLatch drained, List<InputStream> inputs) {
    }

    private OutputCapture(LineMux stdout, LineMux stderr, List<OutputLock> locks, Leftovers made, Failures failures,
                          OutputSettings settings) {
        this.rotateOnline = settings.rotateOnline();
        this.decodeFrom = settings.extras().decodeFrom();
        this.stdoutFile = settings.stdout() != null;
        this.stderrFile = settings.stderr() != null;
        this.stdout = stdout;
        this.stderr = stderr;
        this.locks = locks;
        this.made = made;
        this.failures = failures;
    }

    /**
     * Takes the lock of each output file ({@code <file>.lock} beside it: one wrapper writes a file), then
     * rotates at start (if configured) and opens the files, creating their folders. This is the first
     * start's check: a file that cannot be opened here should stop the service from starting, as NSSM
     * does; later runs never fail on their files (see {@link #attach}).
     *
     * <p>Nothing half-done is left behind: folders, lock files and output files this call creates are
     * removed again if it fails, and by {@link #close} if no program run was ever attached (the program
     * could not be started).
     *
     * <p>Timestamps ({@code AppTimestampLog}) apply to files only; console streams get the child's
     * lines unchanged (line ends are still added where a line is cut or left unfinished).
     *
     * @param consoleOut where stdout goes when {@code settings.stdout()} is null; null = discard
     * @param consoleErr where stderr goes when {@code settings.stderr()} is null; null = discard. The
     *                   same stream as {@code consoleOut} is shared line by line, like a combined file
     * @throws IOException when a file cannot be opened, or another wrapper (or capture) writes it; the
     *                     message names the file and, for a lock, the other wrapper's pid
     */
    public static OutputCapture open(OutputSettings settings, Clock clock, PrintStream consoleOut,
                                     PrintStream consoleErr) throws IOException {
        return open(settings, clock, consoleOut, consoleErr, RotationListener.NONE);
    }

    /** {@link #open(OutputSettings, Clock, PrintStream, PrintStream)}, telling {@code rotation} around every rotation. */
    public static OutputCapture open(OutputSettings settings, Clock clock, PrintStream consoleOut,
                                     PrintStream consoleErr, RotationListener rotation) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Path outPath = absolute(settings.stdout());
        Path errPath = absolute(settings.stderr());
        boolean combined = outPath != null && errPath != null && samePath(outPath, errPath, WINDOWS);
        Failures failures = new Failures();
        List<OutputLock> locks = new ArrayList<>();
        List<LineMux> opened = new ArrayList<>();
        Leftovers made = new Leftovers();
        try {
            LineMux out;
            if (outPath != null) {
                out = fileMux(outPath, settings.stdoutAppend(), settings.extras().stdoutCopyAndTruncate(), settings,
                        clock, failures, locks, made, rotation);
                opened.add(out);
            } else {
                out = consoleMux(consoleOut, "stdout", clock, failures);
            }
            LineMux err;
            if (errPath != null) {
                err = combined ? out
                        : fileMux(errPath, settings.stderrAppend(), settings.extras().stderrCopyAndTruncate(), settings,
                                clock, failures, locks, made, rotation);
                opened.add(err);
            } else if (outPath == null && consoleErr != null && consoleErr == consoleOut) {
                err = out;
            } else {
                err = consoleMux(consoleErr, "stderr", clock, failures);
            }
            LOG.debug("Child stdout goes to {}, stderr to {}", outPath != null ? outPath : "console",
                    errPath != null ? errPath : "console");
            return new OutputCapture(out, err, List.copyOf(locks), made, failures, settings);
        } catch (IOException | RuntimeException e) {
            opened.forEach(LineMux::close);
            made.remove(locks);
            throw e;
        }
    }

    /**
     * Creates the file's missing folders, takes its lock, then opens it (rotating at start first, if
     * configured), noting in {@code made} what did not exist before. A failure names the file and why.
     */
    private static LineMux fileMux(Path path, boolean append, boolean copyAndTruncate, OutputSettings settings,
                                   Clock clock, Failures failures, List<OutputLock> locks, Leftovers made,
                                   RotationListener rotation)
            throws IOException {
        TimestampFormat timestamps = settings.timestamps() ? new TimestampFormat(clock.getZone()) : null;
        LineMux mux = new LineMux(new FileSink(path, append, settings, WINDOWS, copyAndTruncate, rotation), clock, timestamps,
                failures,
                System.lineSeparator());
        try {
            made.folders.addAll(FileSink.createFolders(path.getParent())); // the lock file lives there too
            OutputLock lock = OutputLock.acquire(path, WINDOWS);
            if (lock != null) {
                locks.add(lock);
            }
        } catch (OutputInUseException e) {
            throw e;
        } catch (IOException e) {
            throw FileSink.explainedFor(path, e);
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            made.files.add(path); // removed again only while it is still empty
        }
        mux.open(); // the failure already says which file and why (FileSink.explained)
        return mux;
    }

    private static LineMux consoleMux(PrintStream stream, String name, Clock clock, Failures failures) {
        Sink sink = stream == null ? Sink.discard() : new PrintStreamSink(stream, name);
        return new LineMux(sink, clock, null, failures, System.lineSeparator());
    }

    /**
     * Prints one of the wrapper's own lines (a line end is added) to a console stream, between the
     * program's lines: every capture writes whole lines to the console, under the same lock as this.
     */
    public static void printLine(PrintStream stream, String line) {
        synchronized (PrintStreamSink.CONSOLE) {
            stream.print(line + System.lineSeparator());
            stream.flush();
        }
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
     * Starts capturing one child run: rotation at start (if configured) and reopening of files that are
     * closed or gone (the first run's were opened by {@link #open}), then one daemon pump thread per
     * stream until EOF. The capture owns the streams from now on (a pump
     * closes its stream at EOF; {@link #close} closes streams still open).
     *
     * <p>Never fails on a destination: a file that cannot be rotated or reopened now is logged and
     * retried as output comes, its lines counted as lost meanwhile; the child keeps running.
     *
     * @param childStdout the child's stdout, or null if not captured (already merged, inherited...)
     * @param childStderr the child's stderr, or null likewise
     */
    @Override
    public void attach(InputStream childStdout, InputStream childStderr) {
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

    @Override
    public boolean writesFile(boolean stderr) {
        return stderr ? stderrFile : stdoutFile;
    }

    /** A hook's line into the stdout or stderr file (AppRedirectHook), decoded like the program's with AppOutputCodePage. */
    @Override
    public void hookLine(boolean stderr, byte[] line, int length) {
        if (!writesFile(stderr)) {
            throw new UnsupportedOperationException((stderr ? "stderr" : "stdout") + " is not written to a file");
        }
        byte[] bytes = line;
        int n = length;
        if (decodeFrom != null) {
            bytes = new String(line, 0, length, decodeFrom).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            n = bytes.length;
        }
        (stderr ? this.stderr : this.stdout).acceptLine(bytes, n);
    }

    private void startPump(InputStream child, LineMux mux, String stream, int number, Run run) {
        InputStream in = decodeFrom == null ? child : new DecodingInputStream(child, decodeFrom);
        Pump pump = new Pump(in, mux, mux.newSource(stream), failures, droppedByPumps::add, () -> closed,
                run.drained());
        String name = "jsrvany-output-" + number + "-" + stream;
        PUMP_THREADS.execute(() -> {
            Thread thread = Thread.currentThread();
            thread.setName(name);
            try {
                pump.run();
            } finally {
                thread.setName("jsrvany-output-idle");
            }
        });
    }

    /**
     * Rotates every output file now, at a line boundary (NSSM's service control 128, {@code jsrvany rotate}):
     * only when {@code AppRotateOnline=1}, as NSSM does; otherwise the request is logged and nothing
     * changes. A file that is empty is not rotated. Runs on the caller's thread and may wait for a write in
     * progress; {@link #requestRotation} does not wait.
     *
     * @return how many files were rotated (or tried: a failed rotation is logged and keeps the file)
     */
    public int rotateNow() {
        if (closed) {
            return 0;
        }
        if (!rotateOnline) {
            LOG.warn("Rotation asked for, but AppRotateOnline is 0: the output files are not rotated while the program"
                    + " runs (as in NSSM). Set AppRotateOnline=1 to allow it.");
            return 0;
        }
        int rotated = stdout.rotateNow() ? 1 : 0;
        if (stderr != stdout && stderr.rotateNow()) {
            rotated++;
        }
        return rotated;
    }

    /** {@link #rotateNow} on another thread; returns at once (for a service control handler or a signal). */
    public void requestRotation() {
        PUMP_THREADS.execute(() -> {
            try {
                LOG.info("Rotation of the output files asked for");
                rotateNow();
            } catch (RuntimeException e) {
                LOG.error("Rotating the output files failed", e);
            }
        });
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
     * How many bytes of the program's output could not be written since {@link #open}: refused by a
     * failing destination (disk full, write refused, file that could not be opened), written to a file
     * that was deleted or replaced meanwhile (the last second's worth), or arriving after {@link #close}.
     * Timestamps and markers jsrvany adds are not counted. A failed read from the program's pipe is
     * reported by {@link #failure()} but its size cannot be known. Grows only; safe to call any time,
     * also after {@link #close}.
     */
    public long bytesLost() {
        long total = stdout.bytesLost() + droppedByPumps.sum();
        return stderr == stdout ? total : total + stderr.bytesLost();
    }

    /**
     * Writes what is buffered (an unfinished last line with a line end added), flushes and closes the
     * files, releases their locks, and closes child streams still being read (output arriving later is
     * discarded with a warning and counted as lost). Idempotent.
     */
    @Override
    public void close() {
        List<Run> running;
        boolean neverRan;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            neverRan = runCount == 0;
            running = new ArrayList<>(unfinished);
            unfinished.clear();
        }
        stdout.close();
        stderr.close();
        if (neverRan) {
            made.remove(locks); // the program never started: leave nothing behind
        } else {
            locks.forEach(OutputLock::close);
        }
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

    /**
     * What {@link #open} created: folders, and output files that did not exist. Removed again (files only
     * while still empty, folders only while empty) when opening fails, or when the capture closes
     * without a run: a program that could not be started leaves no folder or empty file behind. Lock
     * files are removed only with a folder that was created here.
     */
    private static final class Leftovers {
        private final List<Path> folders = new ArrayList<>();
        private final List<Path> files = new ArrayList<>();

        /** Closes {@code locks}, then removes what was made. */
        void remove(List<OutputLock> locks) {
            for (Path file : files) {
                try {
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == 0) {
                        Files.delete(file);
                    }
                } catch (IOException e) {
                    LOG.debug("Could not remove {}, created for a program that never ran: {}", file, e.toString());
                }
            }
            for (OutputLock lock : locks) {
                if (folders.contains(lock.file().getParent())) {
                    lock.closeAndDelete(); // its folder goes too
                } else {
                    lock.close(); // lock files stay (see OutputLock)
                }
            }
            List<Path> deepestFirst = new ArrayList<>(folders);
            deepestFirst.sort(Comparator.comparingInt(Path::getNameCount).reversed());
            for (Path folder : deepestFirst) {
                try {
                    Files.deleteIfExists(folder);
                } catch (DirectoryNotEmptyException e) {
                    LOG.debug("Keeping {}: something else was put in it meanwhile", folder);
                } catch (IOException e) {
                    LOG.warn("Could not remove the folder {}, created for output that was never written", folder, e);
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
