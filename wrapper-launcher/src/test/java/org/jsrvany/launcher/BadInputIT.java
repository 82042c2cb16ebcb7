package org.jsrvany.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
    private static final Path LAUNCHER_JAR = Path.of("target", "jsrvany-launcher.jar").toAbsolutePath();

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();
    private final List<Long> pidsToReap = new ArrayList<>();

    private record Launcher(Process process, List<String> out, List<String> err) {
        boolean said(String text) {
            synchronized (out) {
                return out.stream().anyMatch(l -> l.contains(text));
            }
        }
    }

    @AfterEach
    void cleanUp() {
        started.forEach(Process::destroyForcibly);
        pidsToReap.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
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

    private Launcher launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(FixtureCommand.javaExecutable().toString(), "-jar",
                LAUNCHER_JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
        started.add(p);
        p.getOutputStream().close();
        Launcher l = new Launcher(p, Collections.synchronizedList(new ArrayList<>()),
                Collections.synchronizedList(new ArrayList<>()));
        collect(p.getInputStream(), l.out());
        collect(p.getErrorStream(), l.err());
        return l;
    }

    private static void collect(InputStream in, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the launcher is gone
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static int exitCode(Launcher l) throws InterruptedException {
        assertThat(l.process().waitFor(60, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
        return l.process().exitValue();
    }

    private static void awaitErr(Launcher l, String text) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(l.err()).as("stderr")
                .anySatisfy(s -> assertThat(s).contains(text)));
    }

    @Test
    void sighupRunsTheStopLadderAndExitsZeroNot129() throws Exception {
        Path pids = dir.resolve("pids");
        Path marker = dir.resolve("graceful");
        Launcher l = launch("run", "--config", fixtureConfig("", "--sleep-forever", "--pids-file", pids.toString(),
                "--shutdown-marker", marker.toString()).toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pids) && !Files.readString(pids).isBlank());
        String line = Files.readAllLines(pids).get(0);
        long child = Long.parseLong(line.substring(line.indexOf(' ') + 1).trim());
        pidsToReap.add(child);
        await().atMost(Duration.ofSeconds(10)).until(() -> l.said("is running"));

        Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(l.process().pid())).inheritIO().start();
        assertThat(hup.waitFor(10, TimeUnit.SECONDS) && hup.exitValue() == 0).as("kill -HUP sent").isTrue();

        assertThat(exitCode(l)).isZero();
        assertThat(marker).as("the child got the ladder's SIGINT and ran its shutdown hooks").exists();
        assertThat(ProcStat.alive(child)).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> l.said("ended: stopped on request (exit code 0)"));
    }

    @Test
    void anArgumentListTooLongNamesAppParametersIsALaunchFailureAndLeavesNoFolder() throws Exception {
        Launcher l = launch("run", "--config", config("Application=/bin/echo\nAppDirectory=" + dir + "\n"
                + "AppParameters=" + "a".repeat(200_000) + "\nAppStdout=logs/out.log\n").toString());
        assertThat(exitCode(l)).isEqualTo(4);
        awaitErr(l, "too long (E2BIG, \"Argument list too long\"): shorten AppParameters: one of its arguments is 200001"
                + " bytes");
        assertThat(dir.resolve("logs")).as("no AppStdout folder for a program that never started").doesNotExist();
    }

    @Test
    void aNulInAppParametersIsAnInvalidConfigurationNotALaunchFailure() throws Exception {
        Path file = config("Application=/bin/echo\nAppParameters=a\\u0000b\nAppStdout=logs/out.log\n");
        Launcher l = launch("run", "--config", file.toString());
        assertThat(exitCode(l)).isEqualTo(3);
        awaitErr(l, "AppParameters in " + file + " contains a NUL character");
        assertThat(dir.resolve("logs")).doesNotExist();
    }

    @Test
    void anApplicationPathWithAQuoteIsAnInvalidConfigurationNotAStackTrace() throws Exception {
        Path program = dir.resolve("my\"app.sh");
        Files.writeString(program, "#!/bin/sh\nexit 0\n");
        assertThat(program.toFile().setExecutable(true)).isTrue();
        Launcher l = launch("run", "--config", config("Application=" + program + "\n").toString());
        assertThat(exitCode(l)).isEqualTo(3);
        awaitErr(l, "contains a double quote");
    }

    @Test
    void aFolderAsTheConfigurationIsNamed() throws Exception {
        Launcher l = launch("run", "--config", "/");
        assertThat(exitCode(l)).isEqualTo(3);
        awaitErr(l, "The configuration file / is a folder, not a file");
    }

    @Test
    void usageErrorsExitTwoAsDocumentedEvenWithHelp() throws Exception {
        Launcher unknownOption = launch("run", "--bogus", "--config", "x.properties");
        Launcher missingOption = launch("run");
        Launcher unknownCommand = launch("audit", "--help");
        assertThat(exitCode(unknownOption)).isEqualTo(2);
        awaitErr(unknownOption, "Unknown option: '--bogus'");
        assertThat(exitCode(missingOption)).isEqualTo(2);
        awaitErr(missingOption, "Missing required option: '--config=FILE'");
        assertThat(exitCode(unknownCommand)).isEqualTo(2);
        awaitErr(unknownCommand, "'audit'");
        assertThat(exitCode(launch("--help"))).isZero();
    }
}
