package org.jsrvany.core.supervisor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.Hooks;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.output.ChildOutput;
import org.jsrvany.core.process.HelperProcesses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs NSSM's event hooks ({@code AppEvents}): the command line of a hook, in the program's working
 * directory and environment plus NSSM's hook variables, its standard output and error (merged) written
 * line by line to the wrapper's log, within {@code AppHookTimeout}; a hook still running then is killed
 * with its whole tree and counts as failed. {@link #killAll} ends every hook still running (on stop).
 * With {@code AppRedirectHook=1} a hook's stdout and stderr go, line by line, into the program's
 * output files instead ({@link #target}).
 *
 * <p>The supervisor calls it from few places: before and after each start of the program, before the
 * stop ladder, after the program exited by itself. Which outcome decides what is the supervisor's rule
 * (only {@link Outcome#ABORT} of {@code Start/Pre} changes anything: the start is cancelled).
 */
public final class HookRunner {
    private static final Logger LOG = LoggerFactory.getLogger(HookRunner.class);

    /** How a hook ended. */
    public enum Outcome {
        /** No hook is configured for the event. */
        NONE,
        /** It exited with 0. */
        OK,
        /** It exited with {@link Hooks#ABORT_EXIT_CODE} (NSSM: cancel the start, for {@code Start/Pre}). */
        ABORT,
        /** It exited with another code, or could not be started. */
        FAILED,
        /** It outlived {@code AppHookTimeout} and was killed with its tree. */
        TIMED_OUT
    }

    private final Hooks hooks;
    private final String service;
    private final Map<String, String> environment;
    private final Path directory;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final Map<Process, List<Thread>> readers = new ConcurrentHashMap<>();
    /** The program's output, for AppRedirectHook; null = everything to the wrapper's log. */
    private final ChildOutput output;
    /** A line longer than this is written to a file in pieces of this many bytes (each gets a line end). */
    static final int HOOK_LINE_MAX = 64 * 1024;

    /** Where one of a hook's streams goes. */
    enum Target {
        /** The wrapper's log, line by line ("[Start/Pre hook] ..."). */
        LOG,
        /** The program's output file of the same stream (AppStdout or AppStderr). */
        FILE
    }
    /** How long the log may still receive a hook's last lines after it ended (a descendant can hold its pipe). */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);

    /** Hooks whose output goes to the wrapper's log (the Rotate hooks' runner: see {@link #target}). */
    public HookRunner(ServiceConfig config) {
        this(config, null);
    }

    /** @param output the program's output, where hooks' lines go with AppRedirectHook=1; null = the log */
    public HookRunner(ServiceConfig config, ChildOutput output) {
        this.output = output;
        this.hooks = config.hooks();
        this.service = config.serviceName();
        this.environment = config.environment();
        this.directory = config.directory();
    }

    /**
     * Where a hook's stream goes: its file only with {@code AppRedirectHook=1}, that stream written to a
     * file, and not for the Rotate hooks. Those run inside a rotation, while the file's writer holds its
     * lock and the program's output waits; their lines could only be written after they ended, and a
     * hook writing more than its pipe holds would then wait for itself until AppHookTimeout killed it.
     * So Rotate hooks always write to the wrapper's log.
     */
    static Target target(Hooks.Hook hook, boolean redirect, boolean streamInFile) {
        boolean rotate = hook == Hooks.Hook.ROTATE_PRE || hook == Hooks.Hook.ROTATE_POST;
        return redirect && streamInFile && !rotate ? Target.FILE : Target.LOG;
    }

    /** Whether a hook is configured for the event. */
    public boolean has(Hooks.Hook hook) {
        return hooks.command(hook).isPresent();
    }

    /** The time a hook may take: what a caller adds to a wait hint around {@link #run}. */
    public Duration timeout() {
        return hooks.timeout();
    }

    /**
     * Runs the hook and waits for it (at most the time limit).
     *
     * @param vars NSSM's variables for this event beyond the common ones (the exit code after Exit)
     */
    public Outcome run(Hooks.Hook hook, Map<String, String> vars) {
        if (!has(hook)) {
            return Outcome.NONE;
        }
        Process p = launch(hook, vars);
        if (p == null) {
            return Outcome.FAILED;
        }
        return await(hook, p);
    }

    /** Runs the hook without waiting: a thread of its own waits (at most the time limit) and logs the outcome. */
    public void start(Hooks.Hook hook, Map<String, String> vars) {
        if (!has(hook)) {
            return;
        }
        Process p = launch(hook, vars);
        if (p != null) {
            Thread t = new Thread(() -> await(hook, p), "jsrvany-hook-" + hook.label());
            t.setDaemon(true);
            t.start();
        }
    }

    /** Kills every hook still running, each with its whole tree (the service is stopping). */
    public void killAll() {
        for (Process p : List.copyOf(running)) {
            LOG.info("Killing the hook (pid {}) with its tree: the service is stopping", p.pid());
            killTree(p);
        }
    }

    private Process launch(Hooks.Hook hook, Map<String, String> vars) {
        String command = hooks.command(hook).orElseThrow();
        List<String> words = WindowsCommandLine.splitArguments(command);
        Target out = target(hook, hooks.redirect(), output != null && output.writesFile(false));
        Target err = target(hook, hooks.redirect(), output != null && output.writesFile(true));
        boolean merged = out == Target.LOG && err == Target.LOG; // as before AppRedirectHook: one pipe, the log
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(words)).directory(directory.toFile()).redirectErrorStream(merged);
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.environment().putAll(variables(hook, vars));
        Process p;
        try {
            p = HelperProcesses.start(pb);
        } catch (IOException | RuntimeException e) {
            LOG.warn("The {} hook could not be started ({}): {}", hook.label(), command, e.getMessage());
            return null;
        }
        running.add(p);
        closeQuietly(p);
        LOG.info("Running the {} hook (pid {}): {}", hook.label(), p.pid(), command);
        List<Thread> threads = new ArrayList<>(2);
        threads.add(reader(hook, p.getInputStream(), out, false, "output"));
        if (!merged) {
            threads.add(reader(hook, p.getErrorStream(), err, true, "error"));
        }
        readers.put(p, threads);
        threads.forEach(Thread::start);
        return p;
    }

    /** NSSM's hook variables (the subset jsrvany knows), and the caller's. */
    Map<String, String> variables(Hooks.Hook hook, Map<String, String> vars) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("NSSM_HOOK_VERSION", "1");
        v.put("NSSM_EVENT", hook.event());
        v.put("NSSM_ACTION", hook.action());
        v.put("NSSM_SERVICE_NAME", service);
        v.put("NSSM_PID", Long.toString(ProcessHandle.current().pid()));
        v.put("NSSM_DEADLINE", Long.toString(hooks.timeout().toMillis()));
        v.putAll(vars);
        return v;
    }

    private Outcome await(Hooks.Hook hook, Process p) {
        try {
            if (!p.waitFor(hooks.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("The {} hook (pid {}) did not end within AppHookTimeout={} ms; killing it with its tree",
                        hook.label(), p.pid(), hooks.timeout().toMillis());
                killTree(p);
                return Outcome.TIMED_OUT;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(p);
            return Outcome.FAILED;
        } finally {
            running.remove(p);
            joinReader(p);
        }
        int code = p.exitValue();
        if (code == 0) {
            LOG.info("The {} hook (pid {}) exited with 0", hook.label(), p.pid());
            return Outcome.OK;
        }
        LOG.warn("The {} hook (pid {}) exited with {}", hook.label(), p.pid(), code);
        return code == Hooks.ABORT_EXIT_CODE ? Outcome.ABORT : Outcome.FAILED;
    }

    /** Lets the hook's last lines reach the log before its outcome is logged (bounded). */
    private void joinReader(Process p) {
        List<Thread> threads = readers.remove(p);
        if (threads == null) {
            return;
        }
        long deadline = System.nanoTime() + OUTPUT_GRACE.toNanos();
        for (Thread reader : threads) {
            try {
                reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Thread reader(Hooks.Hook hook, InputStream in, Target target, boolean stderr, String stream) {
        Runnable body = target == Target.FILE ? () -> toFile(in, stderr) : () -> pump(hook, in);
        Thread t = new Thread(body, "jsrvany-hook-" + stream + "-" + hook.label());
        t.setDaemon(true);
        return t;
    }

    /** Copies a hook's stream into the program's file, line by line (AppRedirectHook=1). */
    private void toFile(InputStream in, boolean stderr) {
        try (in) {
            LineSplitter lines = new LineSplitter(HOOK_LINE_MAX, (line, length) -> output.hookLine(stderr, line, length));
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                lines.accept(buffer, n);
            }
            lines.end();
        } catch (IOException e) {
            // The hook was killed, or its pipe closed: nothing more to write.
        }
    }

    /**
     * Cuts bytes into lines: each line, its {@code '\n'} included, or a piece of {@code max} bytes of a
     * longer one, or the unfinished rest at the end, goes to {@code sink} whole.
     */
    static final class LineSplitter {
        interface LineSink {
            void line(byte[] line, int length);
        }

        private final byte[] line;
        private final LineSink sink;
        private int length;

        LineSplitter(int max, LineSink sink) {
            this.line = new byte[max];
            this.sink = sink;
        }

        void accept(byte[] bytes, int count) {
            for (int i = 0; i < count; i++) {
                line[length++] = bytes[i];
                if (bytes[i] == '\n' || length == line.length) {
                    sink.line(line, length);
                    length = 0;
                }
            }
        }

        void end() {
            if (length > 0) {
                sink.line(line, length);
                length = 0;
            }
        }
    }

    private void pump(Hooks.Hook hook, InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()))) {
            String line;
            while ((line = r.readLine()) != null) {
                LOG.info("[{} hook] {}", hook.label(), line);
            }
        } catch (IOException e) {
            // The hook was killed, or its pipe closed: nothing more to log.
        }
    }

    private static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static void closeQuietly(Process p) {
        try {
            p.getOutputStream().close(); // the hook's stdin reads end-of-file, like NUL
        } catch (IOException e) {
            // nothing to do
        }
    }
}
