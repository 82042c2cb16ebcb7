package org.jsrvany.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsrvany.core.output.OutputExtras;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AppStdin, AppStdoutCopyAndTruncate/AppStderrCopyAndTruncate and AppOutputCodePage as the loader reads them. */
class NssmIoConfigTest {
    @TempDir
    Path dir;
    Path program;
    final List<String> warnings = new ArrayList<>();
    ConfigLoader loader;

    @BeforeEach
    void setUp() throws IOException {
        program = dir.resolve("app.sh");
        Files.writeString(program, "#!/bin/sh\n");
        program.toFile().setExecutable(true);
        loader = new ConfigLoader(Map.of("PATH", "/usr/bin"), false, warnings::add);
    }

    private ServiceConfig load(String extra) throws Exception {
        Path file = dir.resolve("svc.properties");
        Files.writeString(file, "Application=" + program + "\nAppStdout=out.log\n" + extra, StandardCharsets.UTF_8);
        return loader.load("svc", PropertiesSource.load(file));
    }

    @Test
    void defaultsAreNssms() throws Exception {
        ServiceConfig c = load("");
        assertThat(c.stdin()).as("no AppStdin: the child reads nothing").isNull();
        assertThat(c.output().extras()).isEqualTo(OutputExtras.NONE);
    }

    @Test
    void stdinIsTakenFromTheWorkingDirectory() throws Exception {
        Files.writeString(dir.resolve("input.txt"), "hello\n");
        assertThat(load("AppStdin=input.txt\n").stdin()).isEqualTo(dir.resolve("input.txt"));
    }

    @Test
    void stdinMayBeADevice() throws Exception {
        assertThat(load("AppStdin=/dev/null\n").stdin()).isEqualTo(Path.of("/dev/null"));
    }

    @Test
    void emptyStdinMeansNone() throws Exception {
        assertThat(load("AppStdin=\n").stdin()).isNull();
    }

    @Test
    void aMissingStdinFileIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> load("AppStdin=missing.txt\n")).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).singleElement().asString()
                        .contains("AppStdin 'missing.txt' does not exist", dir.resolve("missing.txt").toString(),
                                "leave AppStdin empty"));
    }

    @Test
    void aFolderAsStdinIsRefused() throws Exception {
        Files.createDirectory(dir.resolve("folder"));
        assertThatThrownBy(() -> load("AppStdin=folder\n")).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).singleElement().asString()
                        .contains("AppStdin 'folder' is a folder, not a file"));
    }

    @Test
    void copyAndTruncateIsReadPerStream() throws Exception {
        OutputExtras extras = load("AppStdoutCopyAndTruncate=1\nAppStderr=err.log\n").output().extras();
        assertThat(extras.stdoutCopyAndTruncate()).isTrue();
        assertThat(extras.stderrCopyAndTruncate()).isFalse();
        assertThat(load("AppStderrCopyAndTruncate=1\n").output().extras().stderrCopyAndTruncate()).isTrue();
    }

    @Test
    void outputCodePageNamesTheCharsetToDecode() throws Exception {
        assertThat(load("AppOutputCodePage=850\n").output().extras().decodeFrom()).isEqualTo(Charset.forName("IBM850"));
        assertThat(load("AppOutputCodePage=0\n").output().extras().decodeFrom()).isNull();
    }

    @Test
    void anUnknownCodePageIsAConfigurationError() {
        assertThatThrownBy(() -> load("AppOutputCodePage=12345\n")).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).singleElement().asString()
                        .contains("AppOutputCodePage is 12345", "437, 850"));
    }
}
