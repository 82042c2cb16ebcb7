package org.jsrvany.core.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's process tree held together (while {@code AppKillProcessTree=1}), with the watchdog that kills
 * it if the wrapper dies. The supervisor's thread drives it; the keeper's thread may release a tree that
 * was left running once it is empty.
 */
abstract sealed class Containment permits Containment.CgroupTree, Containment.GroupTree, Subreaper.Tree {
    private static final Logger LOG = LoggerFactory.getLogger(Containment.class);
    /** How long {@link #killAll} waits for the killed tree to be gone. */
    static final Duration KILL_WAIT = Duration.ofSeconds(2);

    /** Null when no watchdog could be started (logged). */
    private final Watchdog watchdog;
    private long main;
    private boolean released;

    Containment(Watchdog watchdog) {
        this.watchdog = watchdog;
    }

    abstract ContainmentLevel level();

    /** Starts the child in the containment (call on the {@link Spawner} thread). */
    Process spawn(Callable<Process> start) throws Exception {
        return start.call();
    }

    /** The child runs, as {@code main} (its process group too). */
    void started(long mainPid) {
        this.main = mainPid;
        if (watchdog != null) {
            watchdog.killGroupOnDeath(mainPid);
        }
    }

    final long main() {
        return main;
    }

    final Watchdog watchdog() {
        return watchdog;
    }

    /** The living processes of the tree now, the main process included while it runs. */
    abstract List<ProcEntry> members();

    /** The living members that are not in the main process's group (a group signal misses them). */
    List<ProcEntry> outsideGroup() {
        List<ProcEntry> outside = new ArrayList<>();
        for (ProcEntry p : members()) {
            if (p.pgid() != main) {
                outside.add(p);
            }
        }
        return outside;
    }

    /** SIGKILL to the whole tree; returns once it is gone or {@link #KILL_WAIT} passed. */
    abstract void killAll();

    boolean empty() {
        return members().isEmpty();
    }

    /** The tree is gone: release the watchdog and what the containment made. Idempotent. */
    void release() {
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
        }
        if (watchdog != null) {
            watchdog.disarm();
        }
    }

    /** "cgroup /sys/fs/cgroup/...", for log lines. */
    abstract String describe();

    /** Waits, polling, until {@code gone} holds or {@code timeout} passed. */
    static boolean await(Duration timeout, java.util.function.BooleanSupplier gone) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!gone.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return gone.getAsBoolean();
            }
        }
        return true;
    }

    /** A cgroup v2 of the run's own. */
    static final class CgroupTree extends Containment {
        private final Cgroup cgroup;
        private final Path home;

        /** {@code home}: the wrapper's own cgroup, the parent of the run's. */
        CgroupTree(Cgroup cgroup, Path home, Watchdog watchdog) {
            super(watchdog);
            this.cgroup = cgroup;
            this.home = home;
        }

        @Override
        ContainmentLevel level() {
            return ContainmentLevel.CGROUP;
        }

        /**
         * Starts the child inside the cgroup: at once when the wrapper already sits there (a cgroup made ahead,
         * {@link TreeKeeper#prepare}), else after moving in. Either way the wrapper is back in its own cgroup when
         * this returns.
         */
        @Override
        Process spawn(Callable<Process> start) throws Exception {
            if (!cgroup.seated()) {
                try {
                    cgroup.enter();
                } catch (java.io.IOException e) {
                    LOG.warn("The wrapper cannot enter {} to start the child there ({}); this run is held by {}", cgroup,
                            e, ContainmentLevel.PROCESS_GROUP.guarantee());
                    return start.call();
                }
            }
            try {
                return start.call();
            } finally {
                cgroup.unseat(home);
            }
        }

        /** The wrapper leaves the cgroup if it sits there ahead of the run (spawner thread only). */
        void unseat() {
            if (cgroup.seated()) {
                cgroup.unseat(home);
            }
        }

        @Override
        List<ProcEntry> members() {
            List<ProcEntry> members = new ArrayList<>();
            for (long pid : cgroup.pids()) {
                ProcessTable.read(pid).filter(p -> !p.zombie()).ifPresent(members::add);
            }
            return members;
        }

        @Override
        void killAll() {
            Kill.send(-main(), LibC.SIGKILL); // the group too, in case the child could not be started inside
            cgroup.kill();
            if (!cgroup.awaitEmpty(KILL_WAIT)) {
                LOG.warn("Processes {} are still in {} {} after SIGKILL (uninterruptible sleep?)", cgroup.pids(),
                        cgroup, KILL_WAIT);
            }
        }

        @Override
        boolean empty() {
            return !cgroup.populated();
        }

        @Override
        void release() {
            super.release();
            cgroup.remove();
        }

        @Override
        String describe() {
            return "cgroup " + cgroup;
        }
    }

    /** The child's process group only. */
    static final class GroupTree extends Containment {
        GroupTree(Watchdog watchdog) {
            super(watchdog);
        }

        @Override
        ContainmentLevel level() {
            return ContainmentLevel.PROCESS_GROUP;
        }

        @Override
        List<ProcEntry> members() {
            List<ProcEntry> members = new ArrayList<>();
            for (ProcEntry p : ProcessTable.read().all()) {
                if (p.pgid() == main() && !p.zombie()) {
                    members.add(p);
                }
            }
            return members;
        }

        @Override
        List<ProcEntry> outsideGroup() {
            return List.of(); // by definition
        }

        @Override
        void killAll() {
            Kill.send(-main(), LibC.SIGKILL);
            await(KILL_WAIT, () -> members().isEmpty());
        }

        @Override
        String describe() {
            return "process group " + main();
        }
    }
}
