package org.jsrvany.core.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Throughput and memory of the output capture: pushes generated lines through {@link OutputCapture}
 * in several configurations and prints a table. Not a test; nothing is asserted.
 *
 * <pre>
 * mvn -q -pl wrapper-core -am test-compile
 * java -cp "wrapper-core/target/test-classes:wrapper-core/target/classes:$HOME/.m2/repository/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar" \
 *      org.jsrvany.core.output.OutputBenchmark [megabytes=200] [folder=temp]
 * </pre>
 *
 * (slf4j-api alone means no logging binding, so rotation messages stay quiet.) The input comes from memory in reads of at most 64 KiB (like a pipe), so the figures are the
 * capture's own cost; "peak heap" is the highest used heap (live or garbage) during the scenario.
 */
public final class OutputBenchmark {

    private OutputBenchmark() {
    }

    private record Scenario(String name, int lineLength, boolean combined, OutputSettingsFactory settings) {
    }

    @FunctionalInterface
    private interface OutputSettingsFactory {
        TestSettings make(Path out, Path err);
    }

    public static void main(String[] args) throws Exception {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 200;
        Path root = args.length > 1 ? Files.createDirectories(Path.of(args[1]))
                : Files.createTempDirectory("jsrvany-output-bench");
        long total = megabytes * 1024 * 1024;
        List<Scenario> scenarios = List.of(
                new Scenario("discard (pump + line cutting only)", 100, false, (o, e) -> TestSettings.console()),
                new Scenario("file", 100, false, TestSettings::files),
                new Scenario("file, 16 KiB lines", 16 * 1024, false, TestSettings::files),
                new Scenario("file, 1 MiB lines (longest written whole)", 1024 * 1024, false, TestSettings::files),
                new Scenario("file, 4 MiB lines (cut into 1 MiB pieces)", 4 * 1024 * 1024, false, TestSettings::files),
                new Scenario("file, 8 B lines (like seq)", 8, false, TestSettings::files),
                new Scenario("file + timestamps", 100, false, (o, e) -> TestSettings.files(o, e).timestamps()),
                new Scenario("file + timestamps, 8 B lines", 8, false, (o, e) -> TestSettings.files(o, e).timestamps()),
                new Scenario("file + rotate 16 MiB keep 3", 100, false,
                        (o, e) -> TestSettings.files(o, e).rotateBytes(16L << 20).keep(3)),
                new Scenario("file + rotate 16 MiB, 8 B lines", 8, false,
                        (o, e) -> TestSettings.files(o, e).rotateBytes(16L << 20).keep(3)),
                new Scenario("file + timestamps + rotate + period", 100, false,
                        (o, e) -> TestSettings.files(o, e).timestamps().rotateBytes(16L << 20)
                                .rotatePeriod(Duration.ofHours(1)).keep(3)),
                new Scenario("combined file, 2 streams", 100, true, (o, e) -> TestSettings.files(o, o)),
                new Scenario("combined file, 2 streams, 1 MiB lines", 1024 * 1024, true, (o, e) -> TestSettings.files(o, o)),
                new Scenario("combined + timestamps + rotate", 100, true,
                        (o, e) -> TestSettings.files(o, o).timestamps().rotateBytes(16L << 20).keep(3)));

        PrintStream out = System.out;
        out.printf(Locale.ROOT, "%d MB per scenario, folder %s, max heap %d MB%n%n", megabytes, root,
                Runtime.getRuntime().maxMemory() >> 20);
        out.printf(Locale.ROOT, "| %-42s | %9s | %7s | %8s | %14s |%n", "scenario", "line (B)", "seconds", "MB/s",
                "peak heap (MB)");
        out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%n", "-".repeat(44), "-".repeat(11), "-".repeat(9), "-".repeat(10),
                "-".repeat(16));
        for (Scenario scenario : scenarios) {
            run(scenario, root, total, true); // warm-up
            double[] result = run(scenario, root, total, false);
            out.printf(Locale.ROOT, "| %-42s | %9d | %7.2f | %8.0f | %14.1f |%n", scenario.name(),
                    scenario.lineLength(), result[0], megabytes / result[0], result[1]);
        }
        deleteTree(root);
    }

    /** @return seconds, peak heap MB */
    private static double[] run(Scenario scenario, Path root, long total, boolean warmUp) throws Exception {
        Path folder = Files.createDirectories(root.resolve("run"));
        Path outFile = folder.resolve("out.log");
        Path errFile = folder.resolve("err.log");
        long bytes = warmUp ? Math.min(total, 32L << 20) : total;
        OutputSettings settings = scenario.settings().make(outFile, errFile).build();
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        try (OutputCapture capture = OutputCapture.open(settings, Clock.systemDefaultZone(), null, null)) {
            if (scenario.combined()) {
                capture.attach(new GeneratedLines(bytes / 2, scenario.lineLength(), 'O'),
                        new GeneratedLines(bytes / 2, scenario.lineLength(), 'E'));
            } else {
                capture.attach(new GeneratedLines(bytes, scenario.lineLength(), 'O'), null);
            }
            if (!capture.awaitDrained(Duration.ofMinutes(10))) {
                throw new IllegalStateException(scenario.name() + " did not finish");
            }
            if (capture.failure().isPresent()) {
                throw capture.failure().get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        deleteTree(folder);
        return new double[] {seconds, peak / 1024.0 / 1024.0};
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A child's output from memory: lines of a fixed length, delivered in reads of at most 64 KiB. */
    private static final class GeneratedLines extends InputStream {
        private static final int MAX_READ = 64 * 1024;
        private final byte[] pattern;
        private long left;
        private int position;

        GeneratedLines(long bytes, int lineLength, char tag) {
            this.left = bytes;
            int lines = Math.max(1, (1 << 20) / lineLength);
            StringBuilder sb = new StringBuilder(lines * lineLength);
            for (int i = 0; i < lines; i++) {
                if (lineLength < 16) { // a number per line, like seq's output
                    String number = Integer.toString(i);
                    sb.append("0".repeat(Math.max(0, lineLength - 1 - number.length())))
                            .append(number, Math.max(0, number.length() - (lineLength - 1)), number.length()).append('\n');
                    continue;
                }
                String head = tag + " line " + i + " ";
                sb.append(head).append("x".repeat(Math.max(0, lineLength - head.length() - 1))).append('\n');
            }
            this.pattern = sb.toString().getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, MAX_READ), Math.min(left, pattern.length - position));
            System.arraycopy(pattern, position, b, off, n);
            position = (position + n) % pattern.length;
            left -= n;
            return n;
        }
    }
}
