package org.jsrvany.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fixture run as a real child process, the way the wrapper's tests use it. */
class FixtureIT {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final Children children = new Children();
    private Path stdout;
    private Path stderr;

    @BeforeEach
    void files() {
        stdout = dir.resolve("stdout.txt");
        stderr = dir.resolve("stderr.txt");
    }

    @AfterEach
    void killEverything() {
        children.close();
    }

    private ProcessBuilder builder(String... args) {
        return new ProcessBuilder(FixtureCommand.command(args))
                .redirectInput(ProcessBuilder.Redirect.from(devNull()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
    }

    private static java.io.File devNull() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private Process start(String... args) throws IOException {
        return children.start(builder(args));
    }

    private static int exitCode(Process process) throws InterruptedException {
        assertThat(process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("process exited").isTrue();
        return process.exitValue();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, UTF_8);
    }

    private static List<String> numbered(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + " " + i).toList();
    }

    /** Awaits the pids file (the readiness marker) and registers every pid in it for cleanup. */
    private List<Long> awaitPids(Path pidsFile) throws IOException {
        await().atMost(BOUND).until(() -> Files.exists(pidsFile));
        List<Long> pids = new ArrayList<>();
        for (String line : lines(pidsFile)) {
            long pid = Long.parseLong(line.substring(line.indexOf(' ') + 1));
            children.alsoKill(pid);
            pids.add(pid);
        }
        return pids;
    }

    // ---- exit codes and output ----

    @Test
    void exitsWithTheRequestedCodeAndPrintsNothingByDefault() throws Exception {
        Process process = start("--exit-code", "7");
        assertThat(exitCode(process)).isEqualTo(7);
        assertThat(stdout).isEmptyFile();
        assertThat(stderr).isEmptyFile();
    }

    @Test
    void exitAfterEndsALongRunningProcessWithTheExitCode() throws Exception {
        Process process = start("--sleep-forever", "--exit-after", "100", "--exit-code", "5");
        assertThat(exitCode(process)).isEqualTo(5);
        assertThat(stdout).isEmptyFile();
    }

    @Test
    void exitAfterNeverCutsTheOneShotOutputShort() throws Exception {
        Process process = start("--lines", "3", "--line-interval", "30", "--exit-after", "0", "--exit-code", "4");
        assertThat(exitCode(process)).isEqualTo(4);
        assertThat(lines(stdout)).containsExactlyElementsOf(numbered("out", 3));
    }

    @Test
    void printsExactlyTheNumberedLinesAsked() throws Exception {
        Process process = start("--lines", "5", "--err-lines", "3", "--exit-code", "1");
        assertThat(exitCode(process)).isEqualTo(1);
        assertThat(lines(stdout)).containsExactlyElementsOf(numbered("out", 5));
        assertThat(lines(stderr)).containsExactlyElementsOf(numbered("err", 3));
    }

    @Test
    void interleavesOutAndErrLines() throws Exception {
        Process process = children.start(builder("--lines", "3", "--err-lines", "2", "--line-interval", "10")
                .redirectErrorStream(true));
        assertThat(exitCode(process)).isZero();
        assertThat(lines(stdout)).containsExactly("out 1", "err 1", "out 2", "err 2", "out 3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "positional", "--lines", "--lines x", "--http 70000", "--tick-file t"})
    void malformedFlagsExitWithTwoAndOneLine(String args) throws Exception {
        Process process = start(args.split(" "));
        assertThat(exitCode(process)).isEqualTo(2);
        assertThat(stdout).isEmptyFile();
        assertThat(lines(stderr)).singleElement().asString().startsWith("fixture: ");
    }

    @Test
    void floodWritesExactlyTheBytesAsNumberedLines() throws Exception {
        Process process = start("--flood", "100050");
        assertThat(exitCode(process)).isZero();
        assertThat(Files.size(stdout)).isEqualTo(100_050);
        List<String> lines = lines(stdout);
        assertThat(lines).hasSize(1001);
        for (int i = 1; i <= 1000; i++) {
            String line = lines.get(i - 1);
            assertThat(line).hasSize(99).startsWith(String.format("flood %06d x", i)).endsWith("xxx");
        }
        assertThat(lines.get(1000)).isEqualTo("flood 001001 " + "x".repeat(49 - 13));
    }

    @Test
    void floodNoNewlineWritesOneHugeLine() throws Exception {
        Process process = start("--flood-no-newline", "70000");
        assertThat(exitCode(process)).isZero();
        assertThat(Files.readString(stdout, UTF_8)).isEqualTo("x".repeat(70_000) + "\n");
    }

    // ---- what the child sees ----

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "ProcessBuilder cannot pass embedded quotes, trailing"
            + " backslashes or empty arguments exactly on Windows; the wrapper's own tests use CreateProcessW")
    void dumpRecordsArgumentsEnvironmentWorkingDirectoryAndPid() throws Exception {
        Path workDir = Files.createDirectories(dir.resolve("work dir"));
        Path dump = dir.resolve("dump.properties");
        List<String> args = List.of("--dump", dump.toString(), "--", "a b", "quo\"te", "back\\slash\\", "", "  ",
                "--lines", "%PATH%", "$HOME", "tab\there");
        ProcessBuilder builder = builder(args.toArray(String[]::new)).directory(workDir.toFile());
        builder.environment().put("FIXTURE_TEST_VAR", "va lue=with \"quotes\"");
        Process process = children.start(builder);
        assertThat(exitCode(process)).isZero();
        assertThat(stdout).isEmptyFile();

        Properties seen = load(dump);
        assertThat(seen.getProperty("argc")).isEqualTo(Integer.toString(args.size()));
        for (int i = 0; i < args.size(); i++) {
            assertThat(seen.getProperty("arg." + i)).as("arg %d", i).isEqualTo(args.get(i));
        }
        assertThat(seen.getProperty("env.FIXTURE_TEST_VAR")).isEqualTo("va lue=with \"quotes\"");
        assertThat(Path.of(seen.getProperty("cwd"))).isEqualTo(workDir.toRealPath());
        assertThat(seen.getProperty("pid")).isEqualTo(Long.toString(process.pid()));
    }

    @Test
    void dumpKeepsUnicodeArgumentsAndEnvironment() throws Exception {
        assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")),
                "the platform encoding cannot carry non-ASCII arguments");
        Path dump = dir.resolve("dump.properties");
        ProcessBuilder builder = builder("--dump", dump.toString(), "--", "ünïcødé ✓ 日本");
        builder.environment().put("FIXTURE_UNICODE", "grüße ✓");
        assertThat(exitCode(children.start(builder))).isZero();
        Properties seen = load(dump);
        assertThat(seen.getProperty("arg.3")).isEqualTo("ünïcødé ✓ 日本");
        assertThat(seen.getProperty("env.FIXTURE_UNICODE")).isEqualTo("grüße ✓");
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    @Test
    void stateFileCountsStarts() throws Exception {
        Path state = dir.resolve("state");
        for (int start = 1; start <= 2; start++) {
            assertThat(exitCode(start("--state-file", state.toString()))).isZero();
            assertThat(Files.readString(state).trim()).isEqualTo(Integer.toString(start));
        }
    }

    // ---- process tree ----

    @Test
    @EnabledOnOs(OS.LINUX)
    void grandchildrenAreLiveAndShareTheChildsProcessGroup() throws Exception {
        Path pidsFile = dir.resolve("pids");
        Process process = start("--spawn-grandchildren", "2", "--pids-file", pidsFile.toString());
        List<Long> pids = awaitPids(pidsFile);
        List<String> lines = lines(pidsFile);

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("child " + process.pid());
        assertThat(lines.subList(1, 3)).allSatisfy(line -> assertThat(line).matches("grandchild \\d+"));
        long childGroup = Posix.processGroup(process.pid());
        long childSession = Posix.session(process.pid());
        for (long grandchild : pids.subList(1, 3)) {
            ProcessHandle handle = ProcessHandle.of(grandchild).orElseThrow();
            assertThat(handle.isAlive()).isTrue();
            assertThat(handle.parent().map(ProcessHandle::pid)).contains(process.pid());
            assertThat(Posix.processGroup(grandchild)).as("process group").isEqualTo(childGroup);
            assertThat(Posix.session(grandchild)).as("session").isEqualTo(childSession);
        }
        assertThat(process.isAlive()).as("grandchildren keep the child running").isTrue();
        assertThat(stdout).isEmptyFile();
        assertThat(stderr).isEmptyFile();
    }

    // ---- signals ----

    @Test
    @EnabledOnOs(OS.LINUX)
    void ignoreSigtermChildAndGrandchildrenSurviveSigterm() throws Exception {
        Path pidsFile = dir.resolve("pids");
        Process process = start("--ignore-sigterm", "--spawn-grandchildren", "1", "--pids-file", pidsFile.toString());
        List<Long> pids = awaitPids(pidsFile);
        assertThat(pids).allSatisfy(pid -> assertThat(Posix.ignores(pid, Posix.SIGTERM)).isTrue());
        assertThat(pids).allSatisfy(pid -> assertThat(Posix.ignores(pid, Posix.SIGINT)).isFalse());

        process.destroy(); // SIGTERM
        await().during(Duration.ofMillis(700)).atMost(BOUND).until(process::isAlive);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void plainChildDiesOnSigtermAndWritesTheShutdownMarker() throws Exception {
        Path pidsFile = dir.resolve("pids");
        Path marker = dir.resolve("marker");
        Process process = start("--sleep-forever", "--shutdown-marker", marker.toString(),
                "--pids-file", pidsFile.toString());
        awaitPids(pidsFile);
        process.destroy(); // SIGTERM
        assertThat(exitCode(process)).isEqualTo(128 + Posix.SIGTERM);
        assertThat(marker).hasContent("graceful " + process.pid());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void ignoreSigintChildSurvivesSigint() throws Exception {
        Path pidsFile = dir.resolve("pids");
        Process process = start("--ignore-sigint", "--sleep-forever", "--pids-file", pidsFile.toString());
        awaitPids(pidsFile);
        assertThat(Posix.ignores(process.pid(), Posix.SIGINT)).isTrue();
        Posix.kill(process.pid(), Posix.SIGINT);
        await().during(Duration.ofMillis(700)).atMost(BOUND).until(process::isAlive);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void plainChildDiesOnSigintAndWritesTheShutdownMarker() throws Exception {
        Path pidsFile = dir.resolve("pids");
        Path marker = dir.resolve("marker");
        Process process = start("--sleep-forever", "--shutdown-marker", marker.toString(),
                "--pids-file", pidsFile.toString());
        awaitPids(pidsFile);
        Posix.kill(process.pid(), Posix.SIGINT);
        assertThat(exitCode(process)).isEqualTo(128 + Posix.SIGINT);
        assertThat(marker).hasContent("graceful " + process.pid());
    }

    @Test
    void noShutdownMarkerWhenTheFixtureExitsOnItsOwn() throws Exception {
        Path marker = dir.resolve("marker");
        assertThat(exitCode(start("--shutdown-marker", marker.toString(), "--exit-code", "3"))).isEqualTo(3);
        assertThat(exitCode(start("--shutdown-marker", marker.toString(), "--sleep-forever", "--exit-after", "10")))
                .isZero();
        assertThat(marker).doesNotExist();
    }

    @Test
    void noShutdownMarkerWhenKilledForcibly() throws Exception {
        Path pidsFile = dir.resolve("pids");
        Path marker = dir.resolve("marker");
        Process process = start("--sleep-forever", "--shutdown-marker", marker.toString(),
                "--pids-file", pidsFile.toString());
        awaitPids(pidsFile);
        process.destroyForcibly();
        exitCode(process);
        assertThat(marker).doesNotExist();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void ignoringThatCannotBeHonouredExitsWithThree() throws Exception {
        // -Xrs keeps SIGTERM for the JVM's own use, so sun.misc.Signal refuses to change it.
        List<String> command = new ArrayList<>(FixtureCommand.command("--ignore-sigterm", "--sleep-forever"));
        command.add(1, "-Xrs");
        Process process = children.start(new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()));
        assertThat(exitCode(process)).isEqualTo(3);
        assertThat(lines(stderr)).singleElement().asString().startsWith("fixture: cannot ignore SIGTERM");
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void onWindowsIgnoreSigintIgnoresCtrlCThroughJna() throws Exception {
        Path pidsFile = dir.resolve("pids");
        Process process = start("--ignore-sigint", "--sleep-forever", "--pids-file", pidsFile.toString());
        awaitPids(pidsFile); // written only after SetConsoleCtrlHandler(null, TRUE) succeeded
        assertThat(process.isAlive()).isTrue();
        assertThat(stderr).isEmptyFile();
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void onWindowsIgnoreSigtermIsRefusedLoudly() throws Exception {
        Process process = start("--ignore-sigterm", "--sleep-forever");
        assertThat(exitCode(process)).isEqualTo(3);
        assertThat(lines(stderr)).singleElement().asString().startsWith("fixture: --ignore-sigterm");
    }

    // ---- long-running behaviour ----

    @Test
    @EnabledOnOs(OS.LINUX)
    void tickFileStopsWhileFrozenAndAdvancesAfterResume() throws Exception {
        Path pidsFile = dir.resolve("pids");
        Path tickFile = dir.resolve("tick");
        Process process = start("--tick", "20", "--tick-file", tickFile.toString(), "--pids-file", pidsFile.toString());
        awaitPids(pidsFile);
        await().atMost(BOUND).until(() -> tick(tickFile) >= 3);

        Posix.kill(process.pid(), Posix.SIGSTOP);
        await().atMost(BOUND).until(() -> Posix.allThreadsStopped(process.pid()));
        long frozen = tick(tickFile);
        await().during(Duration.ofMillis(300)).atMost(BOUND).until(() -> tick(tickFile) == frozen);

        Posix.kill(process.pid(), Posix.SIGCONT);
        await().atMost(BOUND).until(() -> tick(tickFile) >= frozen + 2);

        process.destroyForcibly();
        exitCode(process);
        List<String> ticks = lines(stdout);
        assertThat(ticks).containsExactlyElementsOf(numbered("tick", ticks.size()));
        assertThat(ticks.size()).isGreaterThanOrEqualTo((int) frozen + 2);
    }

    private static long tick(Path tickFile) throws IOException {
        return Files.exists(tickFile) ? Long.parseLong(Files.readString(tickFile).trim()) : 0;
    }

    @Test
    void httpPageShowsPidStartCountAndGreeting() throws Exception {
        Path pidsFile = dir.resolve("pids");
        Path state = dir.resolve("state");
        Files.writeString(state, "41");
        ProcessBuilder builder = builder("--http", "0", "--state-file", state.toString(),
                "--pids-file", pidsFile.toString());
        builder.environment().put("DEMO_GREETING", "Hello <service>");
        Process process = children.start(builder);
        awaitPids(pidsFile);

        List<String> out = lines(stdout);
        assertThat(out).singleElement().asString().matches("listening on http://127\\.0\\.0\\.1:\\d+/");
        Matcher port = Pattern.compile(":(\\d+)/").matcher(out.get(0));
        assertThat(port.find()).isTrue();

        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port.group(1) + "/")
                .toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(10_000);
        assertThat(connection.getResponseCode()).isEqualTo(200);
        assertThat(connection.getContentType()).startsWith("text/html");
        String page;
        try (var in = connection.getInputStream()) {
            page = new String(in.readAllBytes(), UTF_8);
        }
        assertThat(page)
                .contains("pid: " + process.pid())
                .contains("start count: 42")
                .contains("uptime: ")
                .contains("Hello &lt;service&gt;");
    }
}
