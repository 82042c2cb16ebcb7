package org.jsrvany.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A crash loop against the real launcher jar: {@code AppThrottle=0} and a program that exits at once
 * ({@code /bin/true}), the worst case for restarts. Samples the wrapper's resident memory, threads
 * and open files from {@code /proc}, counts starts from its log, and prints a table. Not a test;
 * nothing is asserted. Linux only.
 *
 * <pre>
 * mvn -q -pl wrapper-launcher -am package -DskipTests
 * java -cp wrapper-launcher/target/test-classes org.jsrvany.launcher.RestartBenchmark [seconds=60] [jvm options...]
 * </pre>
 *
 * For example {@code RestartBenchmark 60 -Xmx64m} runs the wrapper with the heap the installed
 * service gets. The wrapper is stopped with SIGTERM at the end, by its pid.
 */
public final class RestartBenchmark {
    private static final Path LAUNCHER_JAR = Path.of("wrapper-launcher", "target", "jsrvany-launcher.jar");

    private RestartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        List<String> jvmOptions = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        Path jar = Files.isRegularFile(LAUNCHER_JAR) ? LAUNCHER_JAR : Path.of("target", "jsrvany-launcher.jar");
        Path work = Files.createTempDirectory("jsrvany-restart-bench");
        Path config = work.resolve("loop.properties");
        Files.writeString(config, "Application=/bin/true\nAppThrottle=0\n", StandardCharsets.UTF_8);
        Path log = work.resolve("wrapper.log");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "run", "--config", config.toString()));
        Process wrapper = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile())
                .start();
        long pid = wrapper.pid();
        System.out.printf(Locale.ROOT, "crash loop (AppThrottle=0, /bin/true), wrapper pid %d, JVM options %s%n%n", pid,
                jvmOptions.isEmpty() ? "(none)" : String.join(" ", jvmOptions));
        System.out.println("|  time (s) | starts | starts/s | RSS (MB) | threads | open files |");
        System.out.println("|-----------|--------|----------|----------|---------|------------|");
        long start = System.nanoTime();
        int step = Math.max(1, seconds / 6);
        long previousStarts = 0;
        long previousAt = start;
        try {
            for (int t = step; t <= seconds; t += step) {
                long due = start + TimeUnit.SECONDS.toNanos(t);
                while (System.nanoTime() < due && wrapper.isAlive()) {
                    wrapper.waitFor(due - System.nanoTime(), TimeUnit.NANOSECONDS);
                }
                if (!wrapper.isAlive()) {
                    System.out.println("the wrapper ended early with exit code " + wrapper.exitValue());
                    return;
                }
                long now = System.nanoTime();
                long starts = starts(log);
                double rate = (starts - previousStarts) / ((now - previousAt) / 1e9);
                System.out.printf(Locale.ROOT, "| %9d | %6d | %8.1f | %8.1f | %7d | %10d |%n", t, starts, rate,
                        rssKb(pid) / 1024.0, count(Path.of("/proc", Long.toString(pid), "task")),
                        count(Path.of("/proc", Long.toString(pid), "fd")));
                previousStarts = starts;
                previousAt = now;
            }
        } finally {
            wrapper.toHandle().destroy(); // SIGTERM: the stop ladder, then exit
            if (!wrapper.waitFor(30, TimeUnit.SECONDS)) {
                wrapper.destroyForcibly();
            }
        }
    }

    private static long starts(Path log) throws IOException {
        long n = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.contains("Started the child, pid")) {
                n++;
            }
        }
        return n;
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static long count(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.count();
        }
    }
}
