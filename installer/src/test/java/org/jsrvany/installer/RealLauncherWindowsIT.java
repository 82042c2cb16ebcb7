package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The installer with the real service program: the shaded {@code jsrvany-launcher.jar} the build
 * made, installed by {@code install}, running {@code ping -n 600 127.0.0.1} as the child, driven by
 * start, status, pause, continue, stop and remove; and a configuration that breaks after install,
 * whose failed start is explained.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(300)
class RealLauncherWindowsIT extends RealServiceIt {

    private static String ping() {
        return Path.of(System.getenv().getOrDefault("SystemRoot", "C:\\windows"), "system32", "ping.exe").toString();
    }

    @Test
    void installStartPauseContinueStopRemoveWithTheRealLauncher() throws IOException {
        WindowsIt.assumeElevated();
        launcher = WindowsIt.realLauncher();
        name = WindowsIt.uniqueName("jsrvany-real");
        Path work = Files.createDirectories(temp.resolve("work dir"));
        Harness.Result installed = run("install", name, ping(), "--start", "manual", "--dir", work.toString(),
                "--stdout", "ping.log", "--", "-n", "600", "127.0.0.1");
        assertThat(installed.exit()).as(installed.toString()).isZero();

        Harness.Result started = run("start", name, "--timeout", "90s");
        assertThat(started.exit()).as(started.toString()).isZero();
        Harness.Result status = run("status", name, "--json");
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("\"state\": \"RUNNING\"").doesNotContain("\"wrapperPid\": null")
                .as("the service publishes its child for status").doesNotContain("\"childPid\": null")
                .contains("\"restarts\": 0");

        Harness.Result paused = run("pause", name);
        assertThat(paused.exit()).as(paused.toString()).isZero();
        assertThat(run("status", name).exit()).isEqualTo(Exit.PAUSED.code());
        Harness.Result continued = run("continue", name);
        assertThat(continued.exit()).as(continued.toString()).isZero();

        Harness.Result stopped = run("stop", name);
        assertThat(stopped.exit()).as(stopped.toString()).isZero();
        assertThat(work.resolve("ping.log")).as("the child ran in its AppDirectory with AppStdout").exists();

        Harness.Result removed = run("remove", name);
        assertThat(removed.exit()).as(removed.toString()).isZero();
        assertThat(scm.find(name)).isEmpty();
    }

    @Test
    void aConfigurationThatBrokeAfterInstallIsExplainedWhenStartFails() throws IOException {
        WindowsIt.assumeElevated();
        launcher = WindowsIt.realLauncher();
        name = WindowsIt.uniqueName("jsrvany-broken");
        Path program = Files.copy(Path.of(ping()), temp.resolve("gone.exe"));
        assertThat(run("install", name, program.toString(), "--start", "manual").exit()).isZero();
        Files.delete(program);
        Harness.Result started = run("start", name, "--timeout", "90s");
        assertThat(started.exit()).as(started.toString()).isEqualTo(Exit.SERVICE_FAILED.code());
        assertThat(started.err()).contains("configuration is invalid").contains("jsrvany test " + name);
        Harness.Result test = run("test", name);
        assertThat(test.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(test.err()).contains("does not exist");
    }
}
