package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.security.AccessControl.Reading;
import org.jsrvany.core.security.Descriptor;
import org.jsrvany.core.security.Sids;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditCommandTest extends HarnessTest {
    @BeforeEach
    void setUp() throws IOException {
        h.installed("MyApp");
    }

    @Test
    void aServiceNobodyElseCanChangeIsClean() {
        Harness.Result r = h.run("audit", "MyApp");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("'MyApp' runs as LocalSystem: whoever changes what it runs runs code as SYSTEM")
                .contains("nothing a non-administrator can change").contains("registry keys");
    }

    @Test
    void aWeakApplicationFolderIsReportedWithWhoCanChangeItAndTheFix() {
        h.acl.weak(h.appDir.toString(), Sids.AUTHENTICATED_USERS);
        Harness.Result r = h.run("audit", "MyApp");
        assertThat(r.exit()).as(r.toString()).isEqualTo(Exit.AUDIT_FINDINGS.code());
        assertThat(r.out()).contains("WEAK " + h.appDir + " (the folder of Application): Authenticated Users can create"
                + " files, delete or rename it (inherited)")
                .contains("fix: icacls \"" + h.appDir + "\" /inheritance:d && icacls \"" + h.appDir
                        + "\" /grant:r *S-1-5-11:(OI)(CI)(RX)")
                .contains("1 finding: run the fix commands");
    }

    @Test
    void javaTheLauncherJarAndTheRegistryKeysAreChecked() {
        h.acl.weak(h.java.toString(), Sids.EVERYONE).weak(h.launcher.toString(), Sids.INTERACTIVE)
                .weak("HKLM\\SYSTEM\\CurrentControlSet\\Services\\MyApp\\Parameters", Sids.USERS);
        Harness.Result r = h.run("audit", "MyApp", "--verbose");
        assertThat(r.exit()).isEqualTo(Exit.AUDIT_FINDINGS.code());
        assertThat(r.out()).contains(h.java + " (java.exe): Everyone can write data")
                .contains(h.launcher + " (the launcher jar): INTERACTIVE can write data")
                .contains("HKLM\\SYSTEM\\CurrentControlSet\\Services\\MyApp\\Parameters (its Parameters): Users can set values")
                .contains("powershell -NoProfile -Command")
                .contains("ok: " + h.app + " (Application)");
    }

    @Test
    void aMissingApplicationIsCheckedWhereSomeoneCouldCreateIt() throws IOException {
        Files.delete(h.app);
        Files.delete(h.appDir);
        // Like C:\: Authenticated Users may create folders there (and nothing else).
        h.acl.objects.put(h.dir.toString(), new Reading.Found(Descriptor.parse("O:BAD:(A;;FA;;;BA)(A;CI;LC;;;AU)")));
        Harness.Result r = h.run("audit", "MyApp");
        assertThat(r.exit()).as(r.toString()).isEqualTo(Exit.AUDIT_FINDINGS.code());
        assertThat(r.out()).contains("note: " + h.app + " (Application) does not exist")
                .contains(h.dir + " (where " + h.app + " could be created): Authenticated Users can create folders");
    }

    @Test
    void withoutNamesEveryJsrvanyServiceAndWithAllTheOthersImagePaths() {
        h.installed("Second");
        h.scm.add(ServiceOptions.defaults("Legacy", "C:\\Program Files\\Old Tool\\nssm.exe"));
        h.store.put("Legacy", Param.APPLICATION, new RawValue.Text(h.app.toString(), false));
        h.scm.add(ServiceOptions.defaults("Vendor", "C:\\Program Files\\Vendor App\\svc.exe -run"));
        h.scm.add(ServiceOptions.defaults("Fine", "\"C:\\Program Files\\Fine\\svc.exe\""));

        Harness.Result jsrvany = h.run("audit");
        assertThat(jsrvany.exit()).as(jsrvany.toString()).isZero();
        assertThat(jsrvany.out()).contains("'MyApp' runs as").contains("'Second' runs as").doesNotContain("Legacy")
                .doesNotContain("Vendor");

        Harness.Result all = h.run("audit", "--all");
        assertThat(all.exit()).as(all.toString()).isEqualTo(Exit.AUDIT_FINDINGS.code());
        assertThat(all.out()).contains("'Legacy' runs as")
                .contains("UNQUOTED 'Legacy' has an unquoted ImagePath with spaces")
                .contains("Unquoted ImagePaths of the other 2 services: 1.")
                .contains("UNQUOTED 'Vendor' has an unquoted ImagePath with spaces (C:\\Program Files\\Vendor App\\svc.exe"
                        + " -run): Windows tries C:\\Program.exe, C:\\Program Files\\Vendor.exe first")
                .contains("fix: sc config \"Vendor\" binPath= \"\\\"C:\\Program Files\\Vendor App\\svc.exe\\\" -run\"")
                .doesNotContain("'Fine' has");
    }

    @Test
    void anUnknownServiceIsExit5() {
        assertThat(h.run("audit", "Nope").exit()).isEqualTo(Exit.NO_SUCH_SERVICE.code());
    }

    @Test
    void installRefusesWhatANonAdministratorCanChangeUnlessAllowed() {
        h.acl.weak(h.appDir.toString(), Sids.USERS);
        Harness.Result r = h.run("install", "New", h.app.toString(), "--account", "LocalService");
        assertThat(r.exit()).as(r.toString()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("'New' would run as NT AUTHORITY\\LocalService")
                .contains(h.appDir + " (the folder of Application): Users can create files")
                .contains("fix: icacls").contains("--allow-weak-acl").contains("Nothing was changed");
        assertThat(h.scm.find("New")).isEmpty();
        assertThat(h.acl.secured).as("not even the folders were touched").isEmpty();

        Harness.Result allowed = h.run("install", "New", h.app.toString(), "--account", "LocalService", "--allow-weak-acl");
        assertThat(allowed.exit()).as(allowed.toString()).isZero();
        assertThat(allowed.err()).contains("warning: 'New' would run as").contains("Users can create files");
        assertThat(h.scm.find("New")).isPresent();
    }

    @Test
    void setAndAdoptWarnAndGoOn() {
        h.acl.weak(h.app.toString(), Sids.AUTHENTICATED_USERS);
        Harness.Result set = h.run("set", "MyApp", "AppThrottle", "5000");
        assertThat(set.exit()).as(set.toString()).isZero();
        assertThat(set.err()).contains("warning: 'MyApp' runs as LocalSystem")
                .contains(h.app + " (Application): Authenticated Users can write data").contains("fix: icacls");

        h.scm.add(ServiceOptions.defaults("Old", "C:\\tools\\srvany.exe"));
        h.store.put("Old", Param.APPLICATION, new RawValue.Text(h.app.toString(), false));
        Harness.Result adopt = h.run("adopt", "Old");
        assertThat(adopt.exit()).as(adopt.toString()).isZero();
        assertThat(adopt.err()).contains("warning: 'Old' runs as LocalSystem").contains("Authenticated Users can write data");
    }
}
