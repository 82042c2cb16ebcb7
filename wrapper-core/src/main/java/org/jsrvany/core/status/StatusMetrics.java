package org.jsrvany.core.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The part of {@link PublishedStatus} added for monitoring (docs/limits-metrics.md): the supervisor's state,
 * the tree's processes, memory and CPU, restarts by their cause, limit breaches, the next scheduled restart
 * and the last exit code's name. Every key is optional in the file: a file written before they existed reads
 * as {@link #NONE}.
 *
 * @param state               the supervisor's state (RUNNING, WAITING_TO_RESTART ...), when known
 * @param treePids            the processes of the child's tree, the main process first; empty when none runs
 * @param memoryBytes         memory the tree uses now, when known
 * @param peakMemoryBytes     the most the tree committed at once, when known (Windows)
 * @param cpuMillis           CPU time (user + kernel) of the tree, when known
 * @param memoryLimitBreaches how many times the tree reached {@code AppMemoryLimit} since the wrapper started
 * @param scheduledRestarts   restarts made by {@code AppRestartAt}/{@code AppRestartEvery}
 * @param memoryLimitRestarts restarts made because the memory limit was reached
 * @param nextScheduledRestart when the next scheduled restart is due, if one is
 * @param lastExitName        the name of the last exit code (STATUS_ACCESS_VIOLATION, SIGKILL), when it has one
 * @param health              the latest liveness check ({@code AppHealthCheck}), once one has looked
 */
public record StatusMetrics(Optional<String> state, List<Long> treePids, OptionalLong memoryBytes,
                            OptionalLong peakMemoryBytes, OptionalLong cpuMillis, long memoryLimitBreaches,
                            long scheduledRestarts, long memoryLimitRestarts, Optional<Instant> nextScheduledRestart,
                            Optional<String> lastExitName, Optional<HealthResult> health) {
    /** Nothing known (a file from before these keys, or a fresh wrapper). */
    public static final StatusMetrics NONE = new StatusMetrics(Optional.empty(), List.of(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), 0, 0, 0, Optional.empty(), Optional.empty());

    /** Without a liveness check. */
    public StatusMetrics(Optional<String> state, List<Long> treePids, OptionalLong memoryBytes,
                         OptionalLong peakMemoryBytes, OptionalLong cpuMillis, long memoryLimitBreaches,
                         long scheduledRestarts, long memoryLimitRestarts, Optional<Instant> nextScheduledRestart,
                         Optional<String> lastExitName) {
        this(state, treePids, memoryBytes, peakMemoryBytes, cpuMillis, memoryLimitBreaches, scheduledRestarts,
                memoryLimitRestarts, nextScheduledRestart, lastExitName, Optional.empty());
    }

    public StatusMetrics {
        Objects.requireNonNull(state, "state");
        treePids = List.copyOf(treePids);
        Objects.requireNonNull(memoryBytes, "memoryBytes");
        Objects.requireNonNull(peakMemoryBytes, "peakMemoryBytes");
        Objects.requireNonNull(cpuMillis, "cpuMillis");
        Objects.requireNonNull(nextScheduledRestart, "nextScheduledRestart");
        Objects.requireNonNull(lastExitName, "lastExitName");
        Objects.requireNonNull(health, "health");
        if (memoryLimitBreaches < 0 || scheduledRestarts < 0 || memoryLimitRestarts < 0) {
            throw new IllegalArgumentException("counters must be zero or more");
        }
    }
}
