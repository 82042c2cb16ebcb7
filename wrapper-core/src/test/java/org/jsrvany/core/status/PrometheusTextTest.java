package org.jsrvany.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusTextTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aRunningTreeGivesEveryMetricWithTheServiceLabel() {
        StatusMetrics m = new StatusMetrics(Optional.of("RUNNING"), List.of(100L, 101L), OptionalLong.of(52_428_800),
                OptionalLong.of(104_857_600), OptionalLong.of(1234), 2, 3, 1, Optional.empty(),
                Optional.of("STATUS_ACCESS_VIOLATION"));
        PublishedStatus s = new PublishedStatus("My \"App\"\\1", 7, T0, OptionalLong.of(100), Optional.of(T0.plusSeconds(5)),
                4, OptionalLong.of(3221225477L), Optional.of(T0), T0.plusSeconds(60), 10, m);
        String l = "service=\"My \\\"App\\\"\\\\1\"";
        assertThat(PrometheusText.format(s)).isEqualTo(""
                + "# HELP jsrvany_up 1 while the service's program runs, else 0.\n"
                + "# TYPE jsrvany_up gauge\n"
                + "jsrvany_up{" + l + "} 1\n"
                + "# HELP jsrvany_wrapper_start_time_seconds When the wrapper (the service process) started.\n"
                + "# TYPE jsrvany_wrapper_start_time_seconds gauge\n"
                + "jsrvany_wrapper_start_time_seconds{" + l + "} 1795255200\n"
                + "# HELP jsrvany_program_start_time_seconds When the running program started.\n"
                + "# TYPE jsrvany_program_start_time_seconds gauge\n"
                + "jsrvany_program_start_time_seconds{" + l + "} 1795255205\n"
                + "# HELP jsrvany_restarts_total Program starts after the first since the wrapper started.\n"
                + "# TYPE jsrvany_restarts_total counter\n"
                + "jsrvany_restarts_total{" + l + "} 4\n"
                + "# HELP jsrvany_wrapper_restarts_total Restarts the wrapper made by itself, by cause.\n"
                + "# TYPE jsrvany_wrapper_restarts_total counter\n"
                + "jsrvany_wrapper_restarts_total{" + l + ",cause=\"scheduled\"} 3\n"
                + "jsrvany_wrapper_restarts_total{" + l + ",cause=\"memory_limit\"} 1\n"
                + "# HELP jsrvany_memory_limit_breaches_total Times the tree reached AppMemoryLimit.\n"
                + "# TYPE jsrvany_memory_limit_breaches_total counter\n"
                + "jsrvany_memory_limit_breaches_total{" + l + "} 2\n"
                + "# HELP jsrvany_last_exit_code The last exit code of the program (unsigned 32-bit).\n"
                + "# TYPE jsrvany_last_exit_code gauge\n"
                + "jsrvany_last_exit_code{" + l + ",name=\"STATUS_ACCESS_VIOLATION\"} 3221225477\n"
                + "# HELP jsrvany_tree_processes Processes in the program's tree.\n"
                + "# TYPE jsrvany_tree_processes gauge\n"
                + "jsrvany_tree_processes{" + l + "} 2\n"
                + "# HELP jsrvany_memory_bytes Memory the program's tree holds now.\n"
                + "# TYPE jsrvany_memory_bytes gauge\n"
                + "jsrvany_memory_bytes{" + l + "} 52428800\n"
                + "# HELP jsrvany_peak_memory_bytes The most memory the tree committed at once (Windows job).\n"
                + "# TYPE jsrvany_peak_memory_bytes gauge\n"
                + "jsrvany_peak_memory_bytes{" + l + "} 104857600\n"
                + "# HELP jsrvany_cpu_seconds_total User plus kernel CPU time of the program's tree.\n"
                + "# TYPE jsrvany_cpu_seconds_total counter\n"
                + "jsrvany_cpu_seconds_total{" + l + "} 1.234\n"
                + "# HELP jsrvany_output_bytes_lost_total Program output the wrapper could not write.\n"
                + "# TYPE jsrvany_output_bytes_lost_total counter\n"
                + "jsrvany_output_bytes_lost_total{" + l + "} 10\n"
                + "# HELP jsrvany_status_updated_time_seconds When these numbers were taken.\n"
                + "# TYPE jsrvany_status_updated_time_seconds gauge\n"
                + "jsrvany_status_updated_time_seconds{" + l + "} 1795255260\n");
    }

    @Test
    void theLatestHealthCheckGivesItsVerdictFailuresAndRestartsWithTheCheckAsALabel() {
        HealthResult h = new HealthResult("http://127.0.0.1:8080/\"health\"", false, "HTTP 503", T0.plusSeconds(30), 2, 1);
        StatusMetrics m = new StatusMetrics(Optional.of("RUNNING"), List.of(100L), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), 0, 0, 0, Optional.empty(), Optional.empty(), Optional.of(h));
        PublishedStatus s = new PublishedStatus("svc", 7, T0, OptionalLong.of(100), Optional.of(T0.plusSeconds(5)),
                1, OptionalLong.empty(), Optional.empty(), T0.plusSeconds(60), 0, m);
        String c = "service=\"svc\",check=\"http://127.0.0.1:8080/\\\"health\\\"\"";
        assertThat(PrometheusText.format(s)).contains(""
                + "jsrvany_wrapper_restarts_total{service=\"svc\",cause=\"memory_limit\"} 0\n"
                + "jsrvany_wrapper_restarts_total{service=\"svc\",cause=\"health\"} 1\n")
                .contains("# TYPE jsrvany_health_check_passed gauge\n" + "jsrvany_health_check_passed{" + c + "} 0\n")
                .contains("jsrvany_health_check_failures_in_row{" + c + "} 2\n")
                .contains("jsrvany_health_check_time_seconds{" + c + "} 1795255230\n");
    }

    @Test
    void unknownValuesAreLeftOutNotWrittenAsZero() {
        PublishedStatus s = new PublishedStatus("svc", 7, T0, OptionalLong.empty(), Optional.empty(), 0,
                OptionalLong.empty(), Optional.empty(), T0);
        String text = PrometheusText.format(s);
        assertThat(text).contains("jsrvany_up{service=\"svc\"} 0\n", "jsrvany_restarts_total{service=\"svc\"} 0\n")
                .doesNotContain("jsrvany_memory_bytes", "jsrvany_cpu_seconds_total", "jsrvany_last_exit_code",
                        "jsrvany_health_check", "cause=\"health\"",
                        "jsrvany_program_start_time_seconds", "jsrvany_tree_processes");
    }

    @Test
    void theFileIsReplacedWholeAndNoTemporaryFileStays() throws Exception {
        Path file = dir.resolve("textfile_inputs/jsrvany_svc.prom");
        PublishedStatus s = new PublishedStatus("svc", 7, T0, OptionalLong.empty(), Optional.empty(), 0,
                OptionalLong.empty(), Optional.empty(), T0);
        PrometheusText.write(s, file);
        PrometheusText.write(s, file);
        assertThat(Files.readString(file)).isEqualTo(PrometheusText.format(s));
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("jsrvany_svc.prom");
        }
    }
}
