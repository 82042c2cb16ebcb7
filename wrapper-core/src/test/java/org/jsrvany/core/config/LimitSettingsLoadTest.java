package org.jsrvany.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limit, schedule and status parameters as a properties file gives them (the registry goes the same way). */
class LimitSettingsLoadTest {
    @TempDir
    Path dir;
    Path program;
    final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        program = dir.resolve("app.sh");
        Files.writeString(program, "#!/bin/sh\n");
        program.toFile().setExecutable(true);
    }

    private ServiceConfig load(boolean windows, String extra) throws Exception {
        Path file = dir.resolve("svc.properties");
        Files.writeString(file, "Application=" + program + "\n" + extra, StandardCharsets.UTF_8);
        return new ConfigLoader(Map.of("PATH", "/usr/bin"), windows, warnings::add).load("svc", PropertiesSource.load(file));
    }

    @Test
    void everythingIsOffByDefault() throws Exception {
        assertThat(load(true, "").limits()).isEqualTo(LimitSettings.NONE);
        assertThat(warnings).isEmpty();
    }

    @Test
    void everyValueIsRead() throws Exception {
        LimitSettings l = load(true, "AppRestartAt=3:30\nAppRestartEvery=21600\nAppMemoryLimit=512\n"
                + "AppMemoryLimitAction=fail\nAppCpuLimit=25\nAppStatusInterval=10\nAppMetricsFile=" + dir.resolve("m.prom")
                + "\n").limits();
        assertThat(l.metricsFile()).contains(dir.resolve("m.prom"));
        assertThat(l.restartSchedule()).isEqualTo(new RestartSchedule(Optional.of(LocalTime.of(3, 30)),
                Optional.of(Duration.ofHours(6))));
        assertThat(l.memoryLimitBytes()).isEqualTo(512L << 20);
        assertThat(l.memoryAction()).isEqualTo(MemoryLimitAction.FAIL);
        assertThat(l.cpuRatePercent()).isEqualTo(25);
        assertThat(l.statusInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(warnings).isEmpty();
    }

    @Test
    void badValuesAreEachASentence() {
        ConfigException e = (ConfigException) catchThrowable(() -> load(true, "AppRestartAt=25:00\nAppMemoryLimitAction=Kill\n"
                + "AppCpuLimit=150\nAppMetricsFile=metrics.txt\n"));
        assertThat(e.problems()).containsExactly(
                "AppRestartAt is '25:00': expected a local time HH:MM on a 24-hour clock, such as 03:00, or empty for no"
                        + " daily restart.",
                "AppMemoryLimitAction is 'Kill': expected Restart (restart the program through the stop ladder) or Fail"
                        + " (only the allocation fails).",
                "AppCpuLimit is 150: expected a percentage of all the machine's CPUs from 1 to 100, or 0 for no cap.",
                "AppMetricsFile is 'metrics.txt': expected a full path ending in .prom, such as"
                        + " C:\\Program Files\\windows_exporter\\textfile_inputs\\svc.prom.");
    }

    @Test
    void limitsOutsideWindowsAreAcceptedWithAWarningThatTheyAreNotEnforced() throws Exception {
        LimitSettings l = load(false, "AppMemoryLimit=256\nAppCpuLimit=50\n").limits();
        assertThat(l.memoryLimitBytes()).isEqualTo(256L << 20);
        assertThat(warnings).singleElement().asString()
                .startsWith("AppMemoryLimit and AppCpuLimit are set in ")
                .contains("not enforced on this system", "MemoryMax=");
    }
}
