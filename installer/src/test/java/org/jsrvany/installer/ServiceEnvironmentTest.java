package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsrvany.core.config.Environments;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service key's own {@code Environment} value through get, set, reset and dump. */
class ServiceEnvironmentTest extends HarnessTest {
    @BeforeEach
    void setUp() throws IOException {
        h.installed("MyApp");
    }

    @Test
    void setGetDumpAndReset() {
        Harness.Result set = h.run("set", "MyApp", "Environment", "--", "A=1", "PATH=C:\\x;%PATH%");
        assertThat(set.exit()).as(set.toString()).isZero();
        assertThat(h.store.serviceEnvironment("MyApp")).containsExactly("A=1", "PATH=C:\\x;%PATH%");
        assertThat(h.run("get", "MyApp", "Environment").out().lines()).containsExactly("A=1", "PATH=C:\\x;%PATH%");
        assertThat(h.run("get", "MyApp").out()).contains("Environment =\n    A=1\n    PATH=C:\\x;%PATH%".replace("\n", System.lineSeparator()));
        assertThat(h.run("dump", "MyApp").out()).contains("set MyApp Environment -- A=1 PATH=C:\\x;%%PATH%% || exit /b");
        assertThat(h.run("set", "MyApp", "environment", "--", "A=1", "PATH=C:\\x;%PATH%").out()).contains("nothing to change");

        assertThat(h.run("reset", "MyApp", "Environment").exit()).isZero();
        assertThat(h.store.serviceEnvironment("MyApp")).isEmpty();
        Harness.Result none = h.run("get", "MyApp", "Environment");
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).contains("Environment is not set");
    }

    @Test
    void anEntryWithoutEqualsIsRefused() {
        Harness.Result r = h.run("set", "MyApp", "Environment", "--", "A=1", "oops");
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("Environment entry 'oops' has no '='");
        assertThat(h.store.serviceEnvironment("MyApp")).isEmpty();
    }

    @Test
    void theEntriesGoOnTopOfTheWrappersEnvironmentLiterally() {
        Map<String, String> env = Environments.withServiceEnvironment(Map.of("Path", "C:\\w", "KEEP", "k"),
                List.of("PATH=C:\\svc;%PATH%", "NOEQUALS", "=C:=C:\\"), true);
        assertThat(env).containsEntry("PATH", "C:\\svc;%PATH%").containsEntry("KEEP", "k").containsEntry("=C:", "C:\\")
                .hasSize(3);
    }
}
