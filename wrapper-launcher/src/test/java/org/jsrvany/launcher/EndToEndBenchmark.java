package org.jsrvany.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * End to end, as a user runs it: the real launcher jar ({@code run --config}) capturing a real child
 * ({@code seq 1 N}) into {@code AppStdout} with online size rotation at 16 MiB, side by side in one run
 * with a direct {@code seq > file} (the limit), a pipe into {@code cat > file}, and the log capture of
 * established supervisors from Debian's packages ({@code s6-log}, {@code multilog}, {@code svlogd}),
 * with and without timestamps. Every line of every tool is checked afterwards (1..N, in order, each
 * once, whatever the files and prefixes). Then the wrapper's latencies (start, restart, stop) and its
 * idle memory against a bare JVM with the same flags. Prints tables; asserts nothing. Linux only.
 *
 * <pre>
 * mvn -q -o -pl wrapper-launcher -am package -DskipTests
 * java -cp wrapper-launcher/target/test-classes org.jsrvany.launcher.EndToEndBenchmark [lines=20000000,80000000|none] [runs=3] [dir=TEMP] [jar=PATH]
 *      [jvm="-Xrs -Xms4m -Xmx64m -XX:-UsePerfData -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"] [cds=on|off|both]
 *      [baseline=OLD.jar [baselineJvm="-Xrs -Xmx64m -XX:-UsePerfData"] [baselineCds=off|on]] [tools=REGEX]
 *      [latencies=on|off] [only=latencies|idle]
 * </pre>
 *
 * {@code tools} measures only the tools whose name (as in the table) matches, the direct redirect always:
 * {@code tools='jsrvany.*'} for the wrapper's rows only; {@code latencies=off} leaves out the latencies and
 * idle memory.
 *
 * {@code cds=on} (the default) runs the launcher with a class data archive made first as {@code install} makes it
 * (the service's ImagePath names one); {@code both} also measures the build without it. {@code baselineCds=on} gives
 * the baseline jar an archive of its own, made the same way (by default it runs without one). {@code only} runs one
 * part of the latencies and idle memory (with {@code lines=none}: nothing else).
 *
 * Missing peers are installed with {@code apt-get install} (as root, or with {@code sudo -n}); a peer
 * that still cannot be found is skipped with the reason printed. Peak RSS is GNU time's maximum
 * resident set of the capturing process (the wrapper's JVM, the logger, {@code cat}); for a direct
 * redirect, of {@code seq} itself. Throughput is the bytes over the wall time of the whole command
 * (for jsrvany: from {@code java -jar} to the wrapper's exit, its start-up included; the "capture
 * only" column takes the measured start-up latency away). {@code baseline} measures an older launcher
 * jar (default options: the service's before issue 12) in the same run, under the same load.
 */
public final class EndToEndBenchmark {
    private static final Path LAUNCHER_JAR = Path.of("wrapper-launcher", "target", "jsrvany-launcher.jar");
    /** What the installed service's JVM gets (installer's {@code ImagePath.JVM_OPTIONS}). */
    private static final String SERVICE_JVM = "-Xrs -Xms4m -Xmx64m -XX:-UsePerfData -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1";
    /** What it got before issue 12 (for a baseline jar). */
    private static final String SERVICE_JVM_BEFORE = "-Xrs -Xmx64m -XX:-UsePerfData";
    private static final long ROTATE = 16L << 20;

    private final Path root;
    private final Wrapper wrapper;
    /** An older build to measure beside it in the same run (same load), or null. */
    private final Wrapper baseline;
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** The current build without its class data archive ({@code cds=both}), or null. */
    private final Wrapper withoutArchive;

    private EndToEndBenchmark(Path root, Wrapper wrapper, Wrapper withoutArchive, Wrapper baseline) {
        this.root = root;
        this.wrapper = wrapper;
        this.withoutArchive = withoutArchive;
        this.baseline = baseline;
    }

    /**
     * {@code jvm} plus a class data archive of {@code jar}, made in {@code root} as {@code install} makes it (a training
     * run of {@code run --config} whose program is {@code java -version}, under {@code -XX:ArchiveClassesAtExit}).
     */
    private static List<String> withArchive(Path root, Path jar, List<String> jvm, String name)
            throws IOException, InterruptedException {
        Path archive = root.resolve(name + ".jsa");
        Path training = root.resolve("training.properties");
        Files.deleteIfExists(archive);
        Files.writeString(training, "Application=" + JAVA + "\nAppParameters=-version\nAppExit=Exit\n", StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(jvm);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-jar", jar.toString(), "run", "--config", training.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0 || !Files.isRegularFile(archive)) {
            throw new IOException("the training run " + command + " made no archive (exit code " + p.exitValue() + ")");
        }
        Files.delete(training);
        List<String> options = new ArrayList<>(jvm);
        options.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"));
        return options;
    }

    /** A launcher jar and the JVM options it runs with. */
    private record Wrapper(String label, Path jar, List<String> jvm) {
    }

    /** One way of capturing {@code seq 1 N} into a folder; returns the shell command run in that folder. */
    private record Tool(String name, boolean timestamps, String peer, ToolCommand command) {
    }

    @FunctionalInterface
    private interface ToolCommand {
        List<String> make(EndToEndBenchmark b, Path dir, long lines) throws IOException;
    }

    /** One measured run: wall seconds, peak RSS in KiB of the capturing process, and the check's verdict. */
    private record Result(double seconds, long peakKb, String check) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("arguments are key=value: lines, runs, dir, jar, jvm, cds, baseline,"
                        + " baselineJvm, baselineCds, tools, latencies, only; not " + arg);
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String lines = a.getOrDefault("lines", "20000000,80000000");
        long[] sizes = lines.equals("none") ? new long[0]
                : Arrays.stream(lines.split(",")).mapToLong(Long::parseLong).toArray();
        int runs = Integer.parseInt(a.getOrDefault("runs", "3"));
        Path root = a.containsKey("dir") ? Files.createDirectories(Path.of(a.get("dir")))
                : Files.createTempDirectory("jsrvany-e2e-bench");
        List<String> jvm = List.of(a.getOrDefault("jvm", SERVICE_JVM).trim().split("\\s+"));
        Path jar = (a.containsKey("jar") ? Path.of(a.get("jar")) : Files.isRegularFile(LAUNCHER_JAR) ? LAUNCHER_JAR
                : Path.of("target", "jsrvany-launcher.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " does not exist: build it (mvn -q -o -pl wrapper-launcher -am package"
                    + " -DskipTests) and run this from the repository's root, or say jar=PATH");
        }
        String cds = a.getOrDefault("cds", "on");
        if (!List.of("on", "off", "both").contains(cds)) {
            throw new IllegalArgumentException("cds is on (the default: a class data archive made as install makes it),"
                    + " off, or both (with and without); not " + cds);
        }
        Wrapper plain = new Wrapper(cds.equals("both") ? "jsrvany, no archive" : "jsrvany", jar, jvm);
        Wrapper current = cds.equals("off") ? plain : new Wrapper("jsrvany", jar, withArchive(root, jar, jvm, "jsrvany-launcher"));
        Wrapper withoutArchive = cds.equals("both") ? plain : null;
        Wrapper baseline = null;
        if (a.containsKey("baseline")) {
            Path baselineJar = Path.of(a.get("baseline")).toAbsolutePath();
            List<String> baselineJvm = List.of(a.getOrDefault("baselineJvm", SERVICE_JVM_BEFORE).trim().split("\\s+"));
            String baselineCds = a.getOrDefault("baselineCds", "off");
            if (!List.of("on", "off").contains(baselineCds)) {
                throw new IllegalArgumentException("baselineCds is off (the default) or on (an archive of the baseline jar,"
                        + " made as install makes it); not " + baselineCds);
            }
            baseline = new Wrapper("jsrvany baseline", baselineJar, baselineCds.equals("on")
                    ? withArchive(root, baselineJar, baselineJvm, "baseline") : baselineJvm);
        }
        String only = a.getOrDefault("only", "");
        if (!List.of("", "latencies", "idle").contains(only)) {
            throw new IllegalArgumentException("only is latencies or idle (one part of the latencies and memory); not " + only);
        }
        EndToEndBenchmark b = new EndToEndBenchmark(root, current, withoutArchive, baseline);
        System.out.printf(Locale.ROOT, "jsrvany end to end: %s with JVM options %s%s; %d runs each (medians), folder %s,"
                + " load average at start %s%n", jar, String.join(" ", current.jvm()), baseline == null ? ""
                : "; baseline " + baseline.jar() + " with " + String.join(" ", baseline.jvm()), runs, root,
                loadAverage());
        if (sizes.length > 0) { // lines=none: latencies and memory only
            Pattern chosen = Pattern.compile(a.getOrDefault("tools", ".*"));
            b.throughput(b.availableTools().stream()
                    .filter(t -> t.name().startsWith("direct") || chosen.matcher(t.name()).matches()).toList(), sizes, runs);
        }
        if (!a.getOrDefault("latencies", "on").equals("off")) {
            if (!only.equals("idle")) {
                b.latencies(Math.max(runs, 5));
            }
            if (!only.equals("latencies")) {
                b.idle(runs);
            }
        }
        System.out.printf(Locale.ROOT, "%nload average at the end %s%n", loadAverage());
        deleteTree(root);
    }

    // ---------------------------------------------------------------- tools

    private List<Tool> availableTools() throws IOException, InterruptedException {
        List<Tool> all = List.of(
                new Tool("direct: seq > file", false, null, (b, d, n) -> sh("seq 1 " + n + " > out")),
                new Tool("pipe: seq \\| cat > file", false, null, (b, d, n) -> sh("seq 1 " + n + " | " + timed("cat") + " > out")),
                new Tool("jsrvany run --config", false, null, (b, d, n) -> jsrvany(b.wrapper, d, n, false)),
                new Tool("jsrvany baseline", false, "baseline", (b, d, n) -> jsrvany(b.baseline, d, n, false)),
                new Tool("s6-log", false, "s6", (b, d, n) -> sh("seq 1 " + n + " | " + timed("s6-log n1000 s" + ROTATE + " ./log"))),
                new Tool("multilog", false, "daemontools",
                        (b, d, n) -> sh("seq 1 " + n + " | " + timed("multilog s" + (ROTATE - 1) + " n1000 ./log"))),
                new Tool("svlogd", false, "runit", (b, d, n) -> svlogd(d, n, "")),
                new Tool("jsrvany, timestamps", true, null, (b, d, n) -> jsrvany(b.wrapper, d, n, true)),
                new Tool("jsrvany baseline, timestamps", true, "baseline", (b, d, n) -> jsrvany(b.baseline, d, n, true)),
                new Tool("s6-log, timestamps (T)", true, "s6",
                        (b, d, n) -> sh("seq 1 " + n + " | " + timed("s6-log n1000 s" + ROTATE + " T ./log"))),
                new Tool("multilog, timestamps (t)", true, "daemontools",
                        (b, d, n) -> sh("seq 1 " + n + " | " + timed("multilog t s" + (ROTATE - 1) + " n1000 ./log"))),
                new Tool("svlogd, timestamps (-tt)", true, "runit", (b, d, n) -> svlogd(d, n, "-tt ")));
        Map<String, String> binaries = Map.of("s6", "s6-log", "daemontools", "multilog", "runit", "svlogd");
        List<Tool> usable = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (Tool t : all) {
            if (t.peer() == null) {
                usable.add(t);
                continue;
            }
            if (t.peer().equals("baseline")) {
                if (baseline != null) {
                    usable.add(t);
                }
                continue;
            }
            String reason = skipped.computeIfAbsent(t.peer(), p -> ensureInstalled(p, binaries.get(p)));
            if (reason.isEmpty()) {
                usable.add(t);
            }
        }
        skipped.forEach((peer, reason) -> {
            if (!reason.isEmpty()) {
                System.out.println("skipped " + peer + ": " + reason);
            }
        });
        return usable;
    }

    /** "" when {@code binary} is on the PATH (installing Debian's {@code pkg} if needed), else why not. */
    private static String ensureInstalled(String pkg, String binary) {
        if (onPath(binary)) {
            return "";
        }
        List<String> apt = List.of("apt-get", "install", "-y", "--no-install-recommends", pkg);
        List<String> command = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("sudo", "-n"));
        }
        command.addAll(apt);
        System.out.println(binary + " is missing: " + String.join(" ", command));
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            if (onPath(binary)) {
                return "";
            }
            String[] lines = out.strip().split("\n");
            return "'" + String.join(" ", command) + "' exited with " + code + ": " + lines[lines.length - 1];
        } catch (IOException | InterruptedException e) {
            return "cannot run apt-get (" + e.getMessage() + ")";
        }
    }

    private static boolean onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", script);
    }

    /** {@code command} under GNU time, its peak RSS (KiB) written to {@code rss} in the run's folder. */
    private static String timed(String command) {
        return "/usr/bin/time -f %M -o rss " + command;
    }

    private static List<String> svlogd(Path dir, long n, String options) throws IOException {
        Files.createDirectories(dir.resolve("log"));
        Files.writeString(dir.resolve("log").resolve("config"), "s" + ROTATE + "\nn0\n");
        return sh("seq 1 " + n + " | " + timed("svlogd " + options + "log"));
    }

    private static List<String> jsrvany(Wrapper w, Path dir, long n, boolean timestamps) throws IOException {
        Path config = dir.resolve("bench.properties");
        Files.writeString(config, "Application=/usr/bin/seq\nAppParameters=1 " + n + "\nAppStdout=" + dir.resolve("log")
                .resolve("out.log") + "\nAppRotateFiles=1\nAppRotateOnline=1\nAppRotateBytes=" + ROTATE
                + "\nAppExit=Exit\n" + (timestamps ? "AppTimestampLog=1\n" : ""), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", "rss", JAVA));
        command.addAll(w.jvm());
        command.addAll(List.of("-jar", w.jar().toString(), "run", "--config", config.toString()));
        return command;
    }

    // ---------------------------------------------------------------- throughput

    private void throughput(List<Tool> tools, long[] sizes, int runs) throws Exception {
        System.out.printf(Locale.ROOT, "%n## Capture throughput (rotation at 16 MiB, every line checked)%n%n");
        System.out.println("| tool | lines | MB | median s | MB/s | x direct | capture only x direct | peak RSS (MB) | lines checked |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        double startup = medianStartupSeconds(wrapper, runs);
        double baselineStartup = baseline == null ? 0 : medianStartupSeconds(baseline, runs);
        for (int s = 0; s < sizes.length; s++) {
            long n = sizes[s];
            boolean withTimestamps = s == 0;
            Map<Tool, List<Result>> results = new LinkedHashMap<>();
            long bytes = 0;
            for (int r = 0; r < runs; r++) {
                for (Tool t : tools) {
                    if ((t.timestamps() || t.name().equals("svlogd")) && !withTimestamps) {
                        continue; // svlogd is some 50 times slower than the others: the first size only
                    }
                    Path dir = Files.createDirectories(root.resolve("run"));
                    Result result = measure(t, dir, n);
                    if (t.name().startsWith("direct")) {
                        bytes = Files.size(dir.resolve("out"));
                    }
                    results.computeIfAbsent(t, k -> new ArrayList<>()).add(result);
                    deleteTree(dir);
                }
            }
            double direct = median(results.get(tools.get(0)).stream().mapToDouble(Result::seconds).toArray());
            for (Map.Entry<Tool, List<Result>> e : results.entrySet()) {
                Tool t = e.getKey();
                double sec = median(e.getValue().stream().mapToDouble(Result::seconds).toArray());
                double rss = median(e.getValue().stream().mapToDouble(Result::peakKb).toArray()) / 1024.0;
                String checks = e.getValue().stream().map(Result::check).distinct().reduce((x, y) -> x + "; " + y)
                        .orElse("");
                double start = t.name().startsWith("jsrvany baseline") ? baselineStartup : startup;
                String captureOnly = t.name().startsWith("jsrvany")
                        ? String.format(Locale.ROOT, "%.2f", direct / Math.max(1e-3, sec - start)) : "";
                System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.0f | %.2f | %s | %.1f | %s |%n", t.name(), n,
                        bytes / 1e6, sec, bytes / 1e6 / sec, direct / sec, captureOnly, rss, checks);
            }
        }
        System.out.printf(Locale.ROOT, "%n(capture only: the wrapper's median start-up, %.0f ms (baseline %.0f ms), taken"
                + " off its time. Timestamps and svlogd at the first size only.)%n", startup * 1000, baselineStartup * 1000);
    }

    private Result measure(Tool t, Path dir, long n) throws Exception {
        List<String> command = t.command().make(this, dir, n);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        p.getOutputStream().close();
        int code = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = -1;
        Path rss = dir.resolve("rss");
        if (Files.isRegularFile(rss)) {
            String[] lines = Files.readString(rss).strip().split("\n");
            peak = Long.parseLong(lines[lines.length - 1].strip());
        } else if (t.name().startsWith("direct")) {
            peak = seqPeakKb(n);
        }
        String check = code != 0 ? "exit code " + code + ": " + Files.readString(dir.resolve("stderr.txt")).strip()
                : check(files(dir), n, t.timestamps());
        return new Result(seconds, peak, check);
    }

    /** seq's own peak RSS (the direct redirect has no capturing process). */
    private static long seqPeakKb(long n) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/time", "-f", "%M", "seq", "1", Long.toString(Math.min(n, 1000)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        p.waitFor();
        return Long.parseLong(err.substring(err.lastIndexOf('\n') + 1).strip());
    }

    private static final Pattern JSRVANY_ROTATED = Pattern.compile("out-(\\d{8}T\\d{6}\\.\\d{3})(?:-(\\d+))?\\.log");

    /**
     * The files a tool wrote, oldest first: {@code out} (direct, cat); jsrvany's rotated files by stamp
     * and counter, then {@code out.log}; the loggers' {@code @TAI64N.s|u} archives by name, then
     * {@code current}.
     */
    private static List<Path> files(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve("out"))) {
            return List.of(dir.resolve("out"));
        }
        Path log = dir.resolve("log");
        List<Path> all;
        try (Stream<Path> s = Files.list(log)) {
            all = s.filter(Files::isRegularFile).toList();
        }
        List<Path> ordered = new ArrayList<>();
        List<Path> rotated = new ArrayList<>();
        for (Path p : all) {
            String f = p.getFileName().toString();
            if (JSRVANY_ROTATED.matcher(f).matches() || f.startsWith("@")) {
                rotated.add(p);
            }
        }
        rotated.sort(Comparator.comparing((Path p) -> {
            Matcher m = JSRVANY_ROTATED.matcher(p.getFileName().toString());
            return m.matches() ? m.group(1) : p.getFileName().toString();
        }).thenComparingInt(p -> {
            Matcher m = JSRVANY_ROTATED.matcher(p.getFileName().toString());
            return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
        }));
        ordered.addAll(rotated);
        for (String current : List.of("out.log", "current")) {
            if (Files.isRegularFile(log.resolve(current))) {
                ordered.add(log.resolve(current));
            }
        }
        return ordered;
    }

    /**
     * "ok (F files, largest M MiB)" if the files hold exactly the lines 1..n in order, each whole, each
     * once (a timestamp prefix, up to the last space of a line, is skipped); else what is wrong first.
     */
    static String check(List<Path> files, long n, boolean prefixed) throws IOException {
        long expected = 1;
        long largest = 0;
        byte[] buf = new byte[1 << 20];
        for (Path f : files) {
            largest = Math.max(largest, Files.size(f));
            try (InputStream in = Files.newInputStream(f)) {
                long value = 0;
                boolean digits = false;
                boolean bad = false;
                boolean lineStart = true;
                int r;
                while ((r = in.read(buf)) > 0) {
                    for (int i = 0; i < r; i++) {
                        byte c = buf[i];
                        if (c == '\n') {
                            if (bad || !digits || value != expected) {
                                return "line " + expected + " wrong in " + f.getFileName() + " (read "
                                        + (bad || !digits ? "a torn or foreign line" : Long.toString(value)) + ")";
                            }
                            expected++;
                            value = 0;
                            digits = false;
                            bad = false;
                            lineStart = true;
                        } else if (c >= '0' && c <= '9') {
                            value = value * 10 + (c - '0');
                            digits = true;
                            lineStart = false;
                        } else if (c == ' ' && prefixed) {
                            value = 0; // the prefix ends at the last space
                            digits = false;
                            bad = false;
                        } else if (c == '\r' && !lineStart) {
                            continue;
                        } else {
                            bad = true;
                            lineStart = false;
                        }
                    }
                }
                if (!lineStart) {
                    return "a torn line at the end of " + f.getFileName();
                }
            }
        }
        if (expected != n + 1) {
            return "only " + (expected - 1) + " of " + n + " lines";
        }
        return String.format(Locale.ROOT, "ok (%d files, largest %.1f MiB)", files.size(), largest / 1048576.0);
    }

    // ---------------------------------------------------------------- latencies and memory

    /** A config whose program records its start (epoch ns) in {@code starts}, then runs {@code then}. */
    private Path markerConfig(Path dir, String then, String extra) throws IOException {
        Path config = dir.resolve("marker.properties");
        Files.writeString(config, "Application=/bin/sh\nAppParameters=-c \"date +%s%N >> " + dir.resolve("starts")
                + "; " + then + "\"\n" + extra, StandardCharsets.UTF_8);
        return config;
    }

    private static Process launcher(Wrapper w, Path dir, Path config) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(w.jvm());
        command.addAll(List.of("-jar", w.jar().toString(), "run", "--config", config.toString()));
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("wrapper.out").toFile())
                .redirectError(dir.resolve("wrapper.err").toFile()).start();
        p.getOutputStream().close();
        return p;
    }

    private static List<Long> marks(Path file, int count, long timeoutMillis) throws IOException, InterruptedException {
        long until = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < until) {
            if (Files.isRegularFile(file)) {
                List<Long> values = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(Long::parseLong)
                        .toList();
                if (values.size() >= count) {
                    return values;
                }
            }
            Thread.sleep(2);
        }
        throw new IOException("the program did not record " + count + " starts in " + file + " within "
                + timeoutMillis + " ms");
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Median ms from {@code java -jar ... run} to the program's first instruction (its {@code date}). */
    private double medianStartupSeconds(Wrapper w, int runs) throws Exception {
        double[] v = new double[runs];
        for (int i = 0; i < runs; i++) {
            v[i] = startupOnce(w) / 1e9;
        }
        return median(v);
    }

    private long startupOnce(Wrapper w) throws Exception {
        Path dir = Files.createDirectories(root.resolve("start"));
        Path config = markerConfig(dir, "exit 0", "AppExit=Exit\n");
        long before = epochNanos();
        Process p = launcher(w, dir, config);
        long started = marks(dir.resolve("starts"), 1, 30_000).get(0);
        p.waitFor(30, TimeUnit.SECONDS);
        deleteTree(dir);
        return started - before;
    }

    private void latencies(int runs) throws Exception {
        System.out.printf(Locale.ROOT, "%n## Latencies (median of %d; each includes one `date` process, about 1 ms)%n%n",
                runs);
        System.out.println("| what | median ms | min ms | max ms |");
        System.out.println("|---|---|---|---|");
        for (Wrapper w : wrappers()) {
            double[] start = new double[runs];
            double[] restart = new double[runs];
            double[] laterRestart = new double[runs];
            double[] stop = new double[runs];
            double[] bare = new double[runs];
            for (int i = 0; i < runs; i++) {
                start[i] = startupOnce(w) / 1e6;
                long[] r = restartOnce(w);
                restart[i] = r[0] / 1e6;
                laterRestart[i] = r[1] / 1e6;
                stop[i] = stopOnce(w) / 1e6;
                bare[i] = bareJavaVersion(w) / 1e6;
            }
            String l = w.label() + ": ";
            row(l + "`run` to child started", start);
            row(l + "bare `java -version`, same JVM options", bare);
            row(l + "child exit to next child started, first restart", restart);
            row(l + "child exit to next child started, later restarts", laterRestart);
            row(l + "stop (SIGTERM) to wrapper exit, obedient child", stop);
        }
    }

    private List<Wrapper> wrappers() {
        List<Wrapper> all = new ArrayList<>(List.of(wrapper));
        if (withoutArchive != null) {
            all.add(withoutArchive);
        }
        if (baseline != null) {
            all.add(baseline);
        }
        return all;
    }

    private static void row(String what, double[] v) {
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", what, median(v),
                Arrays.stream(v).min().orElse(0), Arrays.stream(v).max().orElse(0));
    }

    /**
     * A program that runs 300 ms (longer than the restart floor), records its exit, and is restarted:
     * the first restart (classes still loading) and the median of the next three, in ns.
     */
    private long[] restartOnce(Wrapper w) throws Exception {
        Path dir = Files.createDirectories(root.resolve("restart"));
        Path config = markerConfig(dir, "sleep 0.3; date +%s%N >> " + dir.resolve("exits"), "AppThrottle=0\n");
        Process p = launcher(w, dir, config);
        try {
            List<Long> starts = marks(dir.resolve("starts"), 5, 30_000);
            List<Long> exits = marks(dir.resolve("exits"), 4, 30_000);
            double[] later = {starts.get(2) - exits.get(1), starts.get(3) - exits.get(2), starts.get(4) - exits.get(3)};
            return new long[] {starts.get(1) - exits.get(0), (long) median(later)};
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            deleteTree(dir);
        }
    }

    private long stopOnce(Wrapper w) throws Exception {
        Path dir = Files.createDirectories(root.resolve("stop"));
        Path config = markerConfig(dir, "exec sleep 1000", "");
        Process p = launcher(w, dir, config);
        marks(dir.resolve("starts"), 1, 30_000);
        Thread.sleep(200); // the child is past its exec
        long before = System.nanoTime();
        p.destroy(); // SIGTERM: the stop ladder (SIGINT/SIGTERM to the group), the child obeys at once
        p.waitFor(30, TimeUnit.SECONDS);
        long took = System.nanoTime() - before;
        deleteTree(dir);
        return took;
    }

    private static long bareJavaVersion(Wrapper w) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(w.jvm());
        command.add("-version");
        long before = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        return System.nanoTime() - before;
    }

    /**
     * The wrapper with an idle child against a bare JVM (same options) that only sleeps, both started together,
     * measured 3 s after the child started and again at 10 s (after the JVM's chunk pool cleaning at 5 s of uptime
     * and the wrapper's one native heap trim 6 s after the child started); medians of {@code runs} pairs (RSS varies
     * by a few hundred KB from start to start).
     */
    private void idle(int runs) throws Exception {
        System.out.printf(Locale.ROOT, "%n## Idle (child `sleep`; median of %d)%n%n", runs);
        System.out.println("| process | JVM options | RSS (MB) at 3 s | at 10 s | threads at 3 s | at 10 s | RSS x bare at 3 s"
                + " | at 10 s |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Wrapper w : wrappers()) {
            double[][] m = new double[8][runs];
            for (int i = 0; i < runs; i++) {
                long[] one = idleOnce(w);
                for (int k = 0; k < 8; k++) {
                    m[k][i] = k % 2 == 0 ? one[k] / 1024.0 : one[k];
                }
            }
            String options = String.join(" ", w.jvm());
            System.out.printf(Locale.ROOT, "| %s, idle child | %s | %.1f | %.1f | %.0f | %.0f | %.2f | %.2f |%n", w.label(),
                    options, median(m[0]), median(m[4]), median(m[1]), median(m[5]), median(m[0]) / median(m[2]),
                    median(m[4]) / median(m[6]));
            System.out.printf(Locale.ROOT, "| bare JVM (Thread.sleep) | %s | %.1f | %.1f | %.0f | %.0f | | |%n", options,
                    median(m[2]), median(m[6]), median(m[3]), median(m[7]));
        }
    }

    /** One pair: the wrapper's RSS (KiB) and threads, the bare JVM's RSS and threads; at 3 s, then at 10 s. */
    private long[] idleOnce(Wrapper w) throws Exception {
        Path dir = Files.createDirectories(root.resolve("idle"));
        Path config = markerConfig(dir, "exec sleep 1000", "");
        Process wrapper = launcher(w, dir, config);
        List<String> bareCommand = new ArrayList<>(List.of(JAVA));
        bareCommand.addAll(w.jvm());
        bareCommand.addAll(List.of("-cp", System.getProperty("java.class.path"), Idle.class.getName()));
        Process bare = new ProcessBuilder(bareCommand).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            marks(dir.resolve("starts"), 1, 30_000);
            long[] m = new long[8];
            Thread.sleep(3000); // a benchmark, not a test: let both settle
            sample(wrapper, bare, m, 0);
            Thread.sleep(7000);
            sample(wrapper, bare, m, 4);
            return m;
        } finally {
            wrapper.destroy();
            bare.destroy();
            wrapper.waitFor(30, TimeUnit.SECONDS);
            bare.waitFor(30, TimeUnit.SECONDS);
            deleteTree(dir);
        }
    }

    private static void sample(Process wrapper, Process bare, long[] into, int at) throws IOException {
        into[at] = RestartBenchmark.rssKb(wrapper.pid());
        into[at + 1] = taskCount(wrapper.pid());
        into[at + 2] = RestartBenchmark.rssKb(bare.pid());
        into[at + 3] = taskCount(bare.pid());
    }

    private static long taskCount(long pid) throws IOException {
        return RestartBenchmark.count(Path.of("/proc", Long.toString(pid), "task"));
    }

    /** The bare JVM of the idle comparison. */
    public static final class Idle {
        private Idle() {
        }

        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(600_000);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "(unknown)";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
