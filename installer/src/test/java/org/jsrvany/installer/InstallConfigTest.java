package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.service.StartType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code install --config FILE}: what differs decides what is written, and the exit code says whether anything was. */
class InstallConfigTest extends HarnessTest {
    Path file;

    @BeforeEach
    void setUp() throws IOException {
        file = temp.resolve("myapp.properties");
    }

    private void write(String... lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void installsFromTheFileThenTheSecondRunChangesNothingAndExits50() throws IOException {
        write("Application=" + h.app.toString().replace("\\", "\\\\"), "AppParameters=--port 8080",
                "AppThrottle=5000", "AppEnvironmentExtra=A=1\\nB=2", "AppExit=Restart", "AppExit.0=exit");
        Harness.Result first = h.run("install", "MyApp", "--config", file.toString(), "--start", "manual");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out()).contains("Installed 'MyApp'");
        FakeParameterStore.Key k = h.store.key("MyApp");
        assertThat(k.values).containsEntry(Param.APPLICATION, new RawValue.Text(h.app.toString(), true))
                .containsEntry(Param.APP_PARAMETERS, new RawValue.Text("--port 8080", true))
                .containsEntry(Param.APP_THROTTLE, new RawValue.Dword(5000))
                .containsEntry(Param.APP_ENVIRONMENT_EXTRA, new RawValue.MultiText(List.of("A=1", "B=2")));
        assertThat(k.exits).containsExactly(Map.entry("", "Restart"), Map.entry("0", "Exit"));
        assertThat(h.scm.find("MyApp").orElseThrow().startType()).isEqualTo(StartType.MANUAL);

        h.scm.calls.clear();
        h.store.writes.clear();
        Harness.Result second = h.run("install", "MyApp", "--config", file.toString(), "--start", "manual");
        assertThat(second.exit()).as(second.toString()).isEqualTo(Exit.NO_CHANGE.code()).isEqualTo(50);
        assertThat(second.out()).contains("(no change)");
        assertThat(h.scm.writes()).isEmpty();
        assertThat(h.store.writes).isEmpty();
    }

    @Test
    void whatTheFileNoLongerSetsIsRemovedAndOnlyTheDifferenceIsWritten() throws IOException {
        write("Application=" + h.app.toString().replace("\\", "\\\\"), "AppThrottle=5000", "AppStdout=out.log");
        assertThat(h.run("install", "MyApp", "--config", file.toString()).exit()).isZero();
        h.store.writes.clear();
        write("Application=" + h.app.toString().replace("\\", "\\\\"), "AppThrottle=3000");
        Harness.Result r = h.run("install", "MyApp", "--config", file.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(h.store.writes).containsExactlyInAnyOrder("write MyApp AppThrottle", "delete MyApp AppStdout");
        assertThat(h.store.key("MyApp").values).doesNotContainKey(Param.APP_STDOUT);
    }

    @Test
    void aRelativeProgramPathIsTakenFromTheFilesFolder() throws IOException {
        Path sub = Files.createDirectories(temp.resolve("conf"));
        file = sub.resolve("svc.properties");
        write("Application=../" + temp.relativize(h.app).toString().replace("\\", "/"));
        Harness.Result r = h.run("install", "MyApp", "--config", file.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(h.store.key("MyApp").values.get(Param.APPLICATION))
                .isEqualTo(new RawValue.Text(h.app.toAbsolutePath().normalize().toString(), true));
    }

    @Test
    void aBadFileIsASentenceAndNothingIsInstalled() throws IOException {
        write("Application=" + h.app.toString().replace("\\", "\\\\"), "AppThrotle=5000", "AppRestartDelay=soon");
        Harness.Result r = h.run("install", "MyApp", "--config", file.toString());
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("'AppThrotle' in " + file + " is not a jsrvany parameter (did you mean AppThrottle?)")
                .contains("AppRestartDelay=soon in " + file + ": expected a whole number");
        assertThat(h.scm.find("MyApp")).isEmpty();
        assertThat(h.store.writes).isEmpty();
    }

    @Test
    void aMissingFileOrOneWithoutAProgramIsRefused() throws IOException {
        Harness.Result missing = h.run("install", "MyApp", "--config", temp.resolve("nope.properties").toString());
        assertThat(missing.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(missing.err()).contains("does not exist");
        write("AppThrottle=5000");
        Harness.Result noApp = h.run("install", "MyApp", "--config", file.toString());
        assertThat(noApp.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(noApp.err()).contains("Application is not set in");
        assertThat(h.scm.find("MyApp")).isEmpty();
    }

    @Test
    void parameterOptionsBesideTheFileAreRefused() throws IOException {
        write("Application=" + h.app.toString().replace("\\", "\\\\"));
        Harness.Result r = h.run("install", "MyApp", "--config", file.toString(), "--throttle", "5s");
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("come from the file");
        assertThat(h.scm.find("MyApp")).isEmpty();
    }

    @Test
    void aDumpedServiceInstallsBackWithNoChange() throws IOException {
        h.installed("MyApp", "--throttle", "5s", "--env-extra", "A=1", "--env-extra", "B=x y", "--stdout", "out.log",
                "--exit", "0=Exit", "--", "--flag", "two words");
        Harness.Result dump = h.run("dump", "MyApp", "--format", "properties");
        assertThat(dump.exit()).as(dump.toString()).isZero();
        Files.writeString(file, dump.out(), StandardCharsets.UTF_8);
        Harness.Result r = h.run("install", "MyApp", "--config", file.toString());
        assertThat(r.exit()).as(r + "\n" + dump.out()).isEqualTo(Exit.NO_CHANGE.code());
    }

    @Test
    void programPathsBecomeAbsoluteOnlyWhenTheyAreRelativePaths() {
        Path base = Path.of("/etc/svc");
        assertThat(ConfigFile.absolute("app.exe", base, false)).as("bare name: searched on PATH").isEqualTo("app.exe");
        assertThat(ConfigFile.absolute("work dir", base, true)).as("a bare folder name is relative").isEqualTo("/etc/svc/work dir");
        assertThat(ConfigFile.absolute("bin/app", base, false)).isEqualTo("/etc/svc/bin/app");
        assertThat(ConfigFile.absolute("C:\\app\\app.exe", base, false)).isEqualTo("C:\\app\\app.exe");
        assertThat(ConfigFile.absolute("C:\\app", base, true)).isEqualTo("C:\\app");
        assertThat(ConfigFile.absolute("%ProgramFiles%\\app.exe", base, false)).isEqualTo("%ProgramFiles%\\app.exe");
        assertThat(ConfigFile.absolute("/opt/app", base, false)).isEqualTo("/opt/app");
    }
}
