package org.jsrvany.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Resource limits, the scheduled restart and the status refresh (docs/limits-metrics.md); every part is
 * off by default ({@link #NONE}).
 *
 * @param restartSchedule  {@code AppRestartAt}, {@code AppRestartEvery}
 * @param memoryLimitBytes {@code AppMemoryLimit} in bytes; 0 = none
 * @param memoryAction     {@code AppMemoryLimitAction}
 * @param cpuRatePercent   {@code AppCpuLimit}, 1 to 100 percent of the whole machine; 0 = none
 * @param statusInterval   {@code AppStatusInterval}; zero = the status is written only on events
 * @param metricsFile      {@code AppMetricsFile}: where the Prometheus text exposition goes, if anywhere
 */
public record LimitSettings(RestartSchedule restartSchedule, long memoryLimitBytes, MemoryLimitAction memoryAction,
                            int cpuRatePercent, Duration statusInterval, Optional<Path> metricsFile) {
    /** Nothing limited, nothing scheduled, no periodic status. */
    public static final LimitSettings NONE =
            new LimitSettings(RestartSchedule.NONE, 0, MemoryLimitAction.RESTART, 0, Duration.ZERO, Optional.empty());

    public LimitSettings {
        Objects.requireNonNull(restartSchedule, "restartSchedule");
        Objects.requireNonNull(memoryAction, "memoryAction");
        Objects.requireNonNull(statusInterval, "statusInterval");
        Objects.requireNonNull(metricsFile, "metricsFile");
        if (memoryLimitBytes < 0) {
            throw new IllegalArgumentException("memoryLimitBytes must be zero or more, not " + memoryLimitBytes);
        }
        if (cpuRatePercent < 0 || cpuRatePercent > 100) {
            throw new IllegalArgumentException("cpuRatePercent must be 0 to 100, not " + cpuRatePercent);
        }
    }

    /** Settings without a metrics file. */
    public LimitSettings(RestartSchedule restartSchedule, long memoryLimitBytes, MemoryLimitAction memoryAction,
                         int cpuRatePercent, Duration statusInterval) {
        this(restartSchedule, memoryLimitBytes, memoryAction, cpuRatePercent, statusInterval, Optional.empty());
    }

    /** Whether the tree's memory or CPU is limited. */
    public boolean limitsResources() {
        return memoryLimitBytes > 0 || cpuRatePercent > 0;
    }
}
