package org.jsrvany.core.process;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the child's tree uses now, for the published status and the metrics.
 *
 * @param pids            the processes of the tree, the main process first when it still runs
 * @param memoryBytes     memory in use now (Linux: resident set of the tree's processes); empty when unknown
 * @param peakMemoryBytes the most the tree has committed at once (Windows: the job's {@code PeakJobMemoryUsed});
 *                        empty when unknown
 * @param cpuTime         user plus kernel CPU time (Windows: of every process the job ever held; Linux: of the
 *                        processes running now)
 */
public record TreeUsage(List<Long> pids, OptionalLong memoryBytes, OptionalLong peakMemoryBytes, Duration cpuTime) {
    public TreeUsage {
        pids = List.copyOf(pids);
        Objects.requireNonNull(memoryBytes, "memoryBytes");
        Objects.requireNonNull(peakMemoryBytes, "peakMemoryBytes");
        Objects.requireNonNull(cpuTime, "cpuTime");
    }
}
