package org.jsrvany.samples;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jsrvany.samples.FixtureOptions.UsageException;
import org.jsrvany.samples.SignalIgnorer.CannotIgnoreException;

/**
 * The child program every wrapper test runs: a small Java main whose behaviour is chosen by flags.
 *
 * <p>Flags (all optional, combinable; {@code --} ends the flags, what follows is only recorded by
 * {@code --dump}):
 * <ul>
 * <li>{@code --exit-after MS}, {@code --exit-code N}: exit with N (default 0) MS ms after setup, or once the
 *     one-shot work (lines, floods) is done if that takes longer: output is never cut short. Without
 *     {@code --exit-after}, a long-running flag ({@code --tick}, {@code --http}, {@code --spawn-grandchildren},
 *     {@code --sleep-forever}) keeps it running until killed; otherwise it exits with N after its one-shot work.
 * <li>{@code --sleep-forever}; {@code --ignore-sigint} (Ctrl+C on Windows); {@code --ignore-sigterm} (POSIX only).
 * <li>{@code --spawn-grandchildren N}: N copies of the fixture with {@code --sleep-forever} and the same ignore
 *     flags, in the same process group, stdio inherited; the child waits until each is set up.
 * <li>{@code --pids-file PATH}: {@code child <pid>} then {@code grandchild <pid>} lines, written atomically when
 *     all setup (signals, hooks, state, http, grandchildren, dump) is done: it is the readiness marker.
 * <li>{@code --lines N}, {@code --err-lines N}, {@code --line-interval MS}: {@code out <i>} / {@code err <i>},
 *     interleaved when both are given.
 * <li>{@code --tick MS} ({@code tick <i>} at once and then every MS ms), {@code --tick-file PATH} (latest i).
 * <li>{@code --flood BYTES}: exactly BYTES bytes of 100-byte lines {@code flood 000001 xxx...x\n} (a shorter
 *     last line if BYTES is not a multiple of 100); {@code --flood-no-newline BYTES}: BYTES 'x' then one newline.
 * <li>{@code --dump PATH}: Properties (UTF-8) with {@code cwd}, {@code argc}, {@code arg.<i>}, {@code env.<NAME>},
 *     {@code pid}; on Windows also {@code console.cp} and {@code console.outputcp}, the input and output code
 *     pages of its console ({@code GetConsoleCP}, {@code GetConsoleOutputCP}; 0 without a console).
 * <li>{@code --shutdown-marker PATH}: {@code graceful <pid>} written by a shutdown hook when the JVM is stopped
 *     by a signal / Ctrl+C; not written when the fixture exits on its own.
 * <li>{@code --http PORT}: status page on 127.0.0.1 (0 = any port); prints
 *     {@code listening on http://127.0.0.1:<port>/}.
 * <li>{@code --state-file PATH}: start counter incremented at each start.
 * <li>{@code --start-delay MS}: wait MS ms before any setup (a program slow to become ready: the HTTP port,
 *     the {@code listening} line and the pids file all come late).
 * <li>{@code --hang-after MS}: MS ms after setup the fixture hangs without exiting: HTTP requests are read and
 *     never answered, ticks stop, and it prints {@code hanging} once.
 * </ul>
 *
 * <p>Lines end with {@code \n} on every platform. Nothing is printed unless a flag asks. Own failures exit
 * with 2 (usage), 3 (cannot ignore a signal) or 4 (setup failed), with one line on stderr.
 */
public final class Fixture {
    private static final long READY_TIMEOUT_MILLIS = 60_000;
    private static final int FLOOD_LINE = 100;

    /** Set by {@code --hang-after}: the fixture stops serving and ticking but keeps running. */
    private static volatile boolean hung;

    /** Set before the fixture exits on its own, so the shutdown hook can tell that from being stopped. */
    private static volatile boolean exitingOnItsOwn;

    private final FixtureOptions options;
    private final List<String> args;
    private final long startNanos;
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    private Fixture(FixtureOptions options, List<String> args, long startNanos) {
        this.options = options;
        this.args = args;
        this.startNanos = startNanos;
    }

    public static void main(String[] args) {
        long startNanos = System.nanoTime();
        List<String> argList = List.of(args);
        FixtureOptions options;
        try {
            options = FixtureOptions.parse(argList);
        } catch (UsageException e) {
            fail(ExitStatus.USAGE, e.getMessage());
            return;
        }
        Fixture fixture = new Fixture(options, argList, startNanos);
        options.startDelayMillis().ifPresent(Fixture::sleep);
        try {
            fixture.setUp();
        } catch (CannotIgnoreException e) {
            fail(ExitStatus.CANNOT_IGNORE_SIGNAL, e.getMessage());
        } catch (IOException | UncheckedIOException | SetupException e) {
            fail(ExitStatus.SETUP_FAILED, e.getMessage());
        }
        fixture.work();
    }

