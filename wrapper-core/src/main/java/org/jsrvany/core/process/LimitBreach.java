package org.jsrvany.core.process;

/**
 * The platform reported that the child's tree reached one of its limits (Windows: a job object
 * notification; Linux: a new {@code max} or {@code oom_kill} event in the cgroup's {@code memory.events}).
 *
 * @param kind   which limit
 * @param detail what the platform said, for the log ("pid 1234 asked for more than the job's 256 MiB")
 */
public record LimitBreach(Kind kind, String detail) {
    /** The limits a breach can concern. */
    public enum Kind {
        /** {@code AppMemoryLimit}: the whole tree's memory. */
        MEMORY
    }
}
