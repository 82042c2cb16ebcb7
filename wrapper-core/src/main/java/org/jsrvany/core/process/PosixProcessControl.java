package org.jsrvany.core.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * from one long-lived thread, the {@link Spawner}.
 *
 * <p>Ignored signals stay ignored across exec: a wrapper started with SIGINT ignored ({@code nohup},
 * {@code &} from a script) would hand that on, and the ladder's SIGINT step would do nothing. Then, when
 * coreutils' {@code env --default-signal} is available, the child runs through it, so SIGINT and SIGTERM
 * start at their defaults (skipped for a program path containing {@code =}, which env would read as an
 * assignment). A wrapper that ignores neither starts its children without env ({@link IgnoredSignals}).
 *
 * <p>When the tree is managed ({@code AppKillProcessTree=1}) each run is held by a {@link Containment}
 * at the level the {@link TreeKeeper} found (a cgroup of its own, the wrapper as subreaper, or the
 * process group): stop signals reach every process of the tree, not only the group; the end of a run
 * kills all of it; and a {@link Watchdog}, armed before the child starts, kills it if the wrapper dies.
 */
final class PosixProcessControl implements ProcessControl {
    private static final Logger LOG = LoggerFactory.getLogger(PosixProcessControl.class);
    private static final long SUSPEND_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final String LAUNCH_MECHANISM = "jdk.lang.Process.launchMechanism";
    private static final AtomicBoolean KILL_WARMED = new AtomicBoolean();

    private final String setsid;
    private final String setpriv;
    /** coreutils' env when it supports --default-signal, else null. */
    private final String env;
    /** Null when setsid is missing (launch then fails with a sentence). */
    private final TreeKeeper keeper;

    private PosixProcessControl(String setsid, String setpriv, String env, TreeKeeper keeper) {
        this.setsid = setsid;
        this.setpriv = setpriv;
        this.env = env;
        this.keeper = keeper;
    }

    static PosixProcessControl create() {
        return create(ContainmentLevel.CGROUP);
    }

    /** With containment no stronger than {@code strongest}: each level's guarantees can be exercised. */
    static PosixProcessControl create(ContainmentLevel strongest) {
        launchWithVfork();
        String setsid = findTool("setsid");
        TreeKeeper keeper = setsid == null ? null : TreeKeeper.establish(strongest, setsid);
        return new PosixProcessControl(setsid, findTool("setpriv"), envWithDefaultSignal(), keeper);
    }

    ContainmentLevel level() {
        return keeper == null ? ContainmentLevel.PROCESS_GROUP : keeper.level();
    }

    /**
     * Java 17 on Linux starts every process through {@code jspawnhelper} (posix_spawn, then an exec of the real
     * program); {@code VFORK} execs the program directly: one exec fewer for each child and each watchdog, that
     * is two per restart (docs/startup.md). Only when nobody chose a mechanism, and only before the JVM started its
     * first process (it reads the property once).
     */
    private static void launchWithVfork() {
        if (System.getProperty(LAUNCH_MECHANISM) == null && Runtime.version().feature() < 21) {
            System.setProperty(LAUNCH_MECHANISM, "VFORK");
        }
    }