    private static void fail(ExitStatus status, String message) {
        System.err.print("fixture: " + message.replace('\n', ' ') + "\n");
        System.err.flush();
        exit(status.code);
    }

    private static void exit(int code) {
        exitingOnItsOwn = true;
        System.exit(code);
    }

    private static final class SetupException extends Exception {
        private static final long serialVersionUID = 1L;

        SetupException(String message) {
            super(message);
        }
    }

    // ---- setup: everything before the readiness marker ----

    private void setUp() throws IOException, CannotIgnoreException, SetupException {
        if (options.ignoreSigint()) {
            SignalIgnorer.ignoreInterrupt();
        }
        if (options.ignoreSigterm()) {
            SignalIgnorer.ignoreTerminate();
        }
        options.shutdownMarker().ifPresent(Fixture::addShutdownMarker);
        OptionalLong startCount = OptionalLong.empty();
        if (options.stateFile().isPresent()) {
            startCount = OptionalLong.of(incrementStartCount(options.stateFile().get()));
        }
        if (options.httpPort().isPresent()) {
            DemoHttpServer server = DemoHttpServer.start(options.httpPort().getAsInt(), startNanos, startCount,
                    () -> hung);
            println(out, "listening on http://127.0.0.1:" + server.port() + "/");
        }
        List<Long> grandchildPids = options.grandchildren().isPresent()
                ? spawnGrandchildren(options.grandchildren().getAsInt())
                : List.of();
        if (options.dumpFile().isPresent()) {
            AtomicFiles.write(options.dumpFile().get(), dump());
        }
        if (options.pidsFile().isPresent()) {
            StringBuilder pids = new StringBuilder("child ").append(ProcessHandle.current().pid()).append('\n');
            grandchildPids.forEach(pid -> pids.append("grandchild ").append(pid).append('\n'));
            AtomicFiles.write(options.pidsFile().get(), pids.toString());
        }
    }

