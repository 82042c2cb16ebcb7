package org.jsrvany.core.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;

/**
 * The published status as a Prometheus text exposition (format 0.0.4), for the textfile collector of
 * windows_exporter or node_exporter ({@code AppMetricsFile}, docs/limits-metrics.md). Every sample carries
 * the label {@code service}; absent values are left out, never written as 0.
 */
public final class PrometheusText {
    private PrometheusText() {
    }

    /** The exposition of {@code s}, one HELP and TYPE line per metric, lines ending in {@code \n}. */
    public static String format(PublishedStatus s) {
        StatusMetrics m = s.metrics();
        String svc = "service=\"" + escape(s.service()) + "\"";
        StringBuilder b = new StringBuilder();
        metric(b, "jsrvany_up", "gauge", "1 while the service's program runs, else 0.", svc,
                s.childPid().isPresent() ? 1 : 0);
        metric(b, "jsrvany_wrapper_start_time_seconds", "gauge", "When the wrapper (the service process) started.", svc,
                seconds(s.wrapperStarted()));
        if (s.childStarted().isPresent()) {
            metric(b, "jsrvany_program_start_time_seconds", "gauge", "When the running program started.", svc,
                    seconds(s.childStarted().get()));
        }
        metric(b, "jsrvany_restarts_total", "counter", "Program starts after the first since the wrapper started.", svc,
                s.restarts());
        header(b, "jsrvany_wrapper_restarts_total", "counter", "Restarts the wrapper made by itself, by cause.");
        sample(b, "jsrvany_wrapper_restarts_total", svc + ",cause=\"scheduled\"", m.scheduledRestarts());
        sample(b, "jsrvany_wrapper_restarts_total", svc + ",cause=\"memory_limit\"", m.memoryLimitRestarts());
        if (m.health().isPresent()) {
            sample(b, "jsrvany_wrapper_restarts_total", svc + ",cause=\"health\"", m.health().get().restarts());
        }
        metric(b, "jsrvany_memory_limit_breaches_total", "counter", "Times the tree reached AppMemoryLimit.", svc,
                m.memoryLimitBreaches());
        if (m.health().isPresent()) {
            HealthResult h = m.health().get();
            String check = svc + ",check=\"" + escape(h.check()) + "\"";
            metric(b, "jsrvany_health_check_passed", "gauge", "1 if the latest liveness check (AppHealthCheck) passed,"
                    + " else 0.", check, h.passed() ? 1 : 0);
            metric(b, "jsrvany_health_check_failures_in_row", "gauge", "Failed liveness checks in a row (0 after a pass).",
                    check, h.failuresInRow());
            metric(b, "jsrvany_health_check_time_seconds", "gauge", "When the latest liveness check looked.", check,
                    seconds(h.at()));
        }
        if (s.lastExitCode().isPresent()) {
            metric(b, "jsrvany_last_exit_code", "gauge", "The last exit code of the program (unsigned 32-bit).",
                    svc + ",name=\"" + escape(m.lastExitName().orElse("")) + "\"", s.lastExitCode().getAsLong());
        }
        if (s.childPid().isPresent()) {
            metric(b, "jsrvany_tree_processes", "gauge", "Processes in the program's tree.", svc,
                    Math.max(1, m.treePids().size()));
        }
        if (m.memoryBytes().isPresent()) {
            metric(b, "jsrvany_memory_bytes", "gauge", "Memory the program's tree holds now.", svc,
                    m.memoryBytes().getAsLong());
        }
        if (m.peakMemoryBytes().isPresent()) {
            metric(b, "jsrvany_peak_memory_bytes", "gauge", "The most memory the tree committed at once (Windows job).",
                    svc, m.peakMemoryBytes().getAsLong());
        }
        if (m.cpuMillis().isPresent()) {
            header(b, "jsrvany_cpu_seconds_total", "counter", "User plus kernel CPU time of the program's tree.");
            b.append("jsrvany_cpu_seconds_total{").append(svc).append("} ")
                    .append(String.format(Locale.ROOT, "%.3f", m.cpuMillis().getAsLong() / 1000.0)).append('\n');
        }
        metric(b, "jsrvany_output_bytes_lost_total", "counter", "Program output the wrapper could not write.", svc,
                s.outputBytesLost());
        metric(b, "jsrvany_status_updated_time_seconds", "gauge", "When these numbers were taken.", svc,
                seconds(s.updated()));
        return b.toString();
    }

    /** Replaces {@code file} with the exposition of {@code s} atomically (a temporary file beside it, then a move). */
    public static void write(PublishedStatus s, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, format(s), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void metric(StringBuilder b, String name, String type, String help, String labels, long value) {
        header(b, name, type, help);
        sample(b, name, labels, value);
    }

    private static void header(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder b, String name, String labels, long value) {
        b.append(name).append('{').append(labels).append("} ").append(value).append('\n');
    }

    private static long seconds(Instant t) {
        return t.getEpochSecond();
    }

    /** A label value: backslash, double quote and line feed escaped, as the format requires. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
