package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.status.PublishedStatus;
import org.jsrvany.core.status.StatusMetrics;
import org.junit.jupiter.api.Test;

/** The install options, get/set and status fields of the limits, scheduled restart and metrics (limits-metrics.md). */
class LimitsOptionsTest extends HarnessTest {
    @Test
    void installOptionsBecomeTheParameters() {
        Path prom = temp.resolve("textfile_inputs/myapp.prom");
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--restart-at", "3:30", "--restart-every", "6h",
                "--memory-limit", "512M", "--memory-limit-action", "FAIL", "--cpu-limit", "25%", "--status-interval", "10s",
                "--metrics-file", prom.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(h.store.key("MyApp").values)
                .containsEntry(Param.APP_RESTART_AT, new RawValue.Text("3:30", false))
                .containsEntry(Param.APP_RESTART_EVERY, new RawValue.Dword(21600))
                .containsEntry(Param.APP_MEMORY_LIMIT, new RawValue.Dword(512))
                .containsEntry(Param.APP_MEMORY_LIMIT_ACTION, new RawValue.Text("Fail", false))
                .containsEntry(Param.APP_CPU_LIMIT, new RawValue.Dword(25))
                .containsEntry(Param.APP_STATUS_INTERVAL, new RawValue.Dword(10))
                .containsEntry(Param.APP_METRICS_FILE, new RawValue.Text(prom.toString(), true));
        assertThat(h.run("get", "MyApp", "AppRestartAt").out()).isEqualTo("3:30\n");
    }

    @Test
    void badValuesAreRefusedWithASentence() {
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--memory-limit", "1.5K", "--cpu-limit", "lots");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--memory-limit '1.5K' is not a size in whole MiB: write e.g. 512M or 2G.")
                .contains("--cpu-limit 'lots' is not valid");
        Harness.Result set = h.run("install", "Other", h.app.toString(), "--restart-at", "25:00");
        assertThat(set.exit()).isNotZero();
        assertThat(set.err()).contains("AppRestartAt is '25:00': expected a local time HH:MM");
    }

    @Test
    void statusShowsTheTreeTheRestartsByCauseAndTheExitCodesName() throws IOException {
        h.installed("MyApp");
        h.run("start", "MyApp");
        Instant started = h.clock.instant().minus(Duration.ofMinutes(90));
        StatusMetrics m = new StatusMetrics(Optional.of("RUNNING"), List.of(4242L, 4300L), OptionalLong.of(52_428_800),
                OptionalLong.empty(), OptionalLong.of(61_000), 1, 2, 1, Optional.of(started.plusSeconds(86_400)),
                Optional.of("SIGKILL"));
        new PublishedStatus("MyApp", 4000, started, OptionalLong.of(4242), Optional.of(started.plusSeconds(60)), 3,
                OptionalLong.of(137), Optional.of(started.plusSeconds(50)), started.plusSeconds(60), 0, m)
                .write(PublishedStatus.file(h.programData, "MyApp"));
        Harness.Result text = h.run("status", "MyApp");
        assertThat(text.out()).contains("Restarts:    3 (2 scheduled, 1 at the memory limit)")
                .contains("Tree:        pids 4242, 4300").contains("Usage:       50.0 MiB memory, CPU 61 s")
                .contains("Limits:      memory limit reached 1 time(s)")
                .contains("Next restart: " + started.plusSeconds(86_400))
                .contains("Last exit:   137 (SIGKILL)");
        Harness.Result json = h.run("status", "MyApp", "--json");
        assertThat(json.out()).contains("\"lastExitName\": \"SIGKILL\"").contains("\"supervisorState\": \"RUNNING\"")
                .contains("\"memoryBytes\": 52428800").contains("\"peakMemoryBytes\": null").contains("\"cpuMillis\": 61000")
                .contains("\"memoryLimitBreaches\": 1").contains("\"scheduledRestarts\": 2")
                .contains("\"memoryLimitRestarts\": 1").contains("\"nextScheduledRestart\": \"" + started.plusSeconds(86_400))
                .contains("\"treePids\": [\n    4242,\n    4300\n  ]");
    }

    @Test
    void statusShowsTheLatestHealthCheck() throws IOException {
        h.installed("MyApp");
        h.run("start", "MyApp");
        Instant started = h.clock.instant().minus(Duration.ofMinutes(5));
        org.jsrvany.core.status.HealthResult health = new org.jsrvany.core.status.HealthResult("tcp:127.0.0.1:8080",
                false, "connection refused", started.plusSeconds(200), 2, 1);
        StatusMetrics m = new StatusMetrics(Optional.of("RUNNING"), List.of(4242L), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), 0, 0, 0, Optional.empty(), Optional.empty(), Optional.of(health));
        new PublishedStatus("MyApp", 4000, started, OptionalLong.of(4242), Optional.of(started.plusSeconds(60)), 1,
                OptionalLong.empty(), Optional.empty(), started.plusSeconds(200), 0, m)
                .write(PublishedStatus.file(h.programData, "MyApp"));
        assertThat(h.run("status", "MyApp").out()).contains("Health:      tcp:127.0.0.1:8080 failed 2 times in a row at "
                + started.plusSeconds(200) + " (connection refused); 1 restart(s) for failed checks");
        assertThat(h.run("status", "MyApp", "--json").out()).contains("\"health\": {")
                .contains("\"check\": \"tcp:127.0.0.1:8080\"").contains("\"passed\": false")
                .contains("\"failuresInRow\": 2").contains("\"restarts\": 1");
    }
}
