package org.jsrvany.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AppConsoleCodePage as the loader reads it: the number, and what it cannot go with. */
class ConsoleCodePageConfigTest {
    @TempDir
    Path dir;
    ConfigLoader loader;
    Path program;

    @BeforeEach
    void setUp() throws IOException {
        program = dir.resolve("app.sh");
        Files.writeString(program, "#!/bin/sh\n");
        program.toFile().setExecutable(true);
        loader = new ConfigLoader(Map.of("PATH", "/usr/bin"), false, w -> { });
    }

    private ServiceConfig load(String extra) throws Exception {
        Path file = dir.resolve("svc.properties");
        Files.writeString(file, "Application=" + program + "\n" + extra, StandardCharsets.UTF_8);
        return loader.load("svc", PropertiesSource.load(file));
    }

    @Test
    void unsetLeavesTheConsoleAsWindowsCreatesIt() throws Exception {
        assertThat(load("").windows().consoleCodePage()).isZero();
        assertThat(load("AppConsoleCodePage=0\n").windows().consoleCodePage()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"65001", "437", "850", "866", "932", "1252", "20127", "54936"})
    void anyCodePageNumberIsKeptForWindowsToCheck(int codePage) throws Exception {
        assertThat(load("AppConsoleCodePage=" + codePage + "\n").windows().consoleCodePage()).isEqualTo(codePage);
    }

    @ParameterizedTest
    @CsvSource({
            "70000, 'AppConsoleCodePage is 70000: a Windows code page number is at most 65535'",
            "1200, 'AppConsoleCodePage is 1200, a UTF-16 or UTF-32 code page, which a console cannot use'",
            "1201, 'a console cannot use'",
            "12000, 'a console cannot use'",
            "12001, 'Use 65001 for UTF-8'"})
    void numbersNoConsoleCanHaveAreRefused(long codePage, String sentence) {
        assertThatThrownBy(() -> load("AppConsoleCodePage=" + codePage + "\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining(sentence);
    }

    @Test
    void withAppNoConsoleThereIsNoConsoleToSet() {
        assertThatThrownBy(() -> load("AppConsoleCodePage=65001\nAppNoConsole=1\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("AppConsoleCodePage is 65001 but AppNoConsole is 1")
                .hasMessageContaining("set AppNoConsole to 0");
    }

    @Test
    void aProgramInAUsersSessionGetsAConsoleTheServiceCannotPrepare() {
        assertThatThrownBy(() -> load("AppConsoleCodePage=65001\nAppSession=Console\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AppConsoleCodePage is 65001 but AppSession is Console");
    }

    @Test
    void testNotesThatTheForegroundLeavesCodePagesAlone() {
        assertThat(ConsoleCodePage.foregroundNote(0)).isEmpty();
        assertThat(ConsoleCodePage.foregroundNote(65001)).get().asString()
                .contains("AppConsoleCodePage is 65001", "the service would start the program on a console whose input"
                        + " and output code page is 65001", "Windows' default code page here");
    }
}
