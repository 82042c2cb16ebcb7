package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.security.Sids;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code AppEnvironmentFile} through the installer: {@code --env-file} stores the path, the audit counts the
 * file like a program (whoever changes it sets the program's PATH), and {@code dump} never holds a value of it.
 */
class EnvironmentFileAuditTest extends HarnessTest {
    Path envFile;

    @BeforeEach
    void setUp() throws IOException {
        envFile = h.appDir.resolve("app.env");
        Files.writeString(envFile, "DB_PASSWORD=hunter2\n");
    }

    @Test
    void installStoresThePathAndDumpNeverShowsAValue() {
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--env-file", "app.env");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(h.store.key("MyApp").values).containsEntry(Param.APP_ENVIRONMENT_FILE, new RawValue.Text("app.env", true));
        for (String format : new String[] {"cmd", "reg", "properties"}) {
            Harness.Result dump = h.run("dump", "MyApp", "--format", format);
            assertThat(dump.exit()).isZero();
            assertThat(dump.out()).contains("AppEnvironmentFile").doesNotContain("hunter2");
        }
        assertThat(h.run("get", "MyApp", "AppEnvironmentFile").out().strip()).isEqualTo("app.env");
    }

    @Test
    void aMalformedFileRefusesTheInstallNamingTheLineNotTheValue() throws IOException {
        Files.writeString(envFile, "# ok\nhunter2\n");
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--env-file", envFile.toString());
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("Line 2 of AppEnvironmentFile " + envFile + " has no '='").doesNotContain("hunter2");
        assertThat(h.scm.find("MyApp")).isEmpty();
    }

    @Test
    void theAuditCountsTheFileAndItsFolderLikeAProgram() {
        assertThat(h.run("install", "MyApp", h.app.toString(), "--env-file", "app.env").exit()).isZero();
        h.acl.weak(envFile.toString(), Sids.USERS);
        Harness.Result r = h.run("audit", "MyApp");
        assertThat(r.exit()).as(r.toString()).isEqualTo(Exit.AUDIT_FINDINGS.code());
        assertThat(r.out()).contains("WEAK " + envFile + " (AppEnvironmentFile): Users can write data");
    }
}
