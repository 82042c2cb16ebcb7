package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code jsrvany rotate NAME} against a real installed service (the shaded launcher jar, the real SCM):
 * ControlService with NSSM's control 128 reaches the service's handler, which rotates the output file
 * of its running program (the fixture: three lines, then it sleeps).
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(300)
class RotateWindowsIT extends RealServiceIt {

    private static List<Path> rotated(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches("out-\\d{8}T\\d{6}\\.\\d{3}(-\\d+)?\\.log"))
                    .toList();
        }
    }

    private static int lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void control128RotatesTheRunningServicesOutputFile() throws IOException {
        WindowsIt.assumeElevated();
        launcher = WindowsIt.realLauncher();
        name = WindowsIt.uniqueName("jsrvany-rotate");
        Path work = Files.createDirectories(temp.resolve("work"));
        // The fixture writes three lines at once (flushed), then sleeps. (With ping -n 600 as the program,
        // three lines had not reached the file after a minute under Wine.)
        Harness.Result installed = run("install", name, WindowsIt.javaExe().toString(), "--start", "manual", "--dir",
                work.toString(), "--stdout", "out.log", "--rotate-online", "--", "-cp", FixtureCommand.classpath(),
                "org.jsrvany.samples.Fixture", "--lines", "3", "--sleep-forever");
        assertThat(installed.exit()).as(installed.toString()).isZero();
        assertThat(run("start", name, "--timeout", "90s").exit()).isZero();

        Path log = work.resolve("out.log");
        await().atMost(Duration.ofSeconds(60)).until(() -> lines(log) == 3);
        Harness.Result rotate = run("rotate", name);
        assertThat(rotate.exit()).as(rotate.toString()).isZero();
        assertThat(rotate.out()).contains("service control 128").doesNotContain("AppRotateOnline is not 1");
        await().atMost(Duration.ofSeconds(60)).until(() -> rotated(work).size() == 1);
        assertThat(Files.readString(rotated(work).get(0), StandardCharsets.ISO_8859_1))
                .as("the rotated file holds the three whole lines (the fixture ends them with LF)")
                .isEqualTo("out 1\nout 2\nout 3\n");
        assertThat(run("status", name).exit()).as("still RUNNING").isZero();

        assertThat(run("stop", name).exit()).isZero();
        assertThat(run("rotate", name).exit()).as("a stopped service has nothing to rotate")
                .isEqualTo(Exit.WRONG_STATE.code());
    }
}
