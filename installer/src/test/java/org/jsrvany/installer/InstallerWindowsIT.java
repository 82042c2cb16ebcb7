package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.status.PublishedStatus;
import org.jsrvany.core.win32.registry.RegistryKeyAccess;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.service.StartType;
import org.jsrvany.core.config.StoredParameters;
import org.jsrvany.core.win32.eventlog.WindowsEventSources;
import org.jsrvany.core.win32.registry.RegistryParameterStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The installer's commands for real, against the Windows (or Wine) service manager and registry:
 * install, status, set, start, pause, continue, stop, dump, remove, and an install that fails half
 * way leaving nothing behind. The service program is {@link ItServiceMain} (the real service main is
 * built elsewhere), run through the installer's own ImagePath.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(300)
class InstallerWindowsIT extends RealServiceIt {
    private static final String SERVICES = "SYSTEM\\CurrentControlSet\\Services\\";

    @Test
    void installStatusSetStartPauseContinueStopDumpRemove() throws IOException {
        WindowsIt.assumeElevated();
        launcher = WindowsIt.serviceJar(Files.createDirectories(temp.resolve("jsrvany dist")));
        name = WindowsIt.uniqueName("jsrvany-it");
        Path work = Files.createDirectories(temp.resolve("work dir ✓"));
        String[] install = {"install", name, WindowsIt.javaExe().toString(), "--display-name", "jsrvany IT ✓ " + name,
                "--description", "installer end-to-end test", "--start", "manual", "--dir", work.toString(),
                "--env-extra", "GREETING=hello & bye", "--throttle", "2s", "--preshutdown-timeout", "15s",
                "--exit", "0=Exit", "--", "-version", "two words"};

        Harness.Result installed = run(install);
        assertThat(installed.exit()).as(installed.toString()).isZero();
        ServiceDefinition d = scm.find(name).orElseThrow();
        assertThat(d.displayName()).isEqualTo("jsrvany IT ✓ " + name);
        assertThat(d.description()).isEqualTo("installer end-to-end test");
        assertThat(d.startType()).isEqualTo(StartType.MANUAL);
        assertThat(d.imagePath()).isEqualTo("\"" + WindowsIt.javaExe() + "\" -Xrs -Xms4m -Xmx64m -XX:-UsePerfData -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"
                + " \"-XX:SharedArchiveFile=" + ClassDataArchive.path(launcher.toString(), WindowsIt.javaExe().toString()) + "\" -Xshare:auto"
                + " \"-Djna.boot.library.path=" + launcher.getParent() + "\" -Djna.nosys=true -Djna.nounpack=true -jar \"" + launcher + "\"");
        assertThat(d.preshutdownTimeout()).contains(java.time.Duration.ofSeconds(15));
        StoredParameters p = RegistryParameterStore.localMachine().read(name);
        assertThat(p.values()).containsEntry(Param.APP_DIRECTORY, new RawValue.Text(work.toString(), true))
                .containsEntry(Param.APP_PARAMETERS, new RawValue.Text("-version \"two words\"", true))
                .containsEntry(Param.APP_THROTTLE, new RawValue.Dword(2000));
        assertThat(p.exitActions()).containsEntry("0", "Exit");

        Harness.Result again = run(install);
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("already installed with these settings");

        Harness.Result fresh = run("status", name);
        assertThat(fresh.exit()).isEqualTo(Exit.STOPPED.code());
        assertThat(fresh.out()).contains("STOPPED, not started since it was installed");
        assertThat(run("set", name, "AppThrottle", "3000").exit()).isZero();
        assertThat(run("get", name, "AppThrottle").out().strip()).isEqualTo("3000");
        Harness.Result refused = run("set", name, "AppDirectory", temp.resolve("missing").toString());
        assertThat(refused.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(RegistryParameterStore.localMachine().read(name).values().get(Param.APP_DIRECTORY))
                .isEqualTo(new RawValue.Text(work.toString(), true));

        Harness.Result started = run("start", name);
        assertThat(started.exit()).as(started.toString()).isZero();
        assertThat(started.out()).contains("is RUNNING (pid ");
        Harness.Result status = run("status", name, "--json");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).contains("\"state\": \"RUNNING\"").contains("\"published\": \"current\"")
                .doesNotContain("\"childPid\": null").doesNotContain("\"wrapperPid\": null");

        Harness.Result paused = run("pause", name);
        assertThat(paused.exit()).as(paused.toString()).isZero();
        assertThat(run("status", name).exit()).isEqualTo(Exit.PAUSED.code());
        Harness.Result continued = run("continue", name);
        assertThat(continued.exit()).as(continued.toString()).isZero();
        assertThat(run("status", name).exit()).isZero();

        Harness.Result stopped = run("stop", name);
        assertThat(stopped.exit()).as(stopped.toString()).isZero();
        assertThat(stopped.out()).contains("is STOPPED (exit code 0)");

        Harness.Result dump = run("dump", name);
        assertThat(dump.exit()).isZero();
        assertThat(dump.out()).contains("%JSRVANY% install " + name).contains("--start manual")
                .contains("set " + name + " AppEnvironmentExtra -- \"GREETING=hello & bye\"");

        Harness.Result removed = run("remove", name);
        assertThat(removed.exit()).as(removed.toString()).isZero();
        assertThat(scm.find(name)).isEmpty();
        assertThat(RegistryKeyAccess.localMachine().keyExists(SERVICES + name)).isFalse();
        assertThat(PublishedStatus.file(WindowsIt.programData(), name)).doesNotExist();
        assertThat(run("status", name).exit()).isEqualTo(Exit.NO_SUCH_SERVICE.code());
    }

