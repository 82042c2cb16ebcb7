package org.jsrvany.core.process;

import java.util.Collection;
import java.util.Set;

/**
 * Whether a child of the wrapper was adopted from a run's tree, when the wrapper is the child
 * subreaper: a descendant whose parent dies is re-parented to the wrapper, and from then on only its
 * identity, its session and what else is running can say where it came from.
 */
final class Adoption {
    private Adoption() {
    }

    /** One process for its whole life: a pid alone can be reused. */
    record Identity(long pid, long startTime) {
        static Identity of(ProcEntry p) {
            return new Identity(p.pid(), p.startTime());
        }
    }

    /** A run as the tracker knows it: its main process and every descendant seen so far. */
    record Run(long main, Set<Identity> seen) {
    }

    /**
     * Decides whether {@code child} (a process whose parent is the wrapper) belongs to {@code run}.
     *
     * @param wrapper      the wrapper's own entry (its session)
     * @param ownChildren  processes the wrapper started itself (main processes, watchdogs): never adopted
     * @param others       the other runs whose trees the wrapper holds now
     */
    static boolean belongsTo(ProcEntry child, ProcEntry wrapper, Set<Long> ownChildren, Run run, Collection<Run> others) {
        if (ownChildren.contains(child.pid())) {
            return false;
        }
        Identity id = Identity.of(child);
        if (run.seen().contains(id)) {
            return true;
        }
        for (Run other : others) {
            if (other.seen().contains(id) || child.sid() == other.main()) {
                return false;
            }
        }
        if (child.sid() == run.main()) {
            return true; // still in the session the main process made (setsid gives each run one)
        }
        if (child.sid() == wrapper.sid()) {
            return false; // something else in the wrapper's process started it
        }
        // A new session (setsid, a daemon) never seen before: it can only be this run's if no other run is held.
        return others.isEmpty();
    }
}
