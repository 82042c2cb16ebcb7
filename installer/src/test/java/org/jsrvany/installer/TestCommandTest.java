package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** {@code test} runs the real launcher's foreground supervisor with a real child (a shell). */
@EnabledOnOs(OS.LINUX)
class TestCommandTest extends HarnessTest {
    Path work;

    @BeforeEach
    void setUp() throws IOException {
        work = Files.createDirectories(temp.resolve("work dir"));
    }

    @Test
    void aConfigFileRunsInTheForegroundWithItsDirectoryEnvironmentAndOutputFile() throws IOException {
        Path file = temp.resolve("svc.properties");
        Files.writeString(file, "Application=/bin/sh\n"
                + "AppParameters=-c \"pwd; echo $GREETING; exit 3\"\n"
                + "AppDirectory=" + work + "\n"
                + "AppEnvironment=GREETING=hello\n"
                + "AppStdout=out.log\n"
                + "AppExit=Exit\n", StandardCharsets.UTF_8);
        Harness.Result r = h.run("test", "--config", file.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(Exit.TEST_CHILD_FAILED.code());
        assertThat(r.out()).contains("Testing 'svc' in the foreground");
        assertThat(Files.readString(work.resolve("out.log"))).isEqualTo(work + "\nhello\n");
    }

    @Test
    void anInstalledServiceRunsFromItsParameters() {
        Harness.Result install = h.run("install", "Echo", "/bin/sh", "--dir", work.toString(), "--exit", "Exit",
                "--stdout", "o.log", "--", "-c", "echo from the registry");
        assertThat(install.exit()).as(install.toString()).isZero();
        Harness.Result r = h.run("test", "Echo");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(work.resolve("o.log")).hasContent("from the registry");
    }

    @Test
    void anInvalidConfigurationListsItsProblems() throws IOException {
        Path file = temp.resolve("bad.properties");
        Files.writeString(file, "Application=/nonexistent/prog\nAppThrotle=5\n", StandardCharsets.UTF_8);
        Harness.Result r = h.run("test", "--config", file.toString());
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("did you mean AppThrottle?").contains("/nonexistent/prog");
    }

    @Test
    void needsAServiceOrAFile() {
        assertThat(h.run("test").exit()).isEqualTo(Exit.USAGE.code());
        assertThat(h.run("test", "Nope").exit()).isEqualTo(Exit.NO_SUCH_SERVICE.code());
    }
}
