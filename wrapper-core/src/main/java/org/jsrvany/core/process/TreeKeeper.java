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
        long run = runs.incrementAndGet();
        if (level == ContainmentLevel.CGROUP) {
            String name = CgroupPaths.runName(cgroups.pidNamespace(), ProcessHandle.current().pid(), Long.toString(run),
                    serviceName);
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
