package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Command lines that used to be accepted, or crashed (issue 9); "aduit" is a misspelt command (audit exists). */
class BadCommandLineTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "jsrvany {0}")
    @CsvSource(delimiter = '|', value = {
        "aduit --help | 'aduit'",
        "--help aduit | 'aduit'",
        "aduit --version | 'aduit'",
        "status --bogus --help | '--bogus'",
        "help aduit | 'aduit'"})
    void anUnknownCommandOrOptionIsAUsageErrorWhateverFollows(String line, String named) throws IOException {
        Harness h = new Harness(temp);
        Harness.Result r = h.run(line.split(" "));
        assertThat(r.exit()).as(r.toString()).isEqualTo(Exit.USAGE.code());
        assertThat(r.err()).contains(named);
        assertThat(r.out()).as("no help printed as if all were well").doesNotContain("Usage:");
        assertThat(h.scm.calls).isEmpty();
    }

    @Test
    void testWithAFolderAsTheConfigurationSaysSoInsteadOfANullPointer() throws IOException {
        Harness h = new Harness(temp);
        Harness.Result r = h.run("test", "--config", "/");
        assertThat(r.exit()).as(r.toString()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("The configuration file / is a folder, not a file").doesNotContain("NullPointer");
    }
}
