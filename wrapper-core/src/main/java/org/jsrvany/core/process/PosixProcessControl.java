package org.jsrvany.core.process;

import com.sun.jna.LastErrorException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.launcher.CommandLauncher;
import org.apache.commons.exec.launcher.CommandLauncherFactory;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.StopStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSIX (Linux) process control.
 *
 * <p>The child runs as {@code setsid setpriv --pdeathsig KILL -- Application args...}: {@code setsid}
 * gives it a process group of its own (so the whole tree can be signalled, and a terminal's Ctrl+C
 * reaches only the wrapper), and {@code setpriv} arms a parent-death signal so the child dies if the
 * wrapper is killed outright. Both exec in place, so the child's pid is the group id. Linux sends the
 * parent-death signal when the <em>thread</em> that started the child ends, so every child is started
 * from one long-lived spawner thread.
 *
 * <p>Signal dispositions are inherited across exec: a wrapper started with SIGINT ignored ({@code nohup},
 * {@code &} from a script) would hand that on, and the ladder's SIGINT step would do nothing. When
 * coreutils' {@code env --default-signal} is available the child runs through it, so SIGINT and SIGTERM
 * start at their defaults (skipped for a program path containing {@code =}, which env would read as an
 * assignment).
 *
 * <p>Grandchildren do not inherit the parent-death signal. When the tree is managed
 * ({@code AppKillProcessTree=1}) a small watchdog ({@code sh}, in a session of its own) waits on a
 * pipe from the wrapper: if the wrapper dies the pipe closes and the watchdog kills the child's whole
 * group; at a normal end the wrapper writes {@code done} first.
 */
