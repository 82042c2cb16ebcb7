package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AppStdin, the copy-and-truncate values and AppOutputCodePage through install, get, set and dump. */
class NssmIoParamsTest extends HarnessTest {
    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(h.app.getParent().resolve("input.txt"), "hello\n");
    }

    @Test
    void installOptionsWriteTheValues() {
        h.installed("MyApp", "--stdin", "input.txt", "--stdout", "out.log", "--stdout-copy-truncate",
                "--no-stderr-copy-truncate", "--output-code-page", "850");
        assertThat(h.store.key("MyApp").values.get(Param.APP_STDIN)).isEqualTo(new RawValue.Text("input.txt", true));
        assertThat(h.store.key("MyApp").values.get(Param.APP_STDOUT_COPY_AND_TRUNCATE)).isEqualTo(new RawValue.Dword(1));
        assertThat(h.store.key("MyApp").values.get(Param.APP_STDERR_COPY_AND_TRUNCATE)).isEqualTo(new RawValue.Dword(0));
        assertThat(h.store.key("MyApp").values.get(Param.APP_OUTPUT_CODE_PAGE)).isEqualTo(new RawValue.Dword(850));
        assertThat(h.run("get", "MyApp", "AppStdin").out()).isEqualTo("input.txt\n");
        assertThat(h.run("get", "MyApp", "AppOutputCodePage").out()).isEqualTo("850\n");
    }

    @Test
    void setChecksTheConfigurationAsTheServiceWouldLoadIt() {
        h.installed("MyApp");
        Harness.Result missing = h.run("set", "MyApp", "AppStdin", "missing.txt");
        assertThat(missing.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(missing.err()).contains("AppStdin 'missing.txt' does not exist");
        Harness.Result codePage = h.run("set", "MyApp", "AppOutputCodePage", "12345");
        assertThat(codePage.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(codePage.err()).contains("AppOutputCodePage is 12345");
        assertThat(h.run("set", "MyApp", "AppStdin", "input.txt").exit()).isZero();
        assertThat(h.run("set", "MyApp", "AppStderrCopyAndTruncate", "1").exit()).isZero();
    }

    @Test
    void dumpWritesThemLikeEveryOtherValue() {
        h.installed("MyApp", "--stdin", "input.txt", "--stdout-copy-truncate", "--output-code-page", "437");
        Harness.Result dump = h.run("dump", "MyApp", "--format", "properties");
        assertThat(dump.exit()).as(dump.toString()).isZero();
        assertThat(dump.out()).contains("AppStdin=input.txt", "AppStdoutCopyAndTruncate=1", "AppOutputCodePage=437");
    }
}
