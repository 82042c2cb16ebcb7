package org.jsrvany.core.win32.process;

import java.util.Optional;
import org.jsrvany.core.process.LimitBreach;

/** What a job notification means for the supervisor: the decision part of {@link JobNotifications}, pure. */
final class JobMessages {
    private JobMessages() {
    }

    /**
     * The limit breach a message reports, or empty for the messages the supervisor learns otherwise (a new or
     * ended process, an empty job).
     *
     * @param message    the message id (GetQueuedCompletionStatus's byte count)
     * @param pid        the process id the message carries (its lpOverlapped), 0 when none
     * @param limitBytes the job's memory limit, for the sentence
     */
    static Optional<LimitBreach> breach(int message, long pid, long limitBytes) {
        if (message == Kernel32Ex.JOB_OBJECT_MSG_JOB_MEMORY_LIMIT) {
            return Optional.of(new LimitBreach(LimitBreach.Kind.MEMORY, (pid == 0 ? "a process of the tree" : "pid " + pid)
                    + " asked for more memory than the tree's limit of " + mib(limitBytes) + " MiB allows"));
        }
        if (message == Kernel32Ex.JOB_OBJECT_MSG_PROCESS_MEMORY_LIMIT) {
            // jsrvany sets no per-process limit; a parent job's could still be reported here.
            return Optional.of(new LimitBreach(LimitBreach.Kind.MEMORY, (pid == 0 ? "a process of the tree" : "pid " + pid)
                    + " reached a per-process memory limit"));
        }
        return Optional.empty();
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