    @Test
    void anInstallThatFailsHalfWayLeavesNothingBehind() throws IOException {
        WindowsIt.assumeElevated();
        // Needs a setting the system refuses after CreateService. Wine refuses delayed auto-start
        // (ChangeServiceConfig2 level 3, error 124); Windows accepts it, so there this test has no
        // natural half-way failure (the fake-based InstallCommandTest covers every step).
        assumeTrue(WindowsIt.isWine(), "Windows accepts delayed auto-start: no natural half-way failure here");
        launcher = WindowsIt.serviceJar(temp);
        name = WindowsIt.uniqueName("jsrvany-it-half");
        Harness.Result r = run("install", name, WindowsIt.javaExe().toString(), "--description", "half way",
                "--throttle", "2s", "--start", "delayed-auto");
        assertThat(r.exit()).as("Wine: delayed auto-start fails with 124 after CreateService\n" + r)
                .isEqualTo(Exit.UNSUPPORTED.code());
        assertThat(r.err()).contains("error 124").contains("nothing is left behind");
        assertThat(scm.find(name)).isEmpty();
        assertThat(RegistryKeyAccess.localMachine().keyExists(SERVICES + name)).isFalse();
    }

    @Test
    void wineRefusesFailureActionsTheFlagAndTheSidTypeWith124() throws IOException {
        WindowsIt.assumeElevated();
        assumeTrue(WindowsIt.isWine(), "only Wine lacks these levels");
        launcher = WindowsIt.serviceJar(temp);
        name = WindowsIt.uniqueName("jsrvany-it-wine");
        assertThat(run("install", name, WindowsIt.javaExe().toString()).exit()).isZero();
        assertThat(scm.find(name).orElseThrow().failureActions()).as("Wine: QueryServiceConfig2 level 2 fails with 124")
                .isEmpty();
        for (String[] option : new String[][] {{"--non-crash-failures"}, {"--sid-type", "restricted"}}) {
            String[] args = Stream.concat(Stream.of("install", name), Stream.of(option)).toArray(String[]::new);
            Harness.Result r = run(args);
            assertThat(r.exit()).as("Wine: %s fails with 124", String.join(" ", option)).isEqualTo(Exit.UNSUPPORTED.code());
            assertThat(r.err()).contains("Wine does not implement");
        }
        assertThat(scm.find(name)).as("an update that fails leaves the service as it was").isPresent();
    }

    @Test
    void errorsPeopleHit() throws IOException {
        WindowsIt.assumeElevated();
        launcher = WindowsIt.serviceJar(temp);
        name = WindowsIt.uniqueName("jsrvany-it-err");
        Harness.Result missing = run("start", name);
        assertThat(missing.exit()).isEqualTo(Exit.NO_SUCH_SERVICE.code());
        assertThat(run("install", name, temp.resolve("nope.exe").toString()).exit()).isEqualTo(Exit.INVALID.code());
        assertThat(run("install", name, WindowsIt.javaExe().toString(), "--depends-on", name + "-none").exit())
                .isEqualTo(Exit.DEPENDENCY.code());
        assertThat(scm.find(name)).isEmpty();
        assertThat(run("install", name, WindowsIt.javaExe().toString()).exit()).isZero();
        assertThat(run("pause", name).exit()).isEqualTo(Exit.WRONG_STATE.code());
        Optional<ServiceDefinition> d = scm.find(name);
        assertThat(d).isPresent();
    }
}
