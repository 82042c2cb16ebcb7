package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsrvany.core.security.AccessControl;
import org.jsrvany.core.security.Descriptor;
import org.jsrvany.core.security.FolderPolicy;
import org.jsrvany.core.service.DataFolders;
import org.jsrvany.core.win32.security.SecureFolder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code audit} and the check in {@code install} with the real security calls and the real SCM. The
 * Application's folder is made writable by Everyone with the same call jsrvany uses to protect folders
 * ({@code SetSecurityInfo}); under Wine that makes the Unix folder world-writable, and Wine reads the
 * mode back as an Everyone entry, so the whole path (read DACL, decide, report, refuse) is real there
 * too. Owners and inherited entries only show on Windows.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(300)
class AuditWindowsIT extends RealServiceIt {
    private static final String SERVICES = "SYSTEM\\CurrentControlSet\\Services\\";
    private static final Descriptor EVERYONE_MAY_MODIFY =
            Descriptor.parse("O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1301ff;;;WD)");

    private final AccessControl acl = SecureFolder.accessControl();

    @Test
    void anApplicationEveryoneCanReplaceIsRefusedReportedAndClearedOnceFixed() throws IOException {
        WindowsIt.assumeElevated();
        launcher = WindowsIt.serviceJar(Files.createDirectories(temp.resolve("dist")));
        name = WindowsIt.uniqueName("jsrvany-it-audit");
        Path appDir = Files.createDirectories(temp.resolve("app"));
        Path app = Files.writeString(appDir.resolve("app.cmd"), "@ping -n 600 127.0.0.1 >NUL\r\n");
        acl.secureFolder(appDir, EVERYONE_MAY_MODIFY);

        Harness.Result refused = run("install", name, app.toString(), "--start", "manual");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(Exit.INVALID.code());
        assertThat(refused.err()).contains(appDir + " (the folder of Application): Everyone can create files")
                .contains("fix: icacls \"" + appDir + "\"").contains("--allow-weak-acl");
        assertThat(scm.find(name)).isEmpty();

        Harness.Result allowed = run("install", name, app.toString(), "--start", "manual", "--allow-weak-acl");
        assertThat(allowed.exit()).as(allowed.toString()).isZero();
        assertThat(allowed.err()).contains("warning:").contains("Everyone can create files");
        DataFolders folders = new DataFolders(WindowsIt.programData());
        assertThat(folders.serviceLogs(name)).isDirectory();
        assertThat(folders.serviceState(name)).isDirectory();

        Harness.Result weak = run("audit", name);
        assertThat(weak.exit()).as(weak.toString()).isEqualTo(Exit.AUDIT_FINDINGS.code());
        assertThat(weak.out()).contains("WEAK " + appDir).contains("Everyone").contains("and 2 registry keys");

        acl.secureFolder(appDir, FolderPolicy.shared());
        Harness.Result clean = run("audit", name, "--verbose");
        assertThat(clean.exit()).as(clean.toString()).isZero();
        assertThat(clean.out()).contains("ok: " + app + " (Application)")
                .contains("ok: HKLM\\" + SERVICES + name + " (the service's key");

        assertThat(run("remove", name).exit()).isZero();
        assertThat(folders.serviceState(name)).as("remove takes the state folder").doesNotExist();
    }

    @Test
    void everyServicesImagePathIsLookedAt() {
        WindowsIt.assumeElevated();
        launcher = temp.resolve("none.jar");
        Harness.Result r = run("audit", "--all");
        assertThat(r.exit()).as(r.toString()).isIn(Exit.OK.code(), Exit.AUDIT_FINDINGS.code());
        assertThat(r.out()).containsPattern("Unquoted ImagePaths of the other [1-9][0-9]* services");
        // The same enumeration lists services (its first entry was once left unread: OpenService(null)).
        assertThat(run("list", "--all").exit()).isZero();
        assertThat(scm.serviceNames()).doesNotContainNull().isNotEmpty();
    }
}
