package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jsrvany.core.win32.registry.RegistryKeyAccess;
import org.jsrvany.core.win32.registry.RegistryValue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The service key's own {@code Environment} value (REG_MULTI_SZ beside ImagePath) reaches the program a
 * jsrvany service runs: set with {@code jsrvany set NAME Environment}, read back from the registry, and
 * seen by a real child ({@code cmd /c set}) of the real launcher started by the real service manager.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(300)
class ServiceEnvironmentWindowsIT extends RealServiceIt {
    private static final String SERVICES = "SYSTEM\\CurrentControlSet\\Services\\";

    @Test
    void theServiceKeysEnvironmentReachesTheProgram() throws IOException {
        WindowsIt.assumeElevated();
        launcher = WindowsIt.realLauncher();
        name = WindowsIt.uniqueName("jsrvany-env");
        Path work = Files.createDirectories(temp.resolve("work"));
        String cmd = Path.of(System.getenv().getOrDefault("SystemRoot", "C:\\windows"), "system32", "cmd.exe").toString();
        String ping = Path.of(System.getenv().getOrDefault("SystemRoot", "C:\\windows"), "system32", "ping.exe").toString();
        Harness.Result installed = run("install", name, cmd, "--start", "manual", "--dir", work.toString(),
                "--arguments", "/c set > env.txt & \"" + ping + "\" -n 600 127.0.0.1 > nul");
        assertThat(installed.exit()).as(installed.toString()).isZero();
        Harness.Result set = run("set", name, "Environment", "--", "JSRVANY_SVC_ENV=from the service key", "JSRVANY_SVC_2=2");
        assertThat(set.exit()).as(set.toString()).isZero();
        assertThat(RegistryKeyAccess.localMachine().value(SERVICES + name, "Environment"))
                .contains(new RegistryValue.MultiSz(java.util.List.of("JSRVANY_SVC_ENV=from the service key", "JSRVANY_SVC_2=2")));

        Harness.Result started = run("start", name, "--timeout", "90s");
        assertThat(started.exit()).as(started.toString()).isZero();
        Path env = work.resolve("env.txt");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(env)
                && Files.readString(env, StandardCharsets.ISO_8859_1).contains("JSRVANY_SVC_2=2"));
        assertThat(Files.readString(env, StandardCharsets.ISO_8859_1)).contains("JSRVANY_SVC_ENV=from the service key");

        Harness.Result stopped = run("stop", name);
        assertThat(stopped.exit()).as(stopped.toString()).isZero();
    }
}