final class PosixProcessControl implements ProcessControl {
    private static final Logger LOG = LoggerFactory.getLogger(PosixProcessControl.class);
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jsrvany-spawner");
        t.setDaemon(true);
        return t;
    });
    /**
     * Threads that wait for a child's exit, reused from one run to the next. Not {@code Process.onExit()}:
     * it completes through {@code handleAsync} on the common pool, which on a machine with one or two
     * processors starts a new thread for every exit, and every new thread takes a fresh allocation
     * buffer from the young generation: megabytes of heap per restart.
     */
    private static final ExecutorService EXIT_WAITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jsrvany-exit-wait");
        t.setDaemon(true);
        return t;
    });
    private static final String WATCHDOG_SCRIPT =
            "IFS= read -r line; [ \"$line\" = done ] || kill -s KILL -- \"-$1\" 2>/dev/null; exit 0";

    private final String setsid;
    private final String setpriv;
    /** coreutils' env when it supports --default-signal, else null. */
    private final String env;

    private PosixProcessControl(String setsid, String setpriv, String env) {
        this.setsid = setsid;
        this.setpriv = setpriv;
        this.env = env;
    }

    static PosixProcessControl create() {
        return new PosixProcessControl(findTool("setsid"), findTool("setpriv"), envWithDefaultSignal());
    }

    /** env, if it can reset signal dispositions ({@code --default-signal}, coreutils 8.31 and later). */
    private static String envWithDefaultSignal() {
        String env = findTool("env");
        if (env == null) {
            return null;
        }
        try {
            Process probe = new ProcessBuilder(env, "--default-signal=INT,TERM", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return env;
            }
            probe.destroyForcibly();
        } catch (IOException e) {
            LOG.debug("env --default-signal probe failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("This env cannot reset signal dispositions; a child of a wrapper started with SIGINT ignored will"
                + " ignore it too");
        return null;
    }

    private static String findTool(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        for (String dir : dirs) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return null;
    }

    @Override
    public ChildProcess launch(ServiceConfig config) throws LaunchException {
        if (setsid == null || setpriv == null) {
            throw new LaunchException("setsid and setpriv (from util-linux) are needed to keep the child's process tree"
                    + " together, and " + (setsid == null ? "setsid" : "setpriv") + " was not found on PATH;"
                    + " install util-linux.", null, null);
        }
        CommandLine command = new CommandLine(setsid);
        command.addArgument(setpriv, false);
        command.addArgument("--pdeathsig", false);
        command.addArgument("KILL", false);
        command.addArgument("--", false);
        String program = config.application().toString();
        if (env != null && !program.contains("=")) {
            command.addArgument(env, false);
            command.addArgument("--default-signal=INT,TERM", false);
            command.addArgument("--", false);
        }
        command.addArgument(program, false);
        List<String> arguments = config.arguments();
        for (String arg : arguments) {
            command.addArgument(arg, false);
        }
        CommandLauncher launcher = CommandLauncherFactory.createVMLauncher();
        Process process;
        try {
            process = SPAWNER.submit(() -> launcher.exec(command, config.environment(), config.directory().toFile())).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new LaunchException(PosixLaunchFailure.explain(config.application().toString(), cause.getMessage(),
                    arguments, config.environment()), null, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted while starting " + config.application(), null, e);
        }
        closeQuietly(process.getOutputStream()); // the child's stdin reads end-of-file, like NUL on Windows
        boolean killTree = config.stopPolicy().killTree();
        Process watchdog = killTree ? startWatchdog(process.pid()) : null;
        String shown = WindowsCommandLine.commandLine(config.application().toString(), config.parameters());
        return new PosixChild(process, watchdog, killTree, shown);
    }

    private Process startWatchdog(long pgid) {
        try {
            return new ProcessBuilder(setsid, "sh", "-c", WATCHDOG_SCRIPT, "jsrvany-watchdog", Long.toString(pgid))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            LOG.warn("Could not start the watchdog for process group {}; grandchildren may outlive a killed wrapper: {}",
                    pgid, e.getMessage());
            return null;
        }
    }

    private static void closeQuietly(OutputStream s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("closing the child's stdin: {}", e.getMessage());
        }
    }

    /** One run: the main process, its group, and the watchdog. */
    private static final class PosixChild implements ChildProcess {
        private final Process process;
        private final Process watchdog;
        private final boolean killTree;
        private final String commandLine;
        private final int pid;
        private final CompletableFuture<Integer> exit;
        private boolean closed;

        PosixChild(Process process, Process watchdog, boolean killTree, String commandLine) {
            this.process = process;
            this.watchdog = watchdog;
            this.killTree = killTree;
            this.commandLine = commandLine;
            this.pid = (int) process.pid();
            this.exit = awaitExit(process);
        }

        private static CompletableFuture<Integer> awaitExit(Process process) {
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            EXIT_WAITERS.execute(() -> {
                try {
                    exit.complete(process.waitFor());
                } catch (InterruptedException e) {
                    exit.completeExceptionally(e);
                } catch (RuntimeException | Error e) {
                    exit.completeExceptionally(e);
                    throw e;
                }
            });
            return exit;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public String commandLine() {
            return commandLine;
        }

        @Override
        public CompletableFuture<Integer> onExit() {
            return exit;
        }

        @Override
        public InputStream stdout() {
            return process.getInputStream();
        }

        @Override
        public InputStream stderr() {
            return process.getErrorStream();
        }

        @Override
        public boolean deliver(StopStep step) {
            return switch (step) {
                case CONSOLE -> signal(LibC.SIGINT);
                case WINDOW -> signal(LibC.SIGTERM);
                case THREADS -> false;
                case TERMINATE -> signal(LibC.SIGKILL);
            };
        }

        @Override
        public void suspend() {
            signal(LibC.SIGSTOP);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (process.isAlive() && !ProcStat.stopped(pid) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public void resume() {
            signal(LibC.SIGCONT);
        }

        @Override
        public void killRemaining() {
            if (killTree) {
                send(-pid, LibC.SIGKILL);
            }
        }

        private boolean signal(int signal) {
            return send(killTree ? -pid : pid, signal);
        }

        private static boolean send(int target, int signal) {
            try {
                LibC.INSTANCE.kill(target, signal);
                return true;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LibC.ESRCH) {
                    LOG.warn("kill({}, {}) failed with errno {}", target, signal, e.getErrorCode());
                }
                return false;
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (watchdog != null) {
                try (OutputStream in = watchdog.getOutputStream()) {
                    in.write("done\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    LOG.debug("watchdog already gone: {}", e.getMessage());
                }
            }
        }
    }
}
