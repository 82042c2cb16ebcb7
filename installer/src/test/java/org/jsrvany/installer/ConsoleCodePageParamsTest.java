package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** AppConsoleCodePage through install, get, set, dump, adopt and test. */
class ConsoleCodePageParamsTest extends HarnessTest {
    @Test
    void theInstallOptionWritesTheValueAndGetReadsIt() {
        h.installed("MyApp", "--console-code-page", "65001");
        assertThat(h.store.key("MyApp").values.get(Param.APP_CONSOLE_CODE_PAGE)).isEqualTo(new RawValue.Dword(65001));
        assertThat(h.run("get", "MyApp", "AppConsoleCodePage").out()).isEqualTo("65001\n");
    }

    @Test
    void setChecksTheValueAndWhatItCannotGoWith() {
        h.installed("MyApp");
        Harness.Result utf16 = h.run("set", "MyApp", "AppConsoleCodePage", "1200");
        assertThat(utf16.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(utf16.err()).contains("AppConsoleCodePage is 1200, a UTF-16 or UTF-32 code page");
        assertThat(h.run("set", "MyApp", "AppConsoleCodePage", "850").exit()).isZero();
        assertThat(h.store.key("MyApp").values.get(Param.APP_CONSOLE_CODE_PAGE)).isEqualTo(new RawValue.Dword(850));

        Harness.Result noConsole = h.run("set", "MyApp", "AppNoConsole", "1");
        assertThat(noConsole.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(noConsole.err()).contains("AppConsoleCodePage is 850 but AppNoConsole is 1");
        assertThat(h.store.key("MyApp").values).doesNotContainKey(Param.APP_NO_CONSOLE);
    }

    @Test
    void installRefusesItWithNoConsole() {
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--console-code-page", "65001", "--no-console");
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("AppConsoleCodePage is 65001 but AppNoConsole is 1");
    }

    @Test
    void dumpWritesItLikeEveryOtherValue() {
        h.installed("MyApp", "--console-code-page", "65001", "--output-code-page", "65001");
        Harness.Result dump = h.run("dump", "MyApp", "--format", "properties");
        assertThat(dump.exit()).as(dump.toString()).isZero();
        assertThat(dump.out()).contains("AppConsoleCodePage=65001", "AppOutputCodePage=65001");
    }

    @Test
    void adoptKeepsItAndChecksItAsTheServiceWould() {
        h.scm.add(ServiceOptions.defaults("N", "C:\\nssm\\win64\\nssm.exe"));
        h.store.put("N", Param.APPLICATION, new RawValue.Text(h.app.toString(), false))
                .put("N", Param.APP_CONSOLE_CODE_PAGE, new RawValue.Dword(65001))
                .put("N", Param.APP_NO_CONSOLE, new RawValue.Dword(1));
        Harness.Result refused = h.run("adopt", "N");
        assertThat(refused.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(refused.err()).contains("AppConsoleCodePage is 65001 but AppNoConsole is 1");

        h.store.put("N", Param.APP_NO_CONSOLE, new RawValue.Dword(0));
        Harness.Result adopted = h.run("adopt", "N");
        assertThat(adopted.exit()).as(adopted.toString()).isZero();
        assertThat(h.store.key("N").values).containsEntry(Param.APP_CONSOLE_CODE_PAGE, new RawValue.Dword(65001));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void testSaysTheServiceWouldSetItAndTheForegroundDoesNot() throws IOException {
        Path file = temp.resolve("svc.properties");
        Files.writeString(file, "Application=/bin/sh\nAppParameters=-c \"exit 0\"\nAppExit=Exit\nAppConsoleCodePage=65001\n",
                StandardCharsets.UTF_8);
        Harness.Result r = h.run("test", "--config", file.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Note: AppConsoleCodePage is 65001; the service would start the program on a"
                + " console whose input and output code page is 65001");
    }
}
