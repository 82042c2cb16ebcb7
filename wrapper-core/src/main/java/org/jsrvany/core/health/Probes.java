package org.jsrvany.core.health;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLConnection;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.Check;
import org.jsrvany.core.process.HelperProcesses;

/**
 * Looks at the program: one {@link Check} at a time, with a time limit, off the caller's thread
 * ({@link #probe}) or on it ({@link #probeNow}). HTTP uses {@code HttpURLConnection} (the
 * {@code java.net.http} module is not in every runtime jsrvany runs on). A command check runs the
 * command line in the program's working directory with the program's environment, its output
 * discarded; one that outlives the limit is killed with its descendants.
 */
public final class Probes {
    /** The most of an HTTP body read (and discarded) so the connection can be reused or closed cleanly. */
    private static final int MAX_BODY = 64 * 1024;

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jsrvany-health");
        t.setDaemon(true);
        return t;
    });

    private final Path directory;
    private final Map<String, String> environment;
    private final OutputWatch output;

    /**
     * @param directory   where command checks run
     * @param environment the environment command checks get (the program's)
     * @param output      what output checks read; {@link OutputWatch#none()} when there is none
     */
    public Probes(Path directory, Map<String, String> environment, OutputWatch output) {
        this.directory = Objects.requireNonNull(directory);
        this.environment = Map.copyOf(environment);
        this.output = Objects.requireNonNull(output);
    }

    /** Runs the check on a health thread and hands the result to {@code done} there. */
    public void probe(Check check, Duration timeout, Consumer<ProbeResult> done) {
        THREADS.execute(() -> done.accept(probeNow(check, timeout)));
    }

    /** Runs the check on this thread; never throws (a failure to look is a failed probe that says why). */
    public ProbeResult probeNow(Check check, Duration timeout) {
        try {
            if (check instanceof Check.Tcp tcp) {
                return tcp(tcp, timeout);
            } else if (check instanceof Check.Http http) {
                return http(http, timeout);
            } else if (check instanceof Check.FileExists file) {
                return Files.exists(file.path()) ? ProbeResult.pass(file.path() + " exists")
                        : ProbeResult.fail(file.path() + " does not exist");
            } else if (check instanceof Check.OutputLine line) {
                return output.matchedLine().map(l -> ProbeResult.pass("the output line '" + l + "'"))
                        .orElseGet(() -> ProbeResult.fail("no output line matching '" + line.pattern().pattern() + "'"));
            } else if (check instanceof Check.Command command) {
                return command(command, timeout);
            }
            return ProbeResult.fail("unknown check " + check);
        } catch (RuntimeException e) {
            return ProbeResult.fail("the check failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.fail("the check was interrupted");
        }
    }

    private static ProbeResult tcp(Check.Tcp tcp, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(tcp.host(), tcp.port()), millis(timeout));
            return ProbeResult.pass("connected to " + tcp.host() + ":" + tcp.port());
        } catch (IOException e) {
            return ProbeResult.fail(why(e, timeout));
        }
    }

    private static ProbeResult http(Check.Http http, Duration timeout) {
        HttpURLConnection connection = null;
        try {
            URLConnection opened = http.uri().toURL().openConnection();
            if (!(opened instanceof HttpURLConnection c)) {
                return ProbeResult.fail("not an HTTP URL");
            }
            connection = c;
            connection.setConnectTimeout(millis(timeout));
            connection.setReadTimeout(millis(timeout));
            connection.setUseCaches(false);
            connection.setRequestProperty("User-Agent", "jsrvany-health-check");
            int status = connection.getResponseCode();
            drain(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
            String seen = "HTTP " + status;
            return status >= 200 && status < 300 ? ProbeResult.pass(seen) : ProbeResult.fail(seen);
        } catch (IOException | IllegalArgumentException e) {
            return ProbeResult.fail(why(e, timeout));
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        if (in == null) {
            return;
        }
        try (in) {
            byte[] buffer = new byte[8192];
            int total = 0;
            int n;
            while (total < MAX_BODY && (n = in.read(buffer)) > 0) {
                total += n;
            }
        }
    }

    private ProbeResult command(Check.Command command, Duration timeout) throws InterruptedException {
        List<String> argv = WindowsCommandLine.splitArguments(command.commandLine());
        if (argv.isEmpty()) {
            return ProbeResult.fail("the command line is empty");
        }
        ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = HelperProcesses.start(builder);
        } catch (IOException e) {
            return ProbeResult.fail("the command could not be started: " + e.getMessage());
        }
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            return ProbeResult.fail("the command did not end within " + timeout.toMillis() + " ms (killed)");
        }
        int code = process.exitValue();
        return code == 0 ? ProbeResult.pass("exit code 0") : ProbeResult.fail("exit code " + code);
    }

    private static java.io.File nullFile() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        return new java.io.File(windows ? "NUL" : "/dev/null");
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    private static String why(Exception e, Duration timeout) {
        if (e instanceof SocketTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
