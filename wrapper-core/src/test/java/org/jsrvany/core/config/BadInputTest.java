package org.jsrvany.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Configurations that used to be accepted silently, or refused with a misleading sentence (issue 9). */
class BadInputTest {
    @TempDir
    Path dir;
    Path program;
    Path file;
    final List<String> warnings = new ArrayList<>();
    ConfigLoader loader;

    @BeforeEach
    void setUp() throws IOException {
        program = dir.resolve("app.sh");
        Files.writeString(program, "#!/bin/sh\n");
        assertThat(program.toFile().setExecutable(true)).isTrue();
        file = dir.resolve("svc.properties");
        loader = new ConfigLoader(Map.of("PATH", "/usr/bin"), false, warnings::add);
    }

    private ServiceConfig load(String text) throws ConfigException, IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return loader.load("svc", PropertiesSource.load(file));
    }

    private List<String> problemsOf(String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return problemsOfFile();
    }

    private List<String> problemsOfFile() {
        try {
            loader.load("svc", PropertiesSource.load(file));
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a ConfigException");
    }

    private String app() {
        return "Application=" + program + "\n";
    }

    private Path fifo(String name) throws IOException, InterruptedException {
        Path fifo = dir.resolve(name);
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is needed to make a FIFO");
        return fifo;
    }

    // ---- Application ----

    @Test
    void anApplicationPathWithADoubleQuoteIsRefusedAtLoad() throws IOException {
        Path quoted = dir.resolve("my\"app.sh");
        Files.writeString(quoted, "#!/bin/sh\n");
        assertThat(quoted.toFile().setExecutable(true)).isTrue();
        assertThat(problemsOf("Application=" + quoted + "\n")).singleElement().asString()
                .startsWith("Application '" + quoted + "' contains a double quote")
                .contains("Windows command line cannot carry one");
        MapSource registry = new MapSource("reg").put(Param.APPLICATION, quoted.toString());
        assertThatThrownBy(() -> loader.load("svc", registry)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("contains a double quote");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aDeviceOrAPipeIsNamedForWhatItIsNotCalledAFolder() throws Exception {
        Path pipe = fifo("pipe");
        assertThat(problemsOf("Application=/dev/null\n")).containsExactly(
                "Application '/dev/null' is a character device, not a program (/dev/null): set Application to the"
                        + " program file itself.");
        assertThat(problemsOf(app() + "AppDirectory=/dev/null\n")).containsExactly(
                "AppDirectory '/dev/null' is a character device, not a folder (/dev/null): set AppDirectory to an"
                        + " existing folder.");
        assertThat(problemsOf(app() + "AppDirectory=" + pipe + "\n")).singleElement().asString()
                .contains("is a named pipe (FIFO), not a folder");
    }

    // ---- AppParameters ----

    @Test
    void aNulInAppParametersIsRefusedAtLoadNotAtLaunch() throws IOException {
        assertThat(problemsOf(app() + "AppParameters=-a \\u0000b\n")).containsExactly(
                "AppParameters in " + file + " contains a NUL character (written \\u0000 in a properties file) at position"
                        + " 4: no command line, path or environment variable can hold one. Remove it.");
        assertThat(problemsOf("Application=/bin/s\\u0000h\n")).as("not also 'Application is not set'").singleElement()
                .asString().startsWith("Application in " + file + " contains a NUL character");
        assertThat(problemsOf(app() + "AppEnvironmentExtra=A=\\u0000\n")).singleElement().asString()
                .startsWith("AppEnvironmentExtra in " + file + " contains a NUL character");
    }

    @Test
    void anUnterminatedQuoteInAppParametersIsAWarningBecauseWindowsAcceptsIt() throws Exception {
        ServiceConfig c = load(app() + "AppParameters=-x \"a b\n");
        assertThat(c.arguments()).containsExactly("-x", "a b");
        assertThat(warnings).singleElement().asString()
                .startsWith("AppParameters in " + file + " opens a quote (\") that is never closed: -x \"a b.")
                .contains("Windows accepts this");
        warnings.clear();
        load(app() + "AppParameters=-x \"a b\" \\\\\"c\n");
        assertThat(warnings).as("an escaped quote opens nothing").isEmpty();
    }

    // ---- AppExit ----

    @Test
    void appExitDotWithoutACodeDoesNotReplaceTheDefault() throws IOException {
        assertThat(problemsOf(app() + "AppExit=Restart\nAppExit.=Exit\n")).containsExactly(
                "'AppExit.' on line 3 of " + file + " has no exit code after the dot: write AppExit=ACTION for every exit"
                        + " code, or AppExit.CODE=ACTION for one, such as AppExit.3=Exit.");
    }

    @Test
    void exitCodesThatCanNeverApplyOnLinuxAreAWarningAndOutOfRangeOnesAnError() throws Exception {
        ServiceConfig c = load(app() + "AppExit.-1=Exit\nAppExit.300=Ignore\nAppExit.255=Exit\n");
        assertThat(c.exitActions().byCode()).containsOnlyKeys(-1, 300, 255);
        assertThat(warnings).containsExactlyInAnyOrder(
                "AppExit.-1 in " + file + " can never apply on this system, where a program's exit code is 0 to 255"
                        + " (a program killed by signal N exits with 128+N); it is kept for Windows, where -1 is the"
                        + " exit code 4294967295.",
                "AppExit.300 in " + file + " can never apply on this system, where a program's exit code is 0 to 255"
                        + " (a program killed by signal N exits with 128+N); it is kept for Windows, where 300 is the"
                        + " exit code 300.");
        warnings.clear();
        ConfigLoader windows = new ConfigLoader(Map.of(), true, warnings::add);
        windows.load("svc", PropertiesSource.load(file));
        assertThat(warnings).as("Windows has such codes").isEmpty();

        assertThat(problemsOf(app() + "AppExit.4294967296=Exit\nAppExit.-2147483649=Exit\n")).hasSize(2)
                .allSatisfy(p -> assertThat(p).contains("which is not an exit code").contains("0 to 4294967295"));
    }

    @Test
    void oneExitCodeSpelledTwiceIsAProblem() throws IOException {
        assertThat(problemsOf(app() + "AppExit.3=Exit\nAppExit.03=Ignore\n")).containsExactly(
                "AppExit has values named '03' and '3', which are the same exit code 3: keep one of them.");
        assertThat(problemsOf(app() + "AppExit.-1=Exit\nAppExit.4294967295=Ignore\n")).singleElement().asString()
                .contains("the same exit code 4294967295");
    }

    // ---- duplicates ----

    @Test
    void aKeyGivenTwiceIsAProblemNamingBothLines() throws IOException {
        assertThat(problemsOf(app() + "AppStdout=a.log\n# comment\nappstdout=b.log\n")).containsExactly(
                "AppStdout is set more than once in " + file + " (lines 2 and 4): keep one of them. A properties file"
                        + " would silently keep the last; jsrvany does not guess.");
        assertThat(problemsOf(app() + "AppExit.3=Exit\nAppExit.3 = Ignore\nAppExit.3=Restart\n")).singleElement()
                .asString().startsWith("AppExit.3 is set more than once in " + file + " (lines 2, 3 and 4)");
        assertThat(problemsOf(app() + app())).singleElement().asString().contains("(lines 1 and 2)");
    }

    // ---- output files ----

    @Test
    void outputIntoTheConfigurationFileItselfIsRefused() throws IOException {
        assertThat(problemsOf(app() + "AppStdout=svc.properties\n")).containsExactly(
                "AppStdout 'svc.properties' is the configuration file itself (" + file + "): the program's output would"
                        + " be written into its own configuration. Choose another file, such as a .log file beside it.");
        Files.createDirectories(dir.resolve("work"));
        assertThat(problemsOf(app() + "AppDirectory=work\nAppStderr=../svc.properties\n")).singleElement().asString()
                .startsWith("AppStderr '../svc.properties' is the configuration file itself");
        Path link = Files.createSymbolicLink(dir.resolve("link.properties"), file);
        assertThat(problemsOf(app() + "AppStdout=" + link + "\n")).singleElement().asString()
                .contains("is the configuration file itself");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void anOutputFileMustBeARegularFileWithFoldersAbove() throws Exception {
        Path pipe = fifo("out.pipe");
        Files.writeString(file, app() + "AppStdout=/dev/null\n", StandardCharsets.UTF_8);
        assertThat(loader.load("svc", PropertiesSource.load(file)).output().stdout())
                .as("a character device is accepted, as NSSM allows device paths").isEqualTo(Path.of("/dev/null"));
        assertThat(problemsOf(app() + "AppStderr=" + pipe + "\n")).singleElement().asString()
                .contains("is a named pipe (FIFO), not a file");
        assertThat(problemsOf(app() + "AppStdout=" + dir + "\n")).singleElement().asString().contains("is a folder, not a file");
        Files.writeString(dir.resolve("plain"), "x");
        assertThat(problemsOf(app() + "AppStdout=plain/logs/out.log\n")).containsExactly(
                "AppStdout 'plain/logs/out.log' cannot be created (" + dir.resolve("plain/logs/out.log") + "): "
                        + dir.resolve("plain") + " is a regular file, not a folder. Choose a path whose folders are folders.");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void anOutputFileOnProcIsRefusedWithTheReason() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "/proc is mounted");
        assertThat(problemsOf(app() + "AppStdout=/proc/jsrvany-out.log\n")).containsExactly(
                "AppStdout '/proc/jsrvany-out.log' is on proc (/proc/jsrvany-out.log), a file system the kernel makes"
                        + " up, where a program's output cannot be stored. Choose a folder on a disk.");
    }

    // ---- the file itself ----

    @Test
    void aFolderGivenAsTheConfigurationIsNamedNotANullPointer() {
        assertThatThrownBy(() -> PropertiesSource.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessage("The configuration file " + dir + " is a folder, not a file: give --config the path of a"
                        + " properties file.");
        assertThatThrownBy(() -> PropertiesSource.load(Path.of("/"))).hasMessageContaining("is a folder, not a file");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aPipeGivenAsTheConfigurationIsRefusedBeforeItCouldBlock() throws Exception {
        Path pipe = fifo("config.pipe");
        assertThatThrownBy(() -> PropertiesSource.load(pipe))
                .hasMessageContaining("is a named pipe (FIFO), not a file");
    }

    @Test
    void aConfigurationLargerThanOneMebibyteIsRefused() throws Exception {
        String padding = "#".repeat(PropertiesSource.MAX_FILE_BYTES - app().length() - 1) + "\n";
        load(app() + padding);
        Files.writeString(file, app() + padding + "#", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PropertiesSource.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage("The configuration file " + file + " is larger than 1048576 bytes (1 MiB), the most jsrvany"
                        + " reads: a service's parameters take a few kilobytes, so check that --config names the right file.");
    }

    @Test
    void problemsAreCappedWithACountOfTheRest() throws IOException {
        StringBuilder text = new StringBuilder(app());
        for (int i = 0; i < 5000; i++) {
            text.append("Unknown").append(i).append("=x\n");
        }
        List<String> problems = problemsOf(text.toString());
        assertThat(problems).hasSize(ConfigLoader.MAX_PROBLEMS + 1);
        assertThat(problems.get(0)).startsWith("'Unknown0' in " + file + " is not a jsrvany parameter");
        assertThat(problems.get(ConfigLoader.MAX_PROBLEMS)).isEqualTo("... and " + (5000 - ConfigLoader.MAX_PROBLEMS)
                + " more problems not listed here; fix the ones above and check again to see the rest.");
    }

    @Test
    void invalidUtf8IsNamedByLine() throws IOException {
        byte[] latin1 = (app() + "# comment\nAppParameters=caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, latin1);
        int at = app().length() + "# comment\nAppParameters=caf".length();
        assertThatThrownBy(() -> PropertiesSource.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage("The configuration file " + file + " is not valid UTF-8: line 3 holds the byte 0xE9 (at byte "
                        + at + " of the file), which no UTF-8 text has there. Save the file as UTF-8 (an editor's \"ANSI\""
                        + " or Latin-1 gives this for accented letters).");
    }

    @Test
    void aUtf8ByteOrderMarkIsSkippedAndUtf16IsNamed() throws Exception {
        Files.write(file, ("\uFEFF" + app() + "AppParameters=caf\u00e9\n").getBytes(StandardCharsets.UTF_8));
        ServiceConfig c = loader.load("svc", PropertiesSource.load(file));
        assertThat(c.application()).as("the BOM is not part of the first key").isEqualTo(program);
        assertThat(c.parameters()).isEqualTo("caf\u00e9");

        Files.write(file, ("\uFEFF" + app()).getBytes(StandardCharsets.UTF_16LE));
        assertThatThrownBy(() -> PropertiesSource.load(file)).hasMessage("The configuration file " + file
                + " is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8.");
    }

    @Test
    void aMalformedEscapeIsNamedByLine() throws IOException {
        assertThat(problemsOf(app() + "AppParameters=C:\\unix\n")).containsExactly(
                "Line 2 of " + file + " cannot be read: Malformed \\uxxxx encoding. Write a backslash as \\\\ and a"
                        + " character by its code as \\uXXXX with four hexadecimal digits.");
    }
}
