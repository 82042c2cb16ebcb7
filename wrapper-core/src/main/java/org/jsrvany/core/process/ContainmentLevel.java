package org.jsrvany.core.process;

/** How firmly a run's process tree is held together on Linux, strongest first (docs/launcher.md). */
enum ContainmentLevel {
    /** A cgroup v2 of its own per run: the kernel tracks every descendant, whatever it does. */
    CGROUP("a cgroup v2 of its own per run: every descendant, whatever session or group it makes, is signalled"
            + " on stop and killed at the end of each run and when the wrapper dies"),
    /** The wrapper is the child subreaper: orphans come back to it, so ancestry finds every descendant. */
    SUBREAPER("the wrapper as child subreaper: descendants that leave the process group are found by their"
            + " ancestry, signalled on stop and killed at the end of each run; when the wrapper is killed, those"
            + " seen up to a second before are killed"),
    /** Only the child's process group (and its parent-death signal). */
    PROCESS_GROUP("the process group only: descendants that leave it (setsid, setpgid, daemons) are not"
            + " contained");

    private final String guarantee;

    ContainmentLevel(String guarantee) {
        this.guarantee = guarantee;
    }

    /** What this level guarantees, for the log line that says which level is in use. */
    String guarantee() {
        return guarantee;
    }
}
