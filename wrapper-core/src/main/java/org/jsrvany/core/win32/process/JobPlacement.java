package org.jsrvany.core.win32.process;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the child gets into a kill-on-close job of its own when the wrapper itself may already run inside
 * a job (a CI agent, Task Scheduler, a service host that uses jobs). Pure: tested on any OS.
 *
 * <p>Since Windows 8 and Server 2012 jobs nest: a process in a job can be assigned to a second one, so
 * the child simply goes into our job inside the outer one. Windows 7 and Server 2008 R2 have no nested
 * jobs: {@code AssignProcessToJobObject} fails for a process that is already in a job, and every child
 * of a process in a job is in that job, unless the outer job lets children leave
 * ({@code JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK}: they are never in it;
 * {@code JOB_OBJECT_LIMIT_BREAKAWAY_OK}: they leave when created with {@code CREATE_BREAKAWAY_FROM_JOB}).
 * When it allows neither, no job of ours can hold the tree: the child runs uncontained, and the wrapper
 * says so (log and event), never silently.
 */
enum JobPlacement {
    /** The wrapper is in no job, or its job lets children leave silently: our own job, as usual. */
    OWN_JOB(0, true),
    /** Inside a job, on a Windows with nested jobs: our job inside the outer one. */
    NESTED(0, true),
    /** Windows 7, inside a job that allows breakaway: {@code CREATE_BREAKAWAY_FROM_JOB}, then our own job. */
    BREAKAWAY(Kernel32Ex.CREATE_BREAKAWAY_FROM_JOB, true),
    /** Windows 7, inside a job that allows no breakaway: no job of ours; the tree is not contained. */
    UNCONTAINED(0, false);

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+).*");

    private final int creationFlag;
    private final boolean contained;

    JobPlacement(int creationFlag, boolean contained) {
        this.creationFlag = creationFlag;
        this.contained = contained;
    }

    /** The flag {@code CreateProcessW} needs for this placement. */
    int creationFlag() {
        return creationFlag;
    }

    /** Whether the child goes into a job of ours at all. */
    boolean contained() {
        return contained;
    }

    /**
     * @param outerLimitFlags the {@code LimitFlags} of the job the wrapper runs in; empty when it runs in none
     * @param nestedJobs      whether this Windows nests jobs (8 / Server 2012 and later)
     */
    static JobPlacement decide(OptionalInt outerLimitFlags, boolean nestedJobs) {
        if (outerLimitFlags.isEmpty()) {
            return OWN_JOB;
        }
        int flags = outerLimitFlags.getAsInt();
        if ((flags & Kernel32Ex.JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK) != 0) {
            return OWN_JOB;
        }
        if (nestedJobs) {
            return NESTED;
        }
        return (flags & Kernel32Ex.JOB_OBJECT_LIMIT_BREAKAWAY_OK) != 0 ? BREAKAWAY : UNCONTAINED;
    }

    /** Whether a Windows of this {@code os.version} ("6.1", "10.0") nests jobs: 6.2 (Windows 8) and later. */
    static boolean nestedJobs(String osVersion) {
        Matcher m = VERSION.matcher(osVersion == null ? "" : osVersion.trim());
        if (!m.matches()) {
            return true; // an unreadable version is taken for a current one
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 6 || (major == 6 && minor >= 2);
    }

    /** The warning for a tree that is not contained; one sentence with what to do. */
    static String uncontainedWarning(int pid) {
        return "The program (pid " + pid + ") runs outside any job object of jsrvany, so its process tree is not"
                + " contained: the wrapper itself runs inside a job that allows no breakaway, and this Windows (before 8"
                + " / Server 2012) has no nested jobs. Its processes do not end with the wrapper, and pause and the"
                + " stop ladder's kill reach the main process only. Run the wrapper outside that job, or let the job"
                + " allow breakaway (JOB_OBJECT_LIMIT_BREAKAWAY_OK)";
    }
}
