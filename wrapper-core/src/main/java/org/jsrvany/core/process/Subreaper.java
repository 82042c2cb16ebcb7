package org.jsrvany.core.process;

import com.sun.jna.LastErrorException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wrapper as child subreaper ({@code prctl(PR_SET_CHILD_SUBREAPER)}): a descendant whose parent dies
 * is re-parented to the wrapper instead of init, so every living descendant of a run is found by its
 * ancestry (see {@link Adoption} for which run an adopted process belongs to). The wrapper also has to
 * reap those adopted processes, or they stay zombies. Processes the JVM started itself are never reaped
 * here: the JDK waits for them.
 */
final class Subreaper {
    private static final Logger LOG = LoggerFactory.getLogger(Subreaper.class);
    private static final long STOP_SETTLE_NANOS = 200_000_000L;

    private final long self;
    private final Set<Long> ownChildren;
    private final List<Tree> live = new ArrayList<>();

    private Subreaper(long self, Set<Long> ownChildren) {
        this.self = self;
        this.ownChildren = ownChildren;
    }

    /**
     * Makes this process the child subreaper.
     *
     * @param ownChildren the processes this JVM starts itself (main processes, watchdogs), kept up to date by
     *     the caller
     * @throws IllegalStateException with the reason when the kernel refuses
     */
    static Subreaper become(Set<Long> ownChildren) {
        try {
            LibC.INSTANCE.prctl(LibC.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("prctl(PR_SET_CHILD_SUBREAPER) failed: " + e.getMessage(), e);
        }
        long self = ProcessHandle.current().pid();
        if (ProcessTable.read(self).isEmpty()) {
            throw new IllegalStateException("/proc does not show this process");
        }
        return new Subreaper(self, ownChildren);
    }

    synchronized Tree newTree(Watchdog watchdog) {
        Tree t = new Tree(watchdog);
        live.add(t);
        return t;
    }

    synchronized boolean holdsTrees() {
        return !live.isEmpty();
    }

    private synchronized void forget(Tree t) {
        live.remove(t);
    }

    /**
     * One look at every tree: its living members, the new ones told to its watchdog, adopted zombies
     * reaped. The keeper calls it every second; each tree calls it when asked for its members.
     */
    synchronized Map<Tree, List<ProcEntry>> scan() {
        ProcessTable table = ProcessTable.read();
        Map<Tree, List<ProcEntry>> result = new HashMap<>();
        ProcEntry wrapper = table.get(self).orElse(null);
        if (wrapper == null) {
            return result;
        }
        for (Tree t : live) {
            if (t.main() == 0) {
                continue; // not started yet
            }
            List<Adoption.Run> others = new ArrayList<>();
            for (Tree o : live) {
                if (o != t) {
                    others.add(o.run());
                }
            }
            List<Long> roots = new ArrayList<>(List.of(t.main()));
            for (ProcEntry c : table.childrenOf(self)) {
                if (Adoption.belongsTo(c, wrapper, ownChildren, t.run(), others)) {
                    roots.add(c.pid());
                }
            }
            List<ProcEntry> living = new ArrayList<>();
            for (ProcEntry p : table.tree(roots)) {
                if (p.pid() != t.main() && t.seen.add(Adoption.Identity.of(p))) {
                    LOG.debug("Tracking {} of the tree of pid {}", p.describe(), t.main());
                    if (t.watchdog() != null) {
                        t.watchdog().killOnDeath(p.pid(), p.startTime());
                    }
                }
                if (!p.zombie()) {
                    living.add(p);
                } else if (p.ppid() == self && !ownChildren.contains(p.pid())) {
                    reap(p.pid());
                }
            }
            result.put(t, living);
            forgetTheDead(t, table);
        }
        return result;
    }

    /** Keeps what a tree remembers (and its watchdog is told) to the processes that still exist. */
    private static void forgetTheDead(Tree t, ProcessTable table) {
        t.seen.removeIf(id -> table.get(id.pid()).map(p -> p.startTime() != id.startTime()).orElse(true));
        Watchdog w = t.watchdog();
        if (w != null && w.told() > 2 * t.seen.size() + 64) {
            List<String> lines = new ArrayList<>(List.of("g " + t.main()));
            for (Adoption.Identity id : t.seen) {
                lines.add("p " + id.pid() + " " + id.startTime());
            }
            w.renew(lines);
        }
    }

    private static void reap(long pid) {
        try {
            LibC.INSTANCE.waitpid((int) pid, new int[1], LibC.WNOHANG);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != LibC.ECHILD) {
                LOG.debug("waitpid({}) failed with errno {}", pid, e.getErrorCode());
            }
        }
    }

    /** One run's tree under the subreaper. */
    final class Tree extends Containment {
        /** Every descendant seen so far (guarded by the subreaper's lock). */
        private final Set<Adoption.Identity> seen = ConcurrentHashMap.newKeySet();

        private Tree(Watchdog watchdog) {
            super(watchdog);
        }

        Adoption.Run run() {
            return new Adoption.Run(main(), seen);
        }

        @Override
        ContainmentLevel level() {
            return ContainmentLevel.SUBREAPER;
        }

        @Override
        List<ProcEntry> members() {
            return scan().getOrDefault(this, List.of());
        }

        /** Stops the whole tree first (a stopped process cannot fork), then kills it, then reaps it. */
        @Override
        void killAll() {
            Set<Long> stopped = new HashSet<>();
            long since = System.nanoTime();
            while (true) {
                boolean newcomer = false;
                boolean allStopped = true;
                for (ProcEntry p : members()) {
                    if (stopped.add(p.pid())) {
                        newcomer = true;
                        Kill.send(p.pid(), LibC.SIGSTOP);
                    }
                    allStopped &= p.stopped();
                }
                if (!newcomer && (allStopped || System.nanoTime() - since > STOP_SETTLE_NANOS)) {
                    break;
                }
            }
            for (ProcEntry p : members()) {
                Kill.send(p.pid(), LibC.SIGKILL);
            }
            if (!await(KILL_WAIT, () -> members().isEmpty())) {
                LOG.warn("Processes {} of the tree of pid {} are still there {} after SIGKILL", members(), main(), KILL_WAIT);
            }
        }

        @Override
        void release() {
            super.release();
            forget(this);
        }

        @Override
        String describe() {
            return "the tree of pid " + main() + " (the wrapper is its subreaper)";
        }
    }
}
