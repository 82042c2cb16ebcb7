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
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --config} on Linux: SIGUSR1 rotates the output files now, as service control 128 does. */
@EnabledOnOs(OS.LINUX)
class RotateSignalIT {
    @TempDir
    Path dir;

    private final LauncherJar launchers = new LauncherJar();

    @AfterEach
    void cleanUp() {
        launchers.cleanUp();
    }

    private Path config(String extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), "org.jsrvany.samples.Fixture",
                "--lines", "3", "--sleep-forever"));
        Path file = dir.resolve("svc.properties");
        Files.writeString(file, "Application=" + FixtureCommand.javaExecutable() + "\n"
                + "AppParameters=" + WindowsCommandLine.joinArguments(args) + "\n"
                + "AppDirectory=" + dir + "\nAppStdout=out.log\n" + extra, StandardCharsets.UTF_8);
        return file;
    }

    private static List<Path> rotated(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches("out-\\d{8}T\\d{6}\\.\\d{3}(-\\d+)?\\.log")).toList();
        }
    }

    private static boolean said(LauncherJar.Launched l, String text) {
        synchronized (l.err()) {
            if (l.err().stream().anyMatch(line -> line.contains(text))) {
                return true;
            }
        }
        return l.said(text);
    }

    private static void usr1(long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-USR1", Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    @Test
    void sigusr1RotatesTheOutputFileAndTheServiceRunsOn() throws Exception {
        Path log = dir.resolve("out.log");
        LauncherJar.Launched l = launchers.start(dir, List.of(), "run", "--config",
                config("AppRotateOnline=1\n").toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log) && Files.readAllLines(log).size() == 3);
        usr1(l.process().pid());
        await().atMost(Duration.ofSeconds(30)).until(() -> rotated(dir).size() == 1);
        assertThat(Files.readAllLines(rotated(dir).get(0))).containsExactly("out 1", "out 2", "out 3");
        assertThat(l.process().isAlive()).as("SIGUSR1 does not stop the wrapper").isTrue();

        l.process().toHandle().destroy(); // SIGTERM: the documented stop
        assertThat(l.exitCode()).isZero();
    }

    @Test
    void withoutAppRotateOnlineSigusr1IsLoggedAndRotatesNothing() throws Exception {
        Path log = dir.resolve("out.log");
        LauncherJar.Launched l = launchers.start(dir, List.of(), "run", "--config", config("").toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log) && Files.readAllLines(log).size() == 3);
        usr1(l.process().pid());
        await().atMost(Duration.ofSeconds(30)).until(() -> said(l, "AppRotateOnline is 0"));
        assertThat(rotated(dir)).isEmpty();
        assertThat(log).hasContent("out 1\nout 2\nout 3");
        l.process().toHandle().destroy();
        assertThat(l.exitCode()).isZero();
    }
}
