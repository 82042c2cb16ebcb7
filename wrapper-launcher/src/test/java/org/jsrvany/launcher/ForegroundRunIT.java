package org.jsrvany.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.process.ProcStat;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher jar in the foreground: signals, exit codes, output files, and a killed wrapper. */
@EnabledOnOs(OS.LINUX)
class ForegroundRunIT {

    @TempDir
    Path dir;

    private final LauncherJar launchers = new LauncherJar();

    @AfterEach
    void cleanUp() {
        launchers.cleanUp();
    }

    private Path config(String extra, String... fixtureFlags) throws IOException {
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), "org.jsrvany.samples.Fixture"));
        args.addAll(List.of(fixtureFlags));
        Path file = dir.resolve("svc.properties");
        // Properties syntax: backslashes must be doubled.
        Files.writeString(file, "Application=" + FixtureCommand.javaExecutable().toString().replace("\\", "\\\\") + "\n"
                + "AppParameters=" + WindowsCommandLine.joinArguments(args).replace("\\", "\\\\") + "\n"
                + "AppDirectory=" + dir.toString().replace("\\", "\\\\") + "\n" + extra, StandardCharsets.UTF_8);
        return file;
    }

    private LauncherJar.Launched launch(String... args) throws IOException {
        return launchers.start(dir, List.of(), args);
    }

    /** Starts the launcher behind {@code prefix} (e.g. a shell that sets signal dispositions first). */
    private LauncherJar.Launched launchWith(List<String> prefix, String... args) throws IOException {
        return launchers.start(dir, prefix, args);
    }

    private List<Long> awaitPids(Path file, int expected) throws IOException {
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file));
        List<Long> pids = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            pids.add(Long.parseLong(line.substring(line.indexOf(' ') + 1).trim()));
        }
        assertThat(pids).hasSize(expected);
        launchers.reapAfterwards(pids);
        return pids;
    }

    @Test
    void sigtermRunsTheLadderAndExitsZero() throws Exception {
        Path pids = dir.resolve("pids");
        Path marker = dir.resolve("graceful");
        LauncherJar.Launched l = launch("run", "--config", config("AppStdout=out.log\n", "--sleep-forever", "--pids-file",
                pids.toString(), "--shutdown-marker", marker.toString()).toString());
        long child = awaitPids(pids, 1).get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> l.said("is running"));
        assertThat(l.out()).anySatisfy(line -> assertThat(line).contains("'svc' is running").contains("child pid " + child)
                .contains(dir.resolve("out.log").toString()).contains("Ctrl+C"));

        // SIGTERM to the wrapper. Not Process.destroy(): that also closes our end of its output pipes.
        l.process().toHandle().destroy();
        assertThat(l.exitCode()).isEqualTo(0);
        assertThat(marker).as("the child got SIGINT and ran its shutdown hooks").exists();
        assertThat(ProcStat.alive(child)).isFalse();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(l.out()).as("stderr: %s", l.err())
                .anySatisfy(line -> assertThat(line).contains("'svc' ended: stopped on request (exit code 0)")));
    }

    @Test
    void aKilledWrapperLeavesNoChildOrGrandchild() throws Exception {
        Path pids = dir.resolve("pids");
        LauncherJar.Launched l = launch("run", "--config", config("", "--ignore-sigint", "--ignore-sigterm", "--spawn-grandchildren",
                "2", "--pids-file", pids.toString()).toString());
        List<Long> tree = awaitPids(pids, 3);
        assertThat(tree).allSatisfy(pid -> assertThat(ProcStat.alive(pid)).isTrue());

        l.process().destroyForcibly(); // SIGKILL: no stop ladder, no shutdown hook
        l.process().waitFor(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(tree).allSatisfy(pid -> assertThat(ProcStat.alive(pid)).as("pid %d", pid).isFalse()));
    }

    @Test
    void everyLineReachesTheCombinedFileExactlyOnce() throws Exception {
        LauncherJar.Launched l = launch("run", "--config", config("AppStdout=logs/all.log\nAppStderr=logs/all.log\nAppExit=Exit\n",
                "--lines", "2000", "--err-lines", "2000", "--exit-after", "0").toString());
        assertThat(l.exitCode()).isEqualTo(0);
        List<String> lines = Files.readAllLines(dir.resolve("logs/all.log"));
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 2000; i++) {
            expected.add("out " + i);
            expected.add("err " + i);
        }
        assertThat(lines).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(lines.stream().filter(s -> s.startsWith("out ")).toList())
                .containsExactlyElementsOf(expected.stream().filter(s -> s.startsWith("out ")).toList());
    }

    @Test
    void theForegroundSaysWhenTheProgramBecameReady() throws Exception {
        Path pids = dir.resolve("pids");
        LauncherJar.Launched l = launch("run", "--config", config("AppReadyCheck=file:pids\n", "--start-delay", "1000",
                "--sleep-forever", "--pids-file", pids.toString()).toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> l.said("is ready"));
        long child = awaitPids(pids, 1).get(0);
        assertThat(l.out()).anySatisfy(line -> assertThat(line).startsWith("jsrvany: 'svc' is ready: the program (pid "
                + child + ") passed its readiness check after ").endsWith(" ms (" + pids + " exists)."));
        l.process().toHandle().destroy();
        assertThat(l.exitCode()).isEqualTo(0);
    }

    @Test
    void aProgramThatIsNeverReadyEndsTheForegroundRunWithSeven() throws Exception {
        LauncherJar.Launched l = launch("run", "--config", config("AppReadyCheck=file:never\nAppReadyTimeout=1000\n",
                "--sleep-forever").toString());
        assertThat(l.exitCode()).isEqualTo(7);
        assertThat(l.out()).anySatisfy(line -> assertThat(line).contains("'svc' is not ready after 1000 ms").endsWith(
                "stopping it."));
        assertThat(l.out()).anySatisfy(line -> assertThat(line).contains("the program did not become ready: it was not"
                + " ready within AppReadyTimeout (1000 ms;").endsWith("(exit code 7)."));
    }

    @Test
    void aChildExitWithActionExitEndsWithCodeFive() throws Exception {
        LauncherJar.Launched l = launch("run", "--config", config("AppExit=Restart\nAppExit.7=Exit\n", "--exit-after", "0",
                "--exit-code", "7").toString());
        assertThat(l.exitCode()).isEqualTo(5);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> l.said("the program exited with code 7 and AppExit says Exit (exit code 5)"));
    }

    @Test
    void aBadConfigurationNamesEveryProblemAndStartsNothing() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "AppThrottle=fast\nAppDirectory=/no/such/dir\n");
        LauncherJar.Launched l = launch("run", "--config", file.toString());
        assertThat(l.exitCode()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(l.err())
                .anySatisfy(s -> assertThat(s).contains("Application is not set in " + file))
                .anySatisfy(s -> assertThat(s).contains("AppThrottle=fast in " + file + ": expected a whole number"))
                .anySatisfy(s -> assertThat(s).contains("nothing was started")));
    }

    @Test
    void aMissingConfigurationFileIsNamed() throws Exception {
        LauncherJar.Launched l = launch("run", "--config", dir.resolve("nope.properties").toString());
        assertThat(l.exitCode()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(l.err()).anySatisfy(s ->
                assertThat(s).contains(dir.resolve("nope.properties") + " does not exist")));
    }

    @Test
    void noCommandIsAUsageError() throws Exception {
        LauncherJar.Launched l = launch();
        assertThat(l.exitCode()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(l.err())
                .anySatisfy(s -> assertThat(s).contains("run --config FILE")));
    }

    @Test
    void aWrapperStartedWithSigintIgnoredStillGivesItsChildADefaultSigint() throws Exception {
        Path pids = dir.resolve("pids");
        Path marker = dir.resolve("graceful");
        // As nohup or '&' in a script would start it: SIGINT ignored, inherited across exec.
        LauncherJar.Launched l = launchWith(List.of("sh", "-c", "trap '' INT; exec \"$0\" \"$@\""), "run", "--config",
                config("AppStopMethodConsole=60000\n", "--sleep-forever", "--pids-file", pids.toString(),
                        "--shutdown-marker", marker.toString()).toString());
        long child = awaitPids(pids, 1).get(0);
        String ignored = Files.readAllLines(Path.of("/proc", Long.toString(child), "status")).stream()
                .filter(line -> line.startsWith("SigIgn:")).findFirst().orElseThrow();
        long mask = Long.parseLong(ignored.substring("SigIgn:".length()).trim(), 16);
        assertThat(mask & (1L << (2 - 1))).as("SIGINT is not ignored by the child (%s)", ignored).isZero();

        l.process().toHandle().destroy(); // SIGTERM: the wrapper ignores SIGINT itself here
        // With a 60 s console wait, a prompt end proves the child acted on the SIGINT step.
        assertThat(l.process().waitFor(30, TimeUnit.SECONDS)).as("stopped at the SIGINT step").isTrue();
        assertThat(l.process().exitValue()).isZero();
        assertThat(marker).exists();
    }

    @Test
    void anOutputFileThatCannotBeOpenedIsALaunchFailure() throws Exception {
        // A name no file system takes passes the load checks (a file under a file is refused there) and fails to open.
        LauncherJar.Launched l = launch("run", "--config", config("AppStdout=logs/" + "x".repeat(300) + ".log\n", "--sleep-forever")
                .toString());
        assertThat(l.exitCode()).isEqualTo(4);
        assertThat(dir.resolve("logs")).as("the folder made for it is removed again").doesNotExist();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(l.err())
                .anySatisfy(s -> assertThat(s).contains("AppStdout/AppStderr")));
    }

    @Test
    void anUnwritableWrapperLogIsAUsageErrorNamingThePath() throws Exception {
        Files.writeString(dir.resolve("blocker"), "a file where a folder should be");
        Path log = dir.resolve("blocker/wrapper.log");
        LauncherJar.Launched l = launch("run", "--log", log.toString(), "--config", config("", "--sleep-forever").toString());
        assertThat(l.exitCode()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(l.err())
                .anySatisfy(s -> assertThat(s).contains(log + " cannot be written")));
    }

    @Test
    void aRestartWhoseOutputFolderIsGoneKeepsTheProgramRunningAndTheEndedLineCountsTheLoss() throws Exception {
        Path starts = dir.resolve("starts");
        Path logs = dir.resolve("logs");
        LauncherJar.Launched l = launch("run", "--config", config("AppStdout=logs/out.log\nAppThrottle=100\n", "--lines", "3",
                "--exit-after", "300", "--state-file", starts.toString()).toString());
        Path log = logs.resolve("out.log");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log) && Files.readString(log).contains("out 2"));

        deleteTree(logs); // the folder goes, and a file blocks its place: the next runs cannot open the output
        Files.writeString(logs, "in the way");
        long blockedAt = startCount(starts);
        await().atMost(Duration.ofSeconds(60)).until(() -> startCount(starts) >= blockedAt + 3);
        assertThat(l.process().isAlive()).as("the service runs on; stderr: %s", l.err()).isTrue();

        Files.delete(logs);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log) && Files.readString(log).contains("out 2"));
        assertThat(Files.readString(log)).contains("bytes of output were lost here");

        l.process().toHandle().destroy();
        assertThat(l.exitCode()).isEqualTo(0);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(l.out()).anySatisfy(line ->
                assertThat(line).contains("'svc' ended: stopped on request (exit code 0).")
                        .containsPattern(" [1-9]\\d* bytes of the program's output could not be written")));
    }

    private static long startCount(Path stateFile) throws IOException {
        if (!Files.exists(stateFile)) {
            return 0;
        }
        String text = Files.readString(stateFile).strip();
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void anUnfinishedLastLineIsCompletedSoTheWrappersEndedLineStandsAlone() throws Exception {
        Path file = dir.resolve("sh.properties");
        Files.writeString(file, "Application=/bin/sh\nAppParameters=-c \"printf 'no newline at the end'; exec sleep 600\"\n"
                + "AppDirectory=" + dir + "\n", StandardCharsets.UTF_8);
        LauncherJar.Launched l = launch("run", "--config", file.toString(), "--name", "svc");
        await().atMost(Duration.ofSeconds(30)).until(() -> l.said("is running"));
        // the partial line is held until its end; once the child ends, it is completed with a line end
        l.process().toHandle().destroy();
        assertThat(l.exitCode()).isEqualTo(0);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(l.out())
                .anySatisfy(line -> assertThat(line).startsWith("jsrvany: 'svc' ended: ")));
        assertThat(l.out()).contains("no newline at the end");
        assertThat(l.out()).allSatisfy(line -> assertThat(line).satisfiesAnyOf(
                x -> assertThat(x).startsWith("jsrvany: "), x -> assertThat(x).isEqualTo("no newline at the end")));
    }
}
