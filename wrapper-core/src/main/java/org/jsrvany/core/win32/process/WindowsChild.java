package org.jsrvany.core.win32.process;

import org.jsrvany.core.win32.Win32CallException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jsrvany.core.config.StopStep;
import org.jsrvany.core.process.ChildProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a Windows child: its main process, the job object holding its tree (with
 * {@code AppKillProcessTree=0} a job holding the main process only, so it still dies with the wrapper),
 * its stdio pipes, and a thread that waits for its exit code.
 *
 * <p>Failures of best-effort steps (a stop step, a kill of what is left) are logged and reported as
 * "not delivered"; the supervisor goes on with its ladder.
 */
final class WindowsChild implements ChildProcess {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsChild.class);

    /** The exit code a terminated tree gets (as {@code taskkill /f} gives). */
    static final int TERMINATED_EXIT_CODE = 1;
    /** Suspend/resume, and the query right IsProcessInJob needs (Wine wants the full one, Windows either). */
    private static final int FREEZE_ACCESS = Kernel32Ex.PROCESS_SUSPEND_RESUME | Kernel32Ex.PROCESS_QUERY_INFORMATION;
    /** Rounds of "list the job, freeze what is new" before giving up on a tree that keeps growing. */
    private static final int FREEZE_ROUNDS = 20;

    /**
     * Jobs of trees deliberately left running ({@code AppStopMethodSkip} bit 8): never closed, so
     * that the tree still dies with the wrapper (kill-on-close), as docs/parameters.md promises.
     */
    private static final List<JobObject> KEPT_JOBS = Collections.synchronizedList(new ArrayList<>());

    private final ProcessHandleW main;
    private final JobObject job;
    /** With AppKillProcessTree=0: a kill-on-close job holding the main process only (children break away). */
    private final JobObject lifeJob;
    private final ChildStdio stdio;
    private final String commandLine;
    private final ConsoleMode console;
    private final List<String> launchWarnings;
    /** The job's notifications when AppMemoryLimit is set; null otherwise. */
    private final JobNotifications notifications;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final List<ProcessHandleW> frozen = new ArrayList<>();
    private boolean treeKilled;
    private volatile boolean closed;

    WindowsChild(ProcessHandleW main, JobObject job, JobObject lifeJob, ChildStdio stdio, String commandLine,
                 ConsoleMode console, List<String> launchWarnings, JobNotifications notifications) {
        this.launchWarnings = List.copyOf(launchWarnings);
        this.notifications = notifications;
        this.lifeJob = lifeJob;
        this.main = main;
        this.job = job;
        this.stdio = stdio;
        this.commandLine = commandLine;
        this.console = console;
    }

    /** Starts the thread that completes {@link #onExit()}; it waits on a handle of its own. */
    void watchExit() {
        ProcessHandleW waiter = main.duplicate();
        Thread t = new Thread(() -> waitForExit(waiter), "jsrvany-exit-" + main.pid());
        t.setDaemon(true);
        t.start();
    }

    private void waitForExit(ProcessHandleW waiter) {
        try (waiter) {
            OptionalInt code;
            do {
                code = waiter.waitFor(Duration.ofDays(1));
            } while (code.isEmpty());
            exit.complete(code.getAsInt());
        } catch (RuntimeException e) {
            LOG.error("Waiting for the child (pid {}) failed", main.pid(), e);
            exit.completeExceptionally(e);
        }
    }

    @Override
    public long pid() {
        return main.pid();
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
    public List<String> launchWarnings() {
        return launchWarnings;
    }

    @Override
    public void onLimitBreach(java.util.function.Consumer<org.jsrvany.core.process.LimitBreach> handler) {
        if (notifications != null) {
            notifications.onBreach(handler);
        }
    }

    /**
     * The job's processes, accounted CPU and peak memory; only the main process (no numbers) without a job. Not
     * synchronized: the publisher's thread must not wait for a stop step; the job object guards itself.
     */
    @Override
    public java.util.Optional<org.jsrvany.core.process.TreeUsage> usage() {
        if (closed) {
            return java.util.Optional.empty();
        }
        try {
            List<Long> pids = new ArrayList<>();
            for (int pid : treePids()) {
                pids.add((long) pid);
            }
            if (job == null) {
                return java.util.Optional.of(new org.jsrvany.core.process.TreeUsage(pids, java.util.OptionalLong.empty(),
                        java.util.OptionalLong.empty(), Duration.ZERO));
            }
            long peak = job.peakJobMemory();
            return java.util.Optional.of(new org.jsrvany.core.process.TreeUsage(pids, workingSet(pids),
                    peak > 0 ? java.util.OptionalLong.of(peak) : java.util.OptionalLong.empty(), job.cpuTime()));
        } catch (RuntimeException e) { // Win32 failures, or the handles closed meanwhile (the run ended)
            LOG.debug("Cannot measure the tree of pid {}: {}", main.pid(), e.getMessage());
            return java.util.Optional.empty();
        }
    }

    /**
     * The sum of the working sets of the job's processes; a process that ended meanwhile, or whose pid now names a
     * process outside the job, counts nothing. Empty when none could be read.
     */
    private java.util.OptionalLong workingSet(List<Long> pids) {
        long sum = 0;
        boolean any = false;
        for (long pid : pids) {
            try (ProcessHandleW p = ProcessHandleW.open((int) pid, Kernel32Ex.PROCESS_QUERY_INFORMATION)) {
                if (p.isIn(job)) {
                    sum += p.workingSet();
                    any = true;
                }
            } catch (Win32CallException e) {
                LOG.debug("No memory figure for pid {}: {}", pid, e.getMessage());
            }
        }
        return any ? java.util.OptionalLong.of(sum) : java.util.OptionalLong.empty();
    }

    @Override
    public InputStream stdout() {
        return stdio.stdout();
    }

    @Override
    public InputStream stderr() {
        return stdio.stderr();
    }

    /** A step delivered without a budget may take this long (the Ctrl+C helper's own bound). */
    static final Duration UNBUDGETED = CtrlCHelper.BOUND;

    @Override
    public boolean deliver(StopStep step) {
        return deliver(step, UNBUDGETED);
    }

    /** The user's session the child runs in ({@code AppSession}); 0 = the wrapper's own. */
    private int userSession;
    /** Whether it runs with the user's elevated linked token ({@code AppSessionElevated}). */
    private boolean userElevated;

    /**
     * The child runs in a user's session, on another desktop: from session 0 no Ctrl+C (its console belongs to
     * that session), WM_CLOSE (windows are enumerated on the caller's desktop only) or WM_QUIT reaches it, so
     * those steps go through a helper started there with the user's token ({@link UserSessionSteps},
     * docs/desktop-session.md).
     */
    synchronized void runsInUserSession(int session, boolean elevated) {
        userSession = session;
        userElevated = elevated;
    }

    /**
     * Ctrl+C can take time (through the helper, in the foreground), and so can every graceful step of a child in a
     * user's session (through {@link UserSessionSteps}); each stays within {@code budget}.
     */
    @Override
    public synchronized boolean deliver(StopStep step, Duration budget) {
        if (closed) {
            return false;
        }
        if (userSession != 0 && step != StopStep.TERMINATE) {
            if (step == StopStep.CONSOLE && !console.hasConsole()) {
                return false;
            }
            Set<Integer> pids = treePids();
            if (pids.isEmpty()) {
                return false;
            }
            try {
                return UserSessionSteps.deliver(step, userSession, userElevated, pids, job != null ? job : lifeJob,
                        budget);
            } catch (Win32CallException | IllegalStateException e) {
                LOG.warn("Stop step {} for pid {} in session {} failed: {}", step, main.pid(), userSession,
                        e.getMessage());
                return false;
            }
        }
        try {
            return switch (step) {
                case CONSOLE -> console.hasConsole() && ConsoleCtrl.sendCtrlC(toArray(treePids()), budget)
                        == ConsoleCtrl.Delivery.SENT;
                case WINDOW -> WindowMessages.closeWindows(treePids()) > 0;
                case THREADS -> WindowMessages.quitThreads(treePids()) > 0;
                case TERMINATE -> terminate();
            };
        } catch (Win32CallException e) {
            LOG.warn("Stop step {} for pid {} failed: {}", step, main.pid(), e.getMessage());
            return false;
        }
    }

    /** The tree's process ids, the main process first (the job's list, or the main process alone). */
    private Set<Integer> treePids() {
        Set<Integer> pids = new LinkedHashSet<>();
        boolean mainRunning = main.exitCodeIfEnded().isEmpty();
        if (mainRunning) {
            pids.add(main.pid());
        }
        if (job != null) {
            for (int pid : job.processIds()) {
                if (pid != main.pid() || mainRunning) {
                    pids.add(pid);
                }
            }
        }
        return pids;
    }

    private static int[] toArray(Set<Integer> pids) {
        return pids.stream().mapToInt(Integer::intValue).toArray();
    }

    private boolean terminate() {
        if (job != null) {
            job.terminate(TERMINATED_EXIT_CODE);
            treeKilled = true;
            return true;
        }
        if (main.exitCodeIfEnded().isPresent()) {
            return false;
        }
        main.terminate(TERMINATED_EXIT_CODE);
        return true;
    }

    /**
     * Freezes every process of the job ({@code NtSuspendProcess}), listing the job again until no
     * new process shows up (one may have been starting meanwhile); without a job, the main process.
     * Each frozen process is held by a handle of its own until {@link #resume()}, so a reused pid
     * is never thawed by mistake. Returns once every thread's suspend count is raised.
     */
    @Override
    public synchronized void suspend() {
        if (closed || !frozen.isEmpty()) {
            return;
        }
        if (job == null) {
            freeze(main.duplicate());
            return;
        }
        Set<Integer> seen = new HashSet<>();
        for (int round = 0; round < FREEZE_ROUNDS; round++) {
            boolean newOnes = false;
            for (int pid : job.processIds()) {
                if (seen.add(pid)) {
                    newOnes = true;
                    freezeIfInJob(pid);
                }
            }
            if (!newOnes) {
                return;
            }
        }
        LOG.warn("The tree of pid {} kept starting processes while it was being frozen; some may still run",
                main.pid());
    }

    private void freezeIfInJob(int pid) {
        ProcessHandleW p;
        try {
            p = ProcessHandleW.open(pid, FREEZE_ACCESS);
        } catch (Win32CallException e) {
            LOG.debug("pid {} of the tree is gone or closed to us: {}", pid, e.getMessage());
            return;
        }
        try {
            if (p.isIn(job)) {
                freeze(p);
                return;
            }
        } catch (Win32CallException e) {
            LOG.warn("Could not check pid {} against the job: {}", pid, e.getMessage());
        }
        p.close();
    }

    private void freeze(ProcessHandleW p) {
        try {
            p.suspendAll();
            frozen.add(p);
        } catch (Win32CallException e) {
            LOG.warn("Could not freeze pid {}: {}", p.pid(), e.getMessage());
            p.close();
        }
    }

    @Override
    public synchronized void resume() {
        for (ProcessHandleW p : frozen) {
            try (p) {
                p.resumeAll();
            } catch (Win32CallException e) {
                LOG.warn("Could not thaw pid {}: {}", p.pid(), e.getMessage());
            }
        }
        frozen.clear();
    }

    @Override
    public synchronized void killRemaining() {
        if (job == null || closed) {
            return;
        }
        try {
            job.terminate(TERMINATED_EXIT_CODE);
            treeKilled = true;
        } catch (Win32CallException e) {
            LOG.warn("Could not kill what is left of the tree of pid {}: {}", main.pid(), e.getMessage());
        }
    }

    /**
     * Thaws a frozen tree, closes our handles and the unread pipe ends. The job is closed too
     * (which kills whatever it still holds) only when the tree was killed or is empty; a tree left
     * running on purpose keeps its job open until the wrapper exits, so that it still dies with it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        resume();
        if (notifications != null) {
            quietly("closing the job's notifications", notifications::close);
        }
        quietly("closing the child's pipes", stdio::close);
        quietly("closing the child's process handle", main::close);
        if (lifeJob != null) {
            keepOpenWhileRunning(lifeJob);
        }
        if (job != null) {
            boolean release;
            try {
                release = treeKilled || job.processIds().length == 0;
            } catch (Win32CallException e) {
                LOG.warn("Could not list the tree of pid {}: {}", main.pid(), e.getMessage());
                release = false;
            }
            if (release) {
                quietly("closing the job object", job::close);
            } else {
                KEPT_JOBS.add(job);
                LOG.info("The tree of pid {} is left running; its job object stays open, so it ends with the wrapper",
                        main.pid());
            }
        }
    }

    /** The main-only job: closed once its process ended, else kept so the process still dies with the wrapper. */
    private void keepOpenWhileRunning(JobObject mainOnly) {
        boolean empty;
        try {
            empty = mainOnly.processIds().length == 0;
        } catch (IllegalStateException alreadyClosed) {
            return; // nothing left to keep open
        } catch (Win32CallException e) {
            LOG.warn("Could not list the job of pid {}: {}", main.pid(), e.getMessage());
            empty = false;
        }
        if (empty) {
            quietly("closing the main process's job object", mainOnly::close);
        } else {
            KEPT_JOBS.add(mainOnly);
        }
    }

    /** The console the child was given. */
    ConsoleMode console() {
        return console;
    }

    /** The main-only job of an AppKillProcessTree=0 child (null otherwise), for tests of its effect. */
    JobObject lifeJob() {
        return lifeJob;
    }

    private void quietly(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("{} (pid {}) failed: {}", what, main.pid(), e.getMessage());
        }
    }
}
