package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.security.FolderPolicy;
import org.jsrvany.core.security.VirtualAccount;
import org.jsrvany.core.service.DataFolders;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.service.FailureActions;
import org.jsrvany.core.service.LogonCheck;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.service.SidType;
import org.jsrvany.core.service.StartType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstallCommandTest extends HarnessTest {
    private RawValue.Text expand(String s) {
        return new RawValue.Text(s, true);
    }

    @Test
    void readinessAndLivenessOptionsBecomeTheirParameters() {
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--ready-check", "http://127.0.0.1:8080/ready",
                "--ready-timeout", "2m", "--ready-timeout-action", "run", "--health-check", "tcp:127.0.0.1:8080",
                "--health-interval", "10s", "--health-timeout", "2s", "--health-failures", "5", "--health-silence", "10m",
                "--start-condition", "tcp:db.example:5432", "--start-condition-timeout", "90s");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(h.store.key("MyApp").values)
                .containsEntry(Param.APP_READY_CHECK, expand("http://127.0.0.1:8080/ready"))
                .containsEntry(Param.APP_READY_TIMEOUT, new RawValue.Dword(120_000))
                .containsEntry(Param.APP_READY_TIMEOUT_ACTION, new RawValue.Text("Run", false))
                .containsEntry(Param.APP_HEALTH_CHECK, expand("tcp:127.0.0.1:8080"))
                .containsEntry(Param.APP_HEALTH_INTERVAL, new RawValue.Dword(10_000))
                .containsEntry(Param.APP_HEALTH_TIMEOUT, new RawValue.Dword(2_000))
                .containsEntry(Param.APP_HEALTH_FAILURES, new RawValue.Dword(5))
                .containsEntry(Param.APP_HEALTH_SILENCE, new RawValue.Dword(600_000))
                .containsEntry(Param.APP_START_CONDITION, new RawValue.Text("tcp:db.example:5432", false))
                .containsEntry(Param.APP_START_CONDITION_TIMEOUT, new RawValue.Dword(90_000));
        assertThat(h.run("get", "MyApp", "AppHealthFailures").out()).contains("5");
    }

    @Test
    void aBadCheckIsRefusedWithItsSentenceAndNothingIsInstalled() {
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--health-check", "file:x");
        assertThat(r.exit()).as(r.toString()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("AppHealthCheck is 'file:x': expected tcp:HOST:PORT, http://URL or https://URL or"
                + " cmd:COMMAND LINE");
        assertThat(h.scm.find("MyApp")).isEmpty();
    }

    @Test
    void installsAServiceWithItsSettingsAndParameters() {
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--display-name", "My App", "--description",
                "Does things", "--start", "manual", "--dir", h.appDir.toString(), "--env-extra", "A=1",
                "--env-extra", "PATH=C:\\bin;%PATH%", "--stdout", "logs\\out.log", "--stderr", "logs\\out.log",
                "--throttle", "5s", "--exit", "Restart", "--exit", "0=Exit", "--rotate-bytes", "10M",
                "--", "--port", "8080", "two words");
        assertThat(r.exit()).as(r.toString()).isZero();
        ServiceDefinition d = h.scm.find("MyApp").orElseThrow();
        assertThat(d.displayName()).isEqualTo("My App");
        assertThat(d.description()).isEqualTo("Does things");
        assertThat(d.startType()).isEqualTo(StartType.MANUAL);
        assertThat(d.account()).isEqualTo("LocalSystem");
        String archive = h.launcher.getParent().resolve("jsrvany-launcher." + ClassDataArchive.key(h.java.toString()) + ".jsa")
                .toString();
        assertThat(d.imagePath()).isEqualTo("\"" + h.java + "\" -Xrs -Xms4m -Xmx64m -XX:-UsePerfData -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"
                + " \"-XX:SharedArchiveFile=" + archive + "\" -Xshare:auto \"-Djna.boot.library.path="
                + h.launcher.getParent() + "\" -Djna.nosys=true -Djna.nounpack=true -jar \"" + h.launcher + "\"");
        assertThat(WindowsCommandLine.splitArguments(d.imagePath().substring(d.imagePath().indexOf("\" ") + 2)))
                .containsExactly("-Xrs", "-Xms4m", "-Xmx64m", "-XX:-UsePerfData", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                        "-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Djna.boot.library.path=" + h.launcher.getParent(),
                        "-Djna.nosys=true", "-Djna.nounpack=true", "-jar", h.launcher.toString());
        FakeParameterStore.Key k = h.store.key("MyApp");
        assertThat(k.values).containsEntry(Param.APPLICATION, expand(h.app.toString()))
                .containsEntry(Param.APP_PARAMETERS, expand("--port 8080 \"two words\""))
                .containsEntry(Param.APP_DIRECTORY, expand(h.appDir.toString()))
                .containsEntry(Param.APP_ENVIRONMENT_EXTRA, new RawValue.MultiText(List.of("A=1", "PATH=C:\\bin;%PATH%")))
                .containsEntry(Param.APP_STDOUT, expand("logs\\out.log"))
                .containsEntry(Param.APP_THROTTLE, new RawValue.Dword(5000))
                .containsEntry(Param.APP_ROTATE_BYTES, new RawValue.Dword(10L << 20))
                .containsEntry(Param.APP_ROTATE_BYTES_HIGH, new RawValue.Dword(0));
        assertThat(k.exits).containsExactly(Map.entry("", "Restart"), Map.entry("0", "Exit"));
        assertThat(r.out()).contains("Installed 'MyApp'");
        DataFolders folders = new DataFolders(h.programData);
        assertThat(folders.serviceLogs("MyApp")).isDirectory();
        assertThat(folders.serviceState("MyApp")).isDirectory();
        assertThat(folders.tmp()).as("JNA's temporary folder is no longer made").doesNotExist();
        assertThat(h.acl.secured).containsExactly(folders.root() + " " + FolderPolicy.shared().toSddl(),
                folders.logs() + " " + FolderPolicy.shared().toSddl(), folders.state() + " " + FolderPolicy.shared().toSddl(),
                folders.serviceLogs("MyApp") + " " + FolderPolicy.shared().toSddl(),
                folders.serviceState("MyApp") + " " + FolderPolicy.shared().toSddl());
    }

    @Test
    void theSameInstallTwiceChangesNothingTheSecondTime() {
        String[] args = {"install", "MyApp", h.app.toString(), "--description", "d", "--start", "delayed-auto",
                "--on-failure", "restart/30s", "--failure-reset", "1d", "--non-crash-failures", "--sid-type",
                "unrestricted", "--preshutdown-timeout", "30s", "--env", "A=1", "--", "-x"};
        assertThat(h.run(args).exit()).isZero();
        h.scm.calls.clear();
        h.store.writes.clear();
        Harness.Result again = h.run(args);
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("already installed with these settings");
        assertThat(h.scm.writes()).isEmpty();
        assertThat(h.store.writes).isEmpty();
    }

    @Test
    void anInstallWithOtherSettingsUpdatesOnlyWhatDiffers() {
        h.installed("MyApp", "--throttle", "1500", "--stdout", "a.log");
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--throttle", "3000", "--display-name", "New");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("AppThrottle 1500 -> 3000").contains("display name \"MyApp\" -> \"New\"")
                .contains("Updated 'MyApp' (2 changes)");
        assertThat(h.store.writes).containsExactly("write MyApp AppThrottle");
        assertThat(h.scm.writes()).containsExactly("changeConfig MyApp");
        assertThat(h.store.key("MyApp").values).as("not given: kept").containsKey(Param.APP_STDOUT);
    }

    @Test
    void optionsAloneChangeAnInstalledService() {
        h.installed("MyApp", "--", "arg");
        Harness.Result r = h.run("install", "MyApp", "--start", "disabled");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(h.scm.find("MyApp").orElseThrow().startType()).isEqualTo(StartType.DISABLED);
        assertThat(h.store.key("MyApp").values.get(Param.APP_PARAMETERS)).as("kept").isEqualTo(expand("arg"));
    }

    @ParameterizedTest(name = "failure at step {0} leaves nothing behind")
    @ValueSource(strings = {"create", "write", "writeExitActions", "setDescription", "setDelayedAutoStart",
            "setPreshutdownTimeout", "setFailureActions", "setFailureActionsOnNonCrash", "setSidType"})
    void aFailureHalfWayRemovesWhatThisRunCreated(String step) {
        if (step.equals("write") || step.equals("writeExitActions")) {
            h.store.failNext(step, 1450);
        } else {
            h.scm.failNext(step, 1450);
        }
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--description", "d", "--start", "delayed-auto",
                "--preshutdown-timeout", "20s", "--on-failure", "restart", "--non-crash-failures", "--sid-type",
                "restricted", "--exit", "0=Exit");
        assertThat(r.exit()).as(r.toString()).isEqualTo(Exit.FAILED.code());
        assertThat(h.scm.find("MyApp")).isEmpty();
        assertThat(h.store.key("MyApp")).isNull();
        assertThat(h.events.isRegistered("MyApp")).as("the event source is not left behind").isFalse();
        assertThat(r.err()).contains("error 1450");
        if (!step.equals("create")) {
            assertThat(r.err()).contains("The service this run created was removed again; nothing is left behind.");
        }
    }

    @Test
    void underWineDelayedAutoStartFailsWith124AndTheServiceIsRemovedAgain() {
        h.scm.wine = true;
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--start", "delayed-auto");
        assertThat(r.exit()).isEqualTo(Exit.UNSUPPORTED.code());
        assertThat(r.err()).contains("does not support that setting").contains("nothing is left behind");
        assertThat(h.scm.services).isEmpty();
    }

    @Test
    void aFailedUpdateRestoresThePreviousValues() {
        h.installed("MyApp", "--throttle", "1500", "--description", "old");
        h.scm.failNext("changeConfig", 1450);
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--throttle", "3000", "--description", "new",
                "--display-name", "Other");
        assertThat(r.exit()).as(r.toString()).isEqualTo(Exit.FAILED.code());
        assertThat(r.err()).contains("change(s) made before were undone");
        assertThat(h.store.key("MyApp").values.get(Param.APP_THROTTLE)).isEqualTo(new RawValue.Dword(1500));
        assertThat(h.scm.find("MyApp").orElseThrow().description()).isEqualTo("old");
        assertThat(h.scm.find("MyApp").orElseThrow().displayName()).isEqualTo("MyApp");
    }

    @Test
    void badValuesAreAllReportedAndNothingIsWritten() {
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--throttle", "soon", "--priority", "turbo",
                "--exit", "7=Explode", "--start", "sometimes", "--env", "NOEQUALS", "--rotate-bytes", "lots",
                "--sid-type", "odd", "--on-failure", "dance");
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("--throttle 'soon'").contains("--priority 'turbo'").contains("'Explode'")
                .contains("--start 'sometimes'").contains("--env 'NOEQUALS'").contains("--rotate-bytes 'lots'")
                .contains("--sid-type 'odd'").contains("'dance'").contains("Nothing was changed");
        assertThat(h.scm.writes()).isEmpty();
        assertThat(h.store.writes).isEmpty();
    }

    @Test
    void aProgramThatDoesNotExistIsRefused() {
        Harness.Result r = h.run("install", "MyApp", temp.resolve("missing.exe").toString());
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("does not exist").contains("set Application to the full path");
        assertThat(h.scm.services).isEmpty();
    }

    @Test
    void aWorkingDirectoryThatDoesNotExistIsRefused() {
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--dir", temp.resolve("nowhere").toString());
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("AppDirectory").contains("does not exist");
        assertThat(h.scm.services).isEmpty();
    }

    @Test
    void aMissingLauncherOrJavaIsRefused() {
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--launcher", temp.resolve("x.jar").toString(),
                "--java", temp.resolve("j.exe").toString());
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("The launcher").contains("--launcher").contains("The Java runtime");
    }

    @Test
    void aLauncherWithoutJnasLibraryBesideItIsRefused() throws IOException {
        Files.delete(h.launcher.resolveSibling("jnidispatch.dll"));
        Harness.Result r = h.run("install", "MyApp", h.app.toString());
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("JNA's native library " + h.launcher.resolveSibling("jnidispatch.dll") + " is missing")
                .contains("never from a temporary folder");
        assertThat(h.scm.writes()).isEmpty();
    }

    @Test
    void anArm64JavaLoadsJnaFromTheArm64FolderAndNeedsTheLibraryThere() throws IOException {
        Path arm = Files.createDirectories(temp.resolve("arm jdk").resolve("bin"));
        Path java = Files.write(arm.resolve("java.exe"), JavaRuntimeTest.peHeader(0xaa64));
        Harness.Result refused = h.run("install", "MyApp", h.app.toString(), "--java", java.toString());
        assertThat(refused.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(refused.err()).contains(h.launcher.resolveSibling("win32-aarch64").resolve("jnidispatch.dll") + " is missing");

        Path folder = Files.createDirectories(h.launcher.resolveSibling("win32-aarch64"));
        Files.writeString(folder.resolve("jnidispatch.dll"), "not really JNA's ARM64 library");
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--java", java.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(h.scm.find("MyApp").orElseThrow().imagePath()).contains("\"-Djna.boot.library.path=" + folder + "\"");
    }

    @Test
    void a32BitJavaIsRefused() throws IOException {
        Path x86 = Files.createDirectories(temp.resolve("jre x86").resolve("bin"));
        Path java = Files.write(x86.resolve("java.exe"), JavaRuntimeTest.peHeader(0x014c));
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--java", java.toString());
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("is 32-bit").contains("64-bit Java");
        assertThat(h.scm.writes()).isEmpty();
    }

    @Test
    void aJavaInAFolderNamedForItsVersionInstallsWithAWarningThatSaysHowToAvoidIt() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("Eclipse Adoptium").resolve("jdk-17.0.12.7-hotspot").resolve("bin"));
        Path java = Files.write(bin.resolve("java.exe"), JavaRuntimeTest.peHeader(0x8664));
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--java", java.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("warning: the service will run " + java)
                .contains("named for its version (jdk-17.0.12.7-hotspot)").contains("runtime\\").contains("--java")
                .contains("jsrvany upgrade");
        Harness.Result stable = h.run("install", "Other", h.app.toString());
        assertThat(stable.err()).doesNotContain("named for its version");
    }

    @ParameterizedTest(name = "name ''{0}''")
    @ValueSource(strings = {"a/b", "a\\b", " lead", "trail ", "tab\tname"})
    void anInvalidNameIsRefused(String name) {
        Harness.Result r = h.run("install", name, h.app.toString());
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("service name");
        assertThat(h.scm.writes()).isEmpty();
    }

    @Test
    void aForeignServiceOfTheSameNameIsNotTouchedWithoutForce() {
        h.scm.add(ServiceOptions.defaults("Spooler", "C:\\Windows\\System32\\spoolsv.exe"));
        Harness.Result r = h.run("install", "Spooler", h.app.toString());
        assertThat(r.exit()).isEqualTo(Exit.SERVICE_EXISTS.code());
        assertThat(r.err()).contains("already exists").contains("spoolsv.exe").contains("--force");
        assertThat(h.scm.writes()).isEmpty();
    }

    @Test
    void anNssmServiceOfTheSameNameSuggestsAdopt() {
        h.scm.add(ServiceOptions.defaults("Old", "C:\\tools\\nssm.exe"));
        Harness.Result r = h.run("install", "Old", h.app.toString());
        assertThat(r.exit()).isEqualTo(Exit.SERVICE_EXISTS.code());
        assertThat(r.err()).contains("jsrvany adopt Old");
    }

    @Test
    void aServiceMarkedForDeletionIsExplained() {
        h.scm.add(ServiceOptions.defaults("Gone", "x")).markedForDeletion = true;
        h.scm.services.get("gone").def = h.scm.services.get("gone").def.withImagePath("\"j.exe\" -jar \"jsrvany-launcher.jar\"");
        h.scm.failNext("changeConfig", Failures.ERROR_SERVICE_MARKED_FOR_DELETE);
        Harness.Result r = h.run("install", "Gone", h.app.toString(), "--display-name", "x");
        assertThat(r.exit()).isEqualTo(Exit.MARKED_FOR_DELETION.code());
        assertThat(r.err()).contains("marked for deletion").contains("Close services.msc").contains("reboot");
    }

    @Test
    void notElevatedSaysToRunAsAdministrator() {
        h.scm.elevated = false;
        Harness.Result r = h.run("install", "MyApp", h.app.toString());
        assertThat(r.exit()).isEqualTo(Exit.ACCESS_DENIED.code());
        assertThat(r.err()).contains("Run as administrator");
    }

    @Test
    void anUnknownDependencyIsRefusedBeforeAnythingIsWritten() {
        h.scm.add(ServiceOptions.defaults("Tcpip", "x"));
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--depends-on", "Tcpip", "--depends-on", "Nope");
        assertThat(r.exit()).isEqualTo(Exit.DEPENDENCY.code());
        assertThat(r.err()).contains("Nope").contains("not installed");
        assertThat(h.scm.writes()).isEmpty();
        Harness.Result ok = h.run("install", "MyApp", h.app.toString(), "--depends-on", "tcpip", "--depends-on", "+NetworkProvider");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(h.scm.find("MyApp").orElseThrow().dependencies()).containsExactly("tcpip", "+NetworkProvider");
    }

    @Test
    void aUserAccountTakesItsPasswordFromStdinAndNeverFromTheCommandLine() {
        h.scm.logons.put(".\\svcuser:s3cret", LogonCheck.OK);
        h.stdin = "s3cret\r\n".getBytes(StandardCharsets.UTF_8);
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--account", "svcuser", "--password-stdin");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(h.scm.find("MyApp").orElseThrow().account()).isEqualTo(".\\svcuser");
        assertThat(FakeServiceManager.chars(h.scm.get("MyApp").password)).isEqualTo("s3cret");
        assertThat(r.out() + r.err()).doesNotContain("s3cret");
        assertThat(h.run("install", "MyApp", h.app.toString(), "--password", "x").exit()).isEqualTo(Exit.USAGE.code());
    }

    @Test
    void aUserAccountPromptsTwiceWhenThereIsAConsole() {
        h.scm.logons.put("dom\\svc:pw", LogonCheck.OK);
        h.prompts.add("pw".toCharArray());
        h.prompts.add("pw".toCharArray());
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--account", "DOM\\svc");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(FakeServiceManager.chars(h.scm.get("MyApp").password)).isEqualTo("pw");
    }

    @Test
    void aUserAccountWithoutConsoleOrStdinIsRefused() {
        h.console = false;
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--account", "svcuser");
        assertThat(r.exit()).isEqualTo(Exit.ACCOUNT.code());
        assertThat(r.err()).contains("--password-stdin");
        assertThat(h.scm.writes()).isEmpty();
    }

    @Test
    void aWrongPasswordIsRefusedBeforeAnythingIsWritten() {
        h.stdin = "nope\n".getBytes(StandardCharsets.UTF_8);
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--account", "svcuser", "--password-stdin");
        assertThat(r.exit()).isEqualTo(Exit.ACCOUNT.code());
        assertThat(r.err()).contains("refused the password");
        assertThat(h.scm.writes()).isEmpty();
    }

    @Test
    void anAccountWithoutTheServiceLogonRightIsRefusedOrGranted() {
        h.scm.logons.put(".\\svcuser", LogonCheck.NO_SERVICE_LOGON_RIGHT);
        h.stdin = "pw\n".getBytes(StandardCharsets.UTF_8);
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--account", "svcuser", "--password-stdin");
        assertThat(r.exit()).isEqualTo(Exit.ACCOUNT.code());
        assertThat(r.err()).contains("Log on as a service").contains("--grant-logon-right");
        h.stdin = "pw\n".getBytes(StandardCharsets.UTF_8);
        Harness.Result granted = h.run("install", "MyApp", h.app.toString(), "--account", "svcuser", "--password-stdin",
                "--grant-logon-right");
        assertThat(granted.exit()).as(granted.toString()).isZero();
        assertThat(h.scm.granted).containsExactly(".\\svcuser");
    }

    @Test
    void builtInAndVirtualAccountsNeedNoPassword() {
        assertThat(h.run("install", "A", h.app.toString(), "--account", "LocalService").exit()).isZero();
        assertThat(h.run("install", "B", h.app.toString(), "--account", "networkservice").exit()).isZero();
        assertThat(h.run("install", "C", h.app.toString(), "--account", "virtual").exit()).isZero();
        assertThat(h.scm.find("A").orElseThrow().account()).isEqualTo("NT AUTHORITY\\LocalService");
        assertThat(h.scm.find("B").orElseThrow().account()).isEqualTo("NT AUTHORITY\\NetworkService");
        assertThat(h.scm.find("C").orElseThrow().account()).isEqualTo("NT SERVICE\\C");
        Harness.Result other = h.run("install", "D", h.app.toString(), "--account", "NT SERVICE\\C");
        assertThat(other.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(other.err()).contains("can only run as its own virtual account");
    }

    @Test
    void eachAccountMayWriteOnlyItsOwnServicesFolders() {
        assertThat(h.run("install", "C", h.app.toString(), "--account", "virtual").exit()).isZero();
        DataFolders f = new DataFolders(h.programData);
        String own = FolderPolicy.forService(Optional.of(VirtualAccount.sid("C"))).toSddl();
        assertThat(own).contains(VirtualAccount.sid("C"));
        assertThat(h.acl.secured).contains(f.serviceLogs("C") + " " + own, f.serviceState("C") + " " + own)
                .contains(f.root() + " " + FolderPolicy.shared().toSddl(), f.logs() + " " + FolderPolicy.shared().toSddl());
    }

    @Test
    void aFolderThatCannotBeMadeSafeStopsTheInstallBeforeTheServiceIsTouched() {
        h.acl.refuse.put(new DataFolders(h.programData).root().toString(), "SetSecurityInfo failed: error 5");
        Harness.Result r = h.run("install", "MyApp", h.app.toString());
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("cannot be made safe").contains("takeown /f").contains("The service was not changed.");
        assertThat(h.scm.find("MyApp")).isEmpty();
    }

    @Test
    void aLinkPlantedInPlaceOfJsrvanysFolderStopsTheInstall() throws IOException {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createSymbolicLink(h.programData.resolve("jsrvany"), elsewhere);
        Harness.Result r = h.run("install", "MyApp", h.app.toString());
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("junction or symbolic link").contains("rmdir");
        assertThat(h.scm.find("MyApp")).isEmpty();
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void anUnknownAccountStopsTheInstallBeforeAnythingChanges() {
        h.acl.unknownAccounts.add("CORP\\gone$");
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--account", "CORP\\gone$");
        assertThat(r.exit()).as(r.toString()).isEqualTo(Exit.ACCOUNT.code());
        assertThat(r.err()).contains("'CORP\\gone$' cannot be found");
        assertThat(h.scm.find("MyApp")).isEmpty();
    }

    @Test
    void serviceLevelSettingsReachTheScm() {
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--on-failure", "restart/1m", "--on-failure",
                "restart/5m", "--on-failure", "none", "--failure-reset", "1d", "--non-crash-failures",
                "--preshutdown-timeout", "45s", "--sid-type", "unrestricted");
        assertThat(r.exit()).as(r.toString()).isZero();
        FakeServiceManager.Svc s = h.scm.get("MyApp");
        assertThat(s.failure).contains(new FailureActions(Duration.ofDays(1), List.of(
                new FailureActions.Action(FailureActions.Kind.RESTART, Duration.ofMinutes(1)),
                new FailureActions.Action(FailureActions.Kind.RESTART, Duration.ofMinutes(5)),
                new FailureActions.Action(FailureActions.Kind.NONE, Duration.ZERO)), "", ""));
        assertThat(s.nonCrash).contains(true);
        assertThat(s.preshutdown).contains(Duration.ofSeconds(45));
        assertThat(s.sid).contains(SidType.UNRESTRICTED);
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() {
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--dry-run", "--throttle", "2s");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Would install 'MyApp'").contains("create the service").contains("AppThrottle");
        assertThat(h.scm.writes()).isEmpty();
        assertThat(h.store.writes).isEmpty();
    }

    @Test
    void programArgumentsStartingWithADashNeedTheSeparator() {
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--port", "8080");
        assertThat(r.exit()).isEqualTo(Exit.USAGE.code());
        assertThat(r.err()).contains("go after --");
    }

    @Test
    void everyTableParameterCanBeSetWithParam() {
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--param", "RestartOnExit=1", "--param",
                "OverrideEnvironment=0", "--param", "TerminateSubProcesses=1", "--param", "AppEnvironment=A=1",
                "--param", "AppEnvironment=B=2", "--param", "AppExit.3=Suicide", "--param", "AppPauseMode=Report");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(h.store.key("MyApp").values).containsEntry(Param.RESTART_ON_EXIT, new RawValue.Dword(1))
                .containsEntry(Param.APP_ENVIRONMENT, new RawValue.MultiText(List.of("A=1", "B=2")))
                .containsEntry(Param.APP_PAUSE_MODE, new RawValue.Text("Report", false));
        assertThat(h.store.key("MyApp").exits).containsEntry("3", "Suicide");
        Harness.Result typo = h.run("install", "Other", h.app.toString(), "--param", "AppThrotle=5");
        assertThat(typo.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(typo.err()).contains("did you mean AppThrottle?");
        Harness.Result twice = h.run("install", "Other", h.app.toString(), "--dir", "/", "--param", "AppDirectory=/tmp");
        assertThat(twice.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(twice.err()).contains("both set AppDirectory");
    }

    @Test
    void validationSeesTheStoredValuesTooSoABrokenResultIsRefused() throws IOException {
        h.installed("MyApp");
        Files.delete(h.app);
        Harness.Result r = h.run("install", "MyApp", "--description", "x");
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("Application");
        assertThat(h.scm.writes()).isEmpty();
        assertThat(Optional.ofNullable(h.scm.find("MyApp").orElseThrow().description())).contains("");
    }

    @Test
    void theServicesEventSourceIsRegisteredOnceAndUndoneWithAFailedInstall() {
        assertThat(h.run("install", "MyApp", h.app.toString()).exit()).isZero();
        assertThat(h.events.isRegistered("MyApp")).isTrue();
        h.events.writes.clear();
        assertThat(h.run("install", "MyApp", h.app.toString()).out()).contains("nothing to change");
        assertThat(h.events.writes).isEmpty();

        h.events.sources.put("taken", false);
        assertThat(h.run("install", "Taken", h.app.toString()).exit()).isZero();
        assertThat(h.events.isRegistered(org.jsrvany.core.service.EventSources.FALLBACK)).isTrue();
        assertThat(h.events.sources).containsEntry("taken", false);
        h.events.writes.clear();
        assertThat(h.run("install", "Taken", h.app.toString()).out()).as("taken name + shared source: nothing to do")
                .contains("nothing to change");
        assertThat(h.run("install", "Fresh", h.app.toString()).exit()).isZero();
        assertThat(h.events.isRegistered("Fresh")).as("a free name still gets its own source").isTrue();

        h.scm.failNext("setDescription", 1450);
        assertThat(h.run("install", "Half", h.app.toString(), "--description", "x").exit()).isEqualTo(Exit.FAILED.code());
        assertThat(h.events.isRegistered("Half")).as("undone").isFalse();
    }

    /**
     * A java.exe that does what a real one does for the archive, and records each call: the training run
     * writes the file -XX:ArchiveClassesAtExit names; the check with -Xshare:on accepts an archive that says so.
     */
    static void archivingJava(Harness h) throws IOException {
        Files.writeString(h.java, "#!/bin/sh\necho \"$@\" >> '" + h.java + ".calls'\n"
                + "for a in \"$@\"; do case \"$a\" in\n"
                + "  -XX:ArchiveClassesAtExit=*) echo archive > \"${a#*=}\"; exit 0;;\n"
                + "  -XX:SharedArchiveFile=*) grep -q archive \"${a#*=}\" && echo 'jsrvany-launcher 1' && exit 0; exit 1;;\n"
                + "esac; done\nexit 3\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(h.java, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void installMakesTheClassDataArchiveTheImagePathNamesBesideTheLauncher() throws IOException {
        archivingJava(h);
        Harness.Result r = h.run("install", "MyApp", h.app.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        Path archive = Path.of(ClassDataArchive.path(h.launcher.toString(), h.java.toString()));
        assertThat(archive).hasParent(h.launcher.getParent()).hasContent("archive");
        assertThat(r.out()).contains("made the class data archive " + archive);
        assertThat(h.scm.find("MyApp").orElseThrow().imagePath()).contains("\"-XX:SharedArchiveFile=" + archive + "\" -Xshare:auto ");
        // The training run is the service's JVM (its options, its jar) running a configuration from the jar's own folder.
        String calls = Files.readString(Path.of(h.java + ".calls"));
        assertThat(calls).contains("-Xrs -Xms4m -Xmx64m -XX:-UsePerfData -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Djna.boot.library.path="
                + h.launcher.getParent() + " -Djna.nosys=true -Djna.nounpack=true -XX:+SuppressFatalErrorMessage -XX:-CreateCoredumpOnCrash"
                + " -XX:ArchiveClassesAtExit=" + archive + ".tmp -jar "
                + h.launcher + " run --config " + archive + ".training.properties");
        try (java.util.stream.Stream<Path> files = Files.list(h.launcher.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("nothing left but the archive")
                    .containsExactlyInAnyOrder("jsrvany-launcher.jar", "jnidispatch.dll", archive.getFileName().toString());
        }
    }

    @Test
    void aJavaThatCannotMakeAnArchiveStillInstallsWithANote() {
        // The harness's java.exe cannot even run: the service is installed all the same and starts without an archive.
        Harness.Result r = h.run("install", "MyApp", h.app.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("jsrvany: note: no class data archive").contains("starts without one");
        assertThat(h.scm.find("MyApp")).isPresent();
    }
}
