package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsrvany.core.win32.registry.RegistryKeyAccess;
import org.jsrvany.core.service.ServiceManager;
import org.jsrvany.core.win32.eventlog.WindowsEventSources;
import org.jsrvany.core.win32.registry.RegistryParameterStore;
import org.jsrvany.core.win32.scm.WindowsServiceManager;
import org.jsrvany.launcher.LauncherMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer with the real service program: the shaded {@code jsrvany-launcher.jar} the build
 * made, installed by {@code install}, running {@code ping -n 600 127.0.0.1} as the child, driven by
 * start, status, pause, continue, stop and remove; and a configuration that breaks after install,
 * whose failed start is explained.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(300)
class RealLauncherWindowsIT {
    private static final String SERVICES = "SYSTEM\\CurrentControlSet\\Services\\";

    @TempDir
    Path temp;

    private final ServiceManager scm = WindowsServiceManager.local();
    private String name;
    private Path launcher;

    @AfterEach
    void cleanUp() {
        if (name != null && scm.find(name).isPresent()) {
            WindowsIt.run(launcher, "remove", name, "--force", "--timeout", "60s");
        }
        if (name != null) {
            RegistryKeyAccess.localMachine().deleteTree(SERVICES + name);
        }
    }

    /** {@code wrapper-launcher/target/jsrvany-launcher.jar}, beside the launcher's classes or thin jar. */
    private static Path realLauncher() {
        try {
            Path source = Path.of(LauncherMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path jar = source.getParent().resolve("jsrvany-launcher.jar");
            assumeTrue(Files.isRegularFile(jar), "the build has not packaged " + jar + " (run mvn verify)");
            return jar;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Harness.Result run(String... args) {
        Harness.Result r = WindowsIt.run(launcher, args);
        System.out.println("$ jsrvany " + String.join(" ", args) + "\n" + r);
        return r;
    }

    private static String ping() {
        return Path.of(System.getenv().getOrDefault("SystemRoot", "C:\\windows"), "system32", "ping.exe").toString();
    }

    @Test
    void installStartPauseContinueStopRemoveWithTheRealLauncher() throws IOException {
        WindowsIt.assumeElevated();
        launcher = realLauncher();
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
        launcher = realLauncher();
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
