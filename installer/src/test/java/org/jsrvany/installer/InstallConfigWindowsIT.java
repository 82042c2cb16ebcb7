package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.StoredParameters;
import org.jsrvany.core.service.StartType;
import org.jsrvany.core.win32.registry.RegistryParameterStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code install --config FILE} against the real service manager and registry: the first run installs
 * (exit 0), the second changes nothing (exit 50), a changed file writes only the difference.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(300)
class InstallConfigWindowsIT extends RealServiceIt {

    @Test
    void installingTwiceFromAFileChangesNothingTheSecondTime() throws IOException {
        WindowsIt.assumeElevated();
        launcher = WindowsIt.serviceJar(Files.createDirectories(temp.resolve("jsrvany dist")));
        name = WindowsIt.uniqueName("jsrvany-it-config");
        Path work = Files.createDirectories(temp.resolve("work dir"));
        Path file = temp.resolve("service.properties");
        Files.writeString(file, String.join("\r\n",
                "Application=" + WindowsIt.javaExe().toString().replace("\\", "\\\\"),
                "AppParameters=-version",
                "AppDirectory=work dir",
                "AppThrottle=2000",
                "AppEnvironmentExtra=A=1\\nB=two words",
                "AppExit.0=Exit", ""), StandardCharsets.UTF_8);

        Harness.Result first = run("install", name, "--config", file.toString(), "--start", "manual");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(scm.find(name).orElseThrow().startType()).isEqualTo(StartType.MANUAL);
        StoredParameters p = RegistryParameterStore.localMachine().read(name);
        assertThat(p.values()).containsEntry(Param.APP_DIRECTORY, new RawValue.Text(work.toString(), true))
                .containsEntry(Param.APP_THROTTLE, new RawValue.Dword(2000))
                .containsEntry(Param.APP_ENVIRONMENT_EXTRA, new RawValue.MultiText(List.of("A=1", "B=two words")));
        assertThat(p.exitActions()).containsEntry("0", "Exit");

        Harness.Result second = run("install", name, "--config", file.toString(), "--start", "manual");
        assertThat(second.exit()).as(second.toString()).isEqualTo(Exit.NO_CHANGE.code());
        assertThat(second.out()).contains("(no change)");

        Files.writeString(file, Files.readString(file).replace("AppThrottle=2000", "AppThrottle=3000"));
        Harness.Result third = run("install", name, "--config", file.toString(), "--start", "manual");
        assertThat(third.exit()).as(third.toString()).isZero();
        assertThat(third.out()).contains("AppThrottle 2000 -> 3000").contains("(1 change)");
        assertThat(RegistryParameterStore.localMachine().read(name).values())
                .containsEntry(Param.APP_THROTTLE, new RawValue.Dword(3000));
    }
}
