package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"install", "remove", "start", "stop", "restart", "pause", "continue", "status", "get", "set",
        "reset", "list", "dump", "adopt", "upgrade", "test", "audit"})
    void everyCommandHasHelpWithItsExitCodes(String command) throws IOException {
        Harness h = new Harness(temp);
        Harness.Result r = h.run(command, "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: jsrvany " + command).contains("Exit codes:").contains(" 0   success");
        assertThat(h.run("help", command).out()).isEqualTo(r.out());
        assertThat(h.scm.calls).isEmpty();
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() throws IOException {
        Harness h = new Harness(temp);
        assertThat(h.run().exit()).isEqualTo(Exit.USAGE.code());
        Harness.Result r = h.run("instal");
        assertThat(r.exit()).isEqualTo(Exit.USAGE.code());
        assertThat(r.err()).contains("install");
        assertThat(h.run("--version").out()).startsWith("jsrvany ");
    }

    @Test
    void exitCodesAreUniqueAndDocumented() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "installer.md"));
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Exit e : Exit.values()) {
            assertThat(seen.add(e.code())).as("code %d used once", e.code()).isTrue();
            assertThat(doc).as("docs/installer.md row for exit code %d", e.code()).contains("| " + e.code() + " | ");
        }
    }
}