    private static void addShutdownMarker(Path marker) {
        String content = "graceful " + ProcessHandle.current().pid();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!exitingOnItsOwn) {
                try {
                    AtomicFiles.write(marker, content);
                } catch (IOException e) {
                    System.err.print("fixture: cannot write shutdown marker: " + e + "\n");
                    System.err.flush();
                }
            }
        }, "shutdown-marker"));
    }

    private static long incrementStartCount(Path stateFile) throws IOException, SetupException {
        long previous = 0;
        if (Files.exists(stateFile)) {
            String text = Files.readString(stateFile, StandardCharsets.UTF_8).trim();
            try {
                previous = text.isEmpty() ? 0 : Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new SetupException("--state-file " + stateFile + " holds '" + text + "', not a number");
            }
        }
        long count = previous + 1;
        AtomicFiles.write(stateFile, Long.toString(count));
        return count;
    }

    /** Starts the grandchildren and waits until each has set itself up (its own pids file appears). */
    private List<Long> spawnGrandchildren(int count) throws IOException, SetupException {
        Path readyDir = Files.createTempDirectory("jsrvany-fixture-");
        try {
            List<Process> started = new ArrayList<>();
            List<Path> readyFiles = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                Path ready = readyDir.resolve("grandchild-" + i);
                List<String> grandchildArgs = new ArrayList<>(List.of("--sleep-forever"));
                if (options.ignoreSigint()) {
                    grandchildArgs.add("--ignore-sigint");
                }
                if (options.ignoreSigterm()) {
                    grandchildArgs.add("--ignore-sigterm");
                }
                grandchildArgs.addAll(List.of("--pids-file", ready.toString()));
                // Inherited stdio: nothing to drain, so nothing blocks; and on Windows the JDK only lets a
                // child share its parent's console (so Ctrl+C reaches it) when some stdio is inherited.
                started.add(new ProcessBuilder(FixtureCommand.command(grandchildArgs)).inheritIO().start());
                readyFiles.add(ready);
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
            for (int i = 0; i < count; i++) {
                awaitReady(started.get(i), readyFiles.get(i), i + 1, deadline);
            }
            return started.stream().map(Process::pid).toList();
        } finally {
            try (var files = Files.list(readyDir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(readyDir);
        }
    }

    private static void awaitReady(Process grandchild, Path ready, int number, long deadline)
            throws SetupException, IOException {
        while (!Files.exists(ready)) {
            if (!grandchild.isAlive()) {
                throw new SetupException("grandchild " + number + " exited with " + grandchild.exitValue()
                        + " before it was ready");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new SetupException("grandchild " + number + " not ready after " + READY_TIMEOUT_MILLIS + " ms");
            }
            sleep(10);
        }
    }

    private String dump() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("cwd", Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize().toString());
        properties.setProperty("argc", Integer.toString(args.size()));
        for (int i = 0; i < args.size(); i++) {
            properties.setProperty("arg." + i, args.get(i));
        }
        for (Map.Entry<String, String> variable : System.getenv().entrySet()) {
            properties.setProperty("env." + variable.getKey(), variable.getValue());
        }
        properties.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        if (SignalIgnorer.isWindows()) {
            // The code pages of the console the fixture runs on (0 when it has none): AppConsoleCodePage's tests.
            properties.setProperty("console.cp", Integer.toString(com.sun.jna.platform.win32.Kernel32.INSTANCE.GetConsoleCP()));
            properties.setProperty("console.outputcp",
                    Integer.toString(com.sun.jna.platform.win32.Kernel32.INSTANCE.GetConsoleOutputCP()));
        }
        StringWriter text = new StringWriter();
        properties.store(text, "jsrvany fixture dump");
        return text.toString();
    }

    // ---- work: after the readiness marker ----

    private void work() {
        long workStart = System.nanoTime();
        options.hangAfterMillis().ifPresent(millis -> daemon("hang", () -> {
            sleep(millis);
            hung = true;
            println(out, "hanging");
        }));
        options.tickMillis().ifPresent(millis -> daemon("tick", () -> tick(millis)));
        try {
            printLines();
            options.floodBytes().ifPresent(this::flood);
            options.floodNoNewlineBytes().ifPresent(this::floodNoNewline);
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
        }
        if (options.exitAfterMillis().isPresent()) {
            // Measured from the end of setup, but never cuts the one-shot output short.
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - workStart);
            sleep(options.exitAfterMillis().getAsLong() - elapsedMillis);
        } else if (options.longRunning()) {
            waitForever();
        }
        exit(options.exitCode());
    }

    private void printLines() throws InterruptedIOException {
        int max = Math.max(options.lines(), options.errLines());
        boolean first = true;
        for (int i = 1; i <= max; i++) {
            if (i <= options.lines()) {
                pause(first);
                first = false;
                println(out, "out " + i);
            }
            if (i <= options.errLines()) {
                pause(first);
                first = false;
                println(err, "err " + i);
            }
        }
    }

    private void pause(boolean first) throws InterruptedIOException {
        if (!first && options.lineIntervalMillis() > 0) {
            try {
                Thread.sleep(options.lineIntervalMillis());
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
        }
    }

    private void tick(long millis) {
        for (long i = 1; ; i++) {
            while (hung) {
                sleep(1000);
            }
            println(out, "tick " + i);
            if (options.tickFile().isPresent()) {
                try {
                    AtomicFiles.write(options.tickFile().get(), Long.toString(i));
                } catch (IOException e) {
                    fail(ExitStatus.SETUP_FAILED, "cannot write --tick-file: " + e);
                }
            }
            sleep(millis);
        }
    }

    private void flood(long bytes) {
        byte[] chunk = new byte[640 * FLOOD_LINE];
        byte[] line = new byte[FLOOD_LINE];
        Arrays.fill(line, (byte) 'x');
        line[FLOOD_LINE - 1] = '\n';
        int used = 0;
        long written = 0;
        for (long number = 1; written < bytes; number++) {
            int length = (int) Math.min(FLOOD_LINE, bytes - written);
            writeFloodHead(line, number);
            System.arraycopy(line, 0, chunk, used, length - 1);
            chunk[used + length - 1] = '\n';
            used += length;
            written += length;
            if (chunk.length - used < FLOOD_LINE) {
                out.write(chunk, 0, used);
                used = 0;
            }
        }
        out.write(chunk, 0, used);
        out.flush();
    }

    /** Puts {@code flood 000001 } (six digits at least) at the start of a 100-byte line of 'x'. */
    private static void writeFloodHead(byte[] line, long number) {
        String digits = Long.toString(number);
        String head = "flood " + "0".repeat(Math.max(0, 6 - digits.length())) + digits + " ";
        for (int i = 0; i < head.length() && i < FLOOD_LINE - 1; i++) {
            line[i] = (byte) head.charAt(i);
        }
    }

    private void floodNoNewline(long bytes) {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        for (long left = bytes; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        out.write('\n');
        out.flush();
    }

    private static void println(PrintStream stream, String line) {
        stream.print(line + "\n");
        stream.flush();
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Sleeps (not at all if millis <= 0); an interrupt (nobody sends one) just ends the sleep early. */
    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitForever() {
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            try {
                never.await();
            } catch (InterruptedException e) {
                // Keep waiting: only a signal or --exit-after ends the process.
            }
        }
    }
}