    /**
     * env, if the wrapper ignores SIGINT or SIGTERM (only an ignored signal survives exec) and env can reset
     * signal dispositions ({@code --default-signal}, coreutils 8.31 and later); else null. A wrapper that does
     * not ignore them starts its children without env: one exec fewer per start, and no probe at start-up.
     */
    private static String envWithDefaultSignal() {
        if (!IgnoredSignals.selfIgnoresAnyOf(LibC.SIGINT, LibC.SIGTERM)) {
            return null;
        }
        String env = findTool("env");
        if (env == null) {
            return null;
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(env, "--default-signal=INT,TERM", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Process probe = Spawner.call(builder::start);
            if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return env;
            }
            probe.destroyForcibly();
        } catch (ExecutionException e) {
            LOG.debug("env --default-signal probe failed: {}", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("This env cannot reset signal dispositions; a child of a wrapper started with SIGINT ignored will"
                + " ignore it too");
        return null;
    }

    /**
     * Loads JNA's libc mapping ({@link Kill}) on the spawner thread once the first child runs: JNA's start (it
     * unpacks its native library, loads java.util.logging and SecureRandom) took some 70 ms, paid until now by
     * the first exit or stop, between the child's exit and the next start (docs/startup.md).
     */
    private static void warmUpKill() {
        if (KILL_WARMED.compareAndSet(false, true)) {
            Spawner.later(() -> {
                try {
                    Kill.warmUp();
                } catch (LinkageError | RuntimeException e) {
                    LOG.debug("Loading libc through JNA failed ({}); the first signal will say so", e.toString());
                }
            });
            Spawner.after(NativeHeap.AFTER_START_MILLIS, NativeHeap::trim);
        }
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
        boolean killTree = config.stopPolicy().killTree();
        Containment tree = killTree ? keeper.newTree(config.serviceName()) : null;
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
            Callable<Process> start = config.stdin() == null
                    ? () -> launcher.exec(command, config.environment(), config.directory().toFile())
                    : () -> withStdin(command, config);
            process = Spawner.call(tree == null ? start : () -> tree.spawn(start));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            abandon(tree);
            if (cause instanceof StdinUnreadable) {
                throw new LaunchException(cause.getMessage(), null, cause);
            }
            throw new LaunchException(PosixLaunchFailure.explain(config.application().toString(), cause.getMessage(),
                    arguments, config.environment()), null, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(tree);
            throw new LaunchException("Interrupted while starting " + config.application(), null, e);
        }
        keeper.ownChildren().add(process.pid());
        if (tree != null) {
            keeper.prepareNext(config.serviceName());
        }
        warmUpKill();
        closeQuietly(process.getOutputStream()); // without AppStdin the child's stdin reads end-of-file, like NUL
        // The child's output pipes, each looked up once: for the holders left at the end, and for pacing the reads.
        OptionalLong stdoutPipe = PipeHolders.pipeOf(process.pid(), 1);
        OptionalLong stderrPipe = PipeHolders.pipeOf(process.pid(), 2);
        Set<Long> pipes = new LinkedHashSet<>();
        stdoutPipe.ifPresent(pipes::add);
        stderrPipe.ifPresent(pipes::add);
        if (tree != null) {
            tree.started(process.pid());
            LOG.debug("pid {} is held by {}, watchdog pid {}", process.pid(), tree.describe(),
                    tree.watchdog() == null ? "none" : tree.watchdog().pid());
        }
        String shown = WindowsCommandLine.commandLine(config.application().toString(), config.parameters());
        return new PosixChild(process, tree, keeper, pipes, stdoutPipe, stderrPipe, shown);
    }

    @Override
    public void releasePrepared() {
        if (keeper != null) {
            keeper.releasePrepared();
        }
    }

    /**
     * The same start as Commons Exec's launcher (program, arguments, exactly this environment and folder),
     * with the child's standard input read from {@code AppStdin}, opened anew for each run.
     */
    private static Process withStdin(CommandLine command, ServiceConfig config) throws IOException {
        if (!Files.isReadable(config.stdin())) {
            throw new StdinUnreadable("The program " + config.application() + " was not started: its standard input,"
                    + " AppStdin " + config.stdin() + ", " + (Files.exists(config.stdin()) ? "cannot be read"
                    : "does not exist any more") + ". Restore the file or change AppStdin.");
        }
        ProcessBuilder builder = new ProcessBuilder(command.toStrings())
                .directory(config.directory().toFile())
                .redirectInput(config.stdin().toFile());
        builder.environment().clear();
        builder.environment().putAll(config.environment());
        return builder.start();
    }

    /** AppStdin cannot be opened at launch: said as it is, not as a failure to run the program. */
    private static final class StdinUnreadable extends IOException {
        private static final long serialVersionUID = 1L;

        StdinUnreadable(String message) {
            super(message);
        }
    }

    private static void abandon(Containment tree) {
        if (tree != null) {
            tree.release();
        }
    }

    private static void closeQuietly(OutputStream s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("closing the child's stdin: {}", e.getMessage());
        }
    }

    /** One run: the main process and, when the tree is managed, its containment. */
    private static final class PosixChild implements ChildProcess {
        private final Process process;
        /** Null with AppKillProcessTree=0: only the main process is signalled. */
        private final Containment tree;
        private final TreeKeeper keeper;
        private final Set<Long> pipes;
        private final String commandLine;
        private final int pid;
        private final CompletableFuture<Integer> exit;
        /** The pipes, read at the pace their capacity allows ({@link ReadPacing}) once it is known. */
        private final PacedInputStream stdout;
        private final PacedInputStream stderr;
        private volatile boolean closed;

        PosixChild(Process process, Containment tree, TreeKeeper keeper, Set<Long> pipes, OptionalLong stdoutPipe,
                   OptionalLong stderrPipe, String commandLine) {
            this.process = process;
            this.tree = tree;
            this.keeper = keeper;
            this.pipes = pipes;
            this.commandLine = commandLine;
            this.pid = (int) process.pid();
            this.stdout = paced(process.getInputStream(), stdoutPipe);
            this.stderr = paced(process.getErrorStream(), stderrPipe);
            // The main process is no longer the wrapper's own child once it ended (the subreaper's bookkeeping),
            // before the supervisor hears of the exit.
            this.exit = ExitWaiters.exitOf(process)
                    .whenComplete((code, error) -> keeper.ownChildren().remove(process.pid()));
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
            return stdout;
        }

        @Override
        public InputStream stderr() {
            return stderr;
        }

        /**
         * One of the child's output pipes, read paced once it has a larger buffer: when the program turns
         * out to be busy, the spawner thread (not the reader, not the launch: the first call loads libc)
         * enlarges it ({@link LinuxPipes}). Best effort: a pipe that cannot be found or changed keeps its
         * size and is read at once.
         */
        private PacedInputStream paced(InputStream in, OptionalLong pipe) {
            if (pipe.isEmpty()) {
                return new PacedInputStream(in, 0, null);
            }
            long inode = pipe.getAsLong();
            return new PacedInputStream(in, 0, busy -> Spawner.later(() -> {
                try {
                    busy.capacity(LinuxPipes.enlarge(inode));
                    LOG.debug("child {}: a busy output pipe now holds {} bytes", pid, busy.capacity());
                } catch (RuntimeException | LinkageError e) {
                    LOG.debug("child {}: the output pipe keeps its size: {}", pid, e.toString());
                }
            }));
        }

        @Override
        public boolean deliver(StopStep step) {
            return switch (step) {
                case CONSOLE -> signal(LibC.SIGINT);
                case WINDOW -> signal(LibC.SIGTERM);
                case THREADS -> false;
                case TERMINATE -> terminate();
            };
        }

        private boolean terminate() {
            if (tree == null) {
                return Kill.send(pid, LibC.SIGKILL);
            }
            boolean anyone = !tree.members().isEmpty();
            tree.killAll();
            return anyone;
        }

        /** The signal to the group and to every process of the tree outside it, each once. */
        private boolean signal(int signal) {
            if (tree == null) {
                return Kill.send(pid, signal);
            }
            boolean received = Kill.send(-pid, signal);
            for (ProcEntry p : tree.outsideGroup()) {
                received |= Kill.send(p.pid(), signal);
            }
            return received;
        }

        /** SIGSTOP to the tree; returns once every process of it is seen stopped, or after two seconds. */
        @Override
        public void suspend() {
            signal(LibC.SIGSTOP);
            long deadline = System.nanoTime() + SUSPEND_WAIT_NANOS;
            while (process.isAlive() && System.nanoTime() < deadline) {
                boolean all = true;
                if (tree == null) {
                    all = ProcStat.stopped(pid);
                } else {
                    for (ProcEntry p : tree.members()) {
                        if (!p.stopped()) {
                            all = false;
                            Kill.send(p.pid(), LibC.SIGSTOP); // forked before its parent stopped
                        }
                    }
                }
                if (all) {
                    return;
                }
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
            if (tree != null) {
                tree.killAll();
            }
        }

        @Override
        public java.util.Optional<TreeUsage> usage() {
            if (closed || !process.isAlive()) {
                return java.util.Optional.empty();
            }
            List<Long> pids = new ArrayList<>();
            pids.add((long) pid);
            if (tree != null) {
                for (ProcEntry p : tree.members()) {
                    if (p.pid() != pid && !p.zombie()) {
                        pids.add(p.pid());
                    }
                }
            }
            return java.util.Optional.of(ProcUsage.of(pids));
        }

        @Override
        public List<String> outputHolders() {
            List<String> holders = new ArrayList<>();
            for (ProcEntry p : PipeHolders.holders(pipes, ProcessHandle.current().pid())) {
                holders.add(p.describe());
            }
            return holders;
        }

        /**
         * Releases the tree's containment once it is empty. A tree still running (the stop ladder skipped
         * terminate) keeps its watchdog armed, so it still dies with the wrapper, as on Windows.
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (tree == null) {
                return;
            }
            if (tree.empty()) {
                tree.release();
            } else {
                LOG.warn("The child's tree ({}: {}) is left running; it is killed when the wrapper exits", tree.describe(),
                        describe(tree.members()));
                keeper.leftRunning(tree);
            }
        }

        private static String describe(List<ProcEntry> processes) {
            List<String> names = new ArrayList<>();
            for (ProcEntry p : processes) {
                names.add(p.describe());
            }
            return String.join(", ", names);
        }
    }
}
