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

/** Bad input given to the real launcher jar: the exit code, the sentence, and nothing left behind (issue 9). */
@EnabledOnOs(OS.LINUX)
class BadInputIT {

    @TempDir
    Path dir;

    private final LauncherJar launchers = new LauncherJar();

    @AfterEach
    void cleanUp() {
        launchers.cleanUp();
    }

    private Path config(String extra) throws IOException {
        Path file = dir.resolve("svc.properties");
        Files.writeString(file, extra, StandardCharsets.UTF_8);
        return file;
    }

    private Path fixtureConfig(String extra, String... fixtureFlags) throws IOException {
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), "org.jsrvany.samples.Fixture"));
        args.addAll(List.of(fixtureFlags));
        return config("Application=" + FixtureCommand.javaExecutable().toString().replace("\\", "\\\\") + "\n"
                + "AppParameters=" + WindowsCommandLine.joinArguments(args).replace("\\", "\\\\") + "\n"
                + "AppDirectory=" + dir.toString().replace("\\", "\\\\") + "\n" + extra);
    }

    private LauncherJar.Launched launch(String... args) throws IOException {
        return launchers.start(dir, List.of(), args);
    }

    private static void awaitErr(LauncherJar.Launched l, String text) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(l.err()).as("stderr")
                .anySatisfy(s -> assertThat(s).contains(text)));
    }

    @Test
    void sighupRunsTheStopLadderAndExitsZeroNot129() throws Exception {
        Path pids = dir.resolve("pids");
        Path marker = dir.resolve("graceful");
        LauncherJar.Launched l = launch("run", "--config", fixtureConfig("", "--sleep-forever", "--pids-file", pids.toString(),
                "--shutdown-marker", marker.toString()).toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pids) && !Files.readString(pids).isBlank());
        String line = Files.readAllLines(pids).get(0);
        long child = Long.parseLong(line.substring(line.indexOf(' ') + 1).trim());
        launchers.reapAfterwards(List.of(child));
        await().atMost(Duration.ofSeconds(10)).until(() -> l.said("is running"));

        Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(l.process().pid())).inheritIO().start();
        assertThat(hup.waitFor(10, TimeUnit.SECONDS) && hup.exitValue() == 0).as("kill -HUP sent").isTrue();

        assertThat(l.exitCode()).isZero();
        assertThat(marker).as("the child got the ladder's SIGINT and ran its shutdown hooks").exists();
        assertThat(ProcStat.alive(child)).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> l.said("ended: stopped on request (exit code 0)"));
    }

    @Test
    void anArgumentListTooLongNamesAppParametersIsALaunchFailureAndLeavesNoFolder() throws Exception {
        LauncherJar.Launched l = launch("run", "--config", config("Application=/bin/echo\nAppDirectory=" + dir + "\n"
                + "AppParameters=" + "a".repeat(200_000) + "\nAppStdout=logs/out.log\n").toString());
        assertThat(l.exitCode()).isEqualTo(4);
        awaitErr(l, "too long (E2BIG, \"Argument list too long\"): shorten AppParameters: one of its arguments is 200001"
                + " bytes");
        assertThat(dir.resolve("logs")).as("no AppStdout folder for a program that never started").doesNotExist();
    }

    @Test
    void aNulInAppParametersIsAnInvalidConfigurationNotALaunchFailure() throws Exception {
        Path file = config("Application=/bin/echo\nAppParameters=a\\u0000b\nAppStdout=logs/out.log\n");
        LauncherJar.Launched l = launch("run", "--config", file.toString());
        assertThat(l.exitCode()).isEqualTo(3);
        awaitErr(l, "AppParameters in " + file + " contains a NUL character");
        assertThat(dir.resolve("logs")).doesNotExist();
    }

    @Test
    void anApplicationPathWithAQuoteIsAnInvalidConfigurationNotAStackTrace() throws Exception {
        Path program = dir.resolve("my\"app.sh");
        Files.writeString(program, "#!/bin/sh\nexit 0\n");
        assertThat(program.toFile().setExecutable(true)).isTrue();
        LauncherJar.Launched l = launch("run", "--config", config("Application=" + program + "\n").toString());
        assertThat(l.exitCode()).isEqualTo(3);
        awaitErr(l, "contains a double quote");
    }

    @Test
    void aFolderAsTheConfigurationIsNamed() throws Exception {
        LauncherJar.Launched l = launch("run", "--config", "/");
        assertThat(l.exitCode()).isEqualTo(3);
        awaitErr(l, "The configuration file / is a folder, not a file");
    }

    @Test
    void usageErrorsExitTwoAsDocumentedEvenWithHelp() throws Exception {
        LauncherJar.Launched unknownOption = launch("run", "--bogus", "--config", "x.properties");
        LauncherJar.Launched missingOption = launch("run");
        LauncherJar.Launched unknownCommand = launch("audit", "--help");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        awaitErr(unknownOption, "Unknown option: '--bogus'");
        assertThat(missingOption.exitCode()).isEqualTo(2);
        awaitErr(missingOption, "Missing required option: '--config=FILE'");
        assertThat(unknownCommand.exitCode()).isEqualTo(2);
        awaitErr(unknownCommand, "'audit'");
        assertThat(launch("--help").exitCode()).isZero();
    }
}
