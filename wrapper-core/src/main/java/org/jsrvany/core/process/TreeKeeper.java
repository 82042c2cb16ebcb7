package org.jsrvany.core.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds every run's tree together at the strongest level this machine allows (a cgroup, else the
 * wrapper as subreaper, else the process group), decided once, logged once. Every second its thread
 * follows the trees under the subreaper and releases trees that were left running once they are empty.
 */
final class TreeKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(TreeKeeper.class);

    private final ContainmentLevel level;
    private final String setsid;
    private final Cgroup.Probe.Usable cgroups;
    private final Subreaper subreaper;
    private final Set<Long> ownChildren;
    private final AtomicLong runs = new AtomicLong();
    private final List<Containment> leftRunning = new CopyOnWriteArrayList<>();
    private boolean ticking;
    /** The next run's containment, made ahead ({@link #prepareNext}); these four on the spawner thread only. */
    private Containment.CgroupTree prepared;
    private String preparedFor;
    private boolean closed;
    private boolean hookAdded;

    private TreeKeeper(ContainmentLevel level, String setsid, Cgroup.Probe.Usable cgroups, Subreaper subreaper,
                       Set<Long> ownChildren) {
        this.level = level;
        this.setsid = setsid;
        this.cgroups = cgroups;
        this.subreaper = subreaper;
        this.ownChildren = ownChildren;
        if (subreaper != null) {
            startTicking();
        }
    }

    /**
     * Starts the thread that ticks every second: at once for the subreaper (it follows the trees all the time),
     * else only once a tree is left running; an idle wrapper held by a cgroup or a process group has no such
     * thread (issue 12: threads that need not exist).
     */
    private synchronized void startTicking() {
        if (ticking) {
            return;
        }
        ticking = true;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jsrvany-tree-keeper");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Finds the strongest level available, no stronger than {@code strongest}, and logs which one is in use
     * and why a stronger one is not.
     */
    static TreeKeeper establish(ContainmentLevel strongest, String setsid) {
        Set<Long> ownChildren = ConcurrentHashMap.newKeySet();
        String weaker = "";
        leaveAnySeat();
        if (strongest == ContainmentLevel.CGROUP) {
            Cgroup.Probe probe = Cgroup.probe();
            if (probe instanceof Cgroup.Probe.Usable usable) {
                Cgroup.sweepStale(usable.parent(), usable.pidNamespace());
                LOG.info("Process trees are held by {} (in {})", ContainmentLevel.CGROUP.guarantee(), usable.parent());
                return new TreeKeeper(ContainmentLevel.CGROUP, setsid, usable, null, ownChildren);
            }
            weaker = "no cgroup: " + ((Cgroup.Probe.Unusable) probe).reason();
        }
        if (strongest != ContainmentLevel.PROCESS_GROUP) {
            try {
                Subreaper subreaper = Subreaper.become(ownChildren);
                LOG.info("Process trees are held by {}{}", ContainmentLevel.SUBREAPER.guarantee(), because(weaker));
                return new TreeKeeper(ContainmentLevel.SUBREAPER, setsid, null, subreaper, ownChildren);
            } catch (IllegalStateException e) {
                weaker = weaker.isEmpty() ? e.getMessage() : weaker + "; " + e.getMessage();
            }
        }
        LOG.warn("Process trees are held by {}{}", ContainmentLevel.PROCESS_GROUP.guarantee(), because(weaker));
        return new TreeKeeper(ContainmentLevel.PROCESS_GROUP, setsid, null, null, ownChildren);
    }

    /**
     * A JVM that already holds a keeper (tests make several) may sit in that keeper's prepared cgroup: a new
     * keeper starts from the wrapper's own cgroup (the probe finds it there, and the new keeper's children are
     * not born in another keeper's cgroup); the other keeper's next run enters its cgroup at its start.
     */
    private static void leaveAnySeat() {
        onSpawner("leaving a prepared cgroup", () -> {
            Cgroup.leaveSeat();
            return null;
        });
    }

    private static String because(String reason) {
        return reason.isEmpty() ? "" : " (" + reason + ")";
    }

    ContainmentLevel level() {
        return level;
    }

    /** Processes this JVM started for the children: the subreaper never reaps them. */
    Set<Long> ownChildren() {
        return ownChildren;
    }

    /**
     * A containment for a new run, its watchdog already armed (so the child is covered from its first
     * instruction). Falls back to the process group, with a warning, if the run's cgroup cannot be made.
     */
    Containment newTree(String serviceName) {
        if (level == ContainmentLevel.CGROUP) {
            Containment ready = takePrepared(serviceName);
            if (ready != null) {
                return ready;
            }
        }
        if (level == ContainmentLevel.CGROUP) {
            String name = nextRunName(serviceName);
            Cgroup cgroup;
            try {
                cgroup = Cgroup.create(cgroups.parent(), name);
            } catch (IOException e) {
                LOG.warn("The cgroup {} cannot be made ({}); this run is held by {}", cgroups.parent().resolve(name), e,
                        ContainmentLevel.PROCESS_GROUP.guarantee());
                return new Containment.GroupTree(watchdog(null));
            }
            return new Containment.CgroupTree(cgroup, cgroups.parent(), watchdog(cgroup.dir()));
        }
        if (level == ContainmentLevel.SUBREAPER) {
            return subreaper.newTree(watchdog(null));
        }
        return new Containment.GroupTree(watchdog(null));
    }

    /**
     * Makes the next run's cgroup and watchdog now, while this run's child runs, and moves the wrapper into that
     * cgroup (see {@link Cgroup#seatIn}): the next start is then a fork, without the cgroup move (an RCU grace
     * period, about 10 ms), the directory and the watchdog's start between the child's exit and the next start.
     * Queued on the spawner thread after the start that called it; best effort: when anything fails, the next run
     * makes its own as before. Only at the cgroup level (the others have no move to save).
     */
    void prepareNext(String serviceName) {
        if (level != ContainmentLevel.CGROUP) {
            return;
        }
        Spawner.later(() -> prepare(serviceName));
    }

    /** Spawner thread only. */
    private void prepare(String serviceName) {
        if (prepared != null || closed) {
            return;
        }
        String name = nextRunName(serviceName);
        Cgroup cgroup;
        try {
            cgroup = Cgroup.create(cgroups.parent(), name);
        } catch (IOException e) {
            LOG.debug("the next run's cgroup {} cannot be made ahead ({}); it is made at its start", name, e.toString());
            return;
        }
        Containment.CgroupTree tree = new Containment.CgroupTree(cgroup, cgroups.parent(), watchdog(cgroup.dir()));
        try {
            cgroup.seatIn(cgroups.parent());
        } catch (IOException e) {
            LOG.debug("the wrapper cannot wait in {} ({}); the next run enters its cgroup at its start", cgroup,
                    e.toString());
        }
        prepared = tree;
        preparedFor = serviceName;
        if (!hookAdded) {
            hookAdded = true;
            Runtime.getRuntime().addShutdownHook(new Thread(this::closePrepared, "jsrvany-cgroup-release"));
        }
    }

    /** {@code jsrvany-<pid namespace>-<wrapper pid>-<run>-<service>} for the next run number. */
    private String nextRunName(String serviceName) {
        return CgroupPaths.runName(cgroups.pidNamespace(), ProcessHandle.current().pid(),
                Long.toString(runs.incrementAndGet()), serviceName);
    }

    /** The cgroup made ahead, if it was made for this service; else (none, or another name) null. */
    private Containment takePrepared(String serviceName) {
        return onSpawner("taking the prepared cgroup", () -> {
            Containment.CgroupTree tree = prepared;
            String name = preparedFor;
            prepared = null;
            preparedFor = null;
            if (tree == null || name.equals(serviceName)) {
                return tree;
            }
            discard(tree);
            return null;
        });
    }

    /** {@code task} on the spawner thread; null (logged) if it failed. */
    private static <T> T onSpawner(String what, java.util.concurrent.Callable<T> task) {
        try {
            return Spawner.call(task);
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.debug("{} failed: {}", what, e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Spawner thread only: leaves the prepared cgroup, removes it and releases its watchdog. */
    private void discard(Containment.CgroupTree tree) {
        tree.unseat();
        tree.release();
    }

    /** No run will follow (the service ends): the cgroup made ahead is removed and its watchdog released. */
    void releasePrepared() {
        release(false);
    }

    /**
     * At the wrapper's exit, should the service's end not have said so: the cgroup made for a run that will not
     * come is removed and its watchdog released (without this, the watchdog would see the wrapper gone and
     * remove the empty cgroup itself).
     */
    private void closePrepared() {
        release(true);
    }

    private void release(boolean forGood) {
        if (level != ContainmentLevel.CGROUP) {
            return;
        }
        onSpawner("releasing the prepared cgroup", () -> {
            closed |= forGood;
            Containment.CgroupTree tree = prepared;
            prepared = null;
            if (tree != null) {
                discard(tree);
            }
            return null;
        });
    }

    private Watchdog watchdog(Path cgroup) {
        try {
            return Watchdog.start(setsid, cgroup, ownChildren);
        } catch (IOException e) {
            LOG.error("The watchdog cannot be started ({}); if the wrapper is killed, the child's tree outlives it",
                    e.getMessage());
            return null;
        }
    }

    /** A closed run whose tree still runs (the stop ladder skipped terminate): released once it is empty. */
    void leftRunning(Containment tree) {
        leftRunning.add(tree);
        startTicking();
    }

    private void tick() {
        try {
            if (subreaper != null && subreaper.holdsTrees()) {
                subreaper.scan();
            }
            for (Containment tree : leftRunning) {
                if (tree.empty()) {
                    leftRunning.remove(tree);
                    tree.release();
                    LOG.info("The tree left running ({}) has ended", tree.describe());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Following the child trees failed: {}", e.toString());
        }
    }
}
