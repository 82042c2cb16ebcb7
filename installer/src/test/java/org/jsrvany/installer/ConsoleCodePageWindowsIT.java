package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code AppConsoleCodePage} with the real service program (the shaded launcher jar, the real service manager):
 * the program (the fixture, which records {@code GetConsoleCP} and {@code GetConsoleOutputCP} in its dump as
 * soon as it starts) runs on a console with Windows' code page without the value, and on a console whose input
 * and output code page is 65001 with it; and the stop ladder's Ctrl+C step still reaches it (its shutdown hook
 * writes the marker only on Ctrl+C).
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(300)
class ConsoleCodePageWindowsIT extends RealServiceIt {
    private static final int UTF8 = 65001;

    /** Starts the service, reads the fixture's dump, stops the service (Ctrl+C) and checks the marker. */
    private Properties runOnce(Path work) throws IOException {
        Path dump = work.resolve("dump.properties");
        Path marker = work.resolve("graceful.txt");
        Files.deleteIfExists(dump);
        Files.deleteIfExists(marker);
        Harness.Result started = run("start", name, "--timeout", "90s");
        assertThat(started.exit()).as(started.toString()).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dump));
        Properties seen = new Properties();
        try (Reader in = Files.newBufferedReader(dump, StandardCharsets.UTF_8)) {
            seen.load(in);
        }
        Harness.Result stopped = run("stop", name);
        assertThat(stopped.exit()).as(stopped.toString()).isZero();
        assertThat(marker).as("Ctrl+C reached the program: its shutdown hook ran (the stop ladder's first step)")
                .exists();
        assertThat(Files.readString(marker, StandardCharsets.UTF_8)).startsWith("graceful ");
        return seen;
    }

    /** Installs the fixture as a service; only Ctrl+C, then terminate: a stop that is not Ctrl+C leaves no marker. */
    private Path install(String... options) throws IOException {
        WindowsIt.assumeElevated();
        launcher = WindowsIt.realLauncher();
        name = WindowsIt.uniqueName("jsrvany-cp");
        Path work = Files.createDirectories(temp.resolve("work"));
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("install", name,
                WindowsIt.javaExe().toString(), "--start", "manual", "--dir", work.toString()));
        args.addAll(java.util.List.of(options));
        args.addAll(java.util.List.of("--", "-cp", FixtureCommand.classpath(), "org.jsrvany.samples.Fixture",
                "--dump", "dump.properties", "--shutdown-marker", "graceful.txt", "--sleep-forever"));
        Harness.Result installed = run(args.toArray(String[]::new));
        assertThat(installed.exit()).as(installed.toString()).isZero();
        assertThat(run("set", name, "AppStopMethodSkip", "6").exit()).isZero();
        return work;
    }

    /** The wrapper's own log of the service ({@code %ProgramData%\jsrvany\logs\<name>\<name>.log}). */
    private String wrapperLog() throws IOException {
        org.jsrvany.core.service.DataFolders folders = new org.jsrvany.core.service.DataFolders(WindowsIt.programData());
        Path log = folders.serviceLogs(name).resolve(org.jsrvany.core.service.DataFolders.folderName(name) + ".log");
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Test
    void theProgramsConsoleHasTheCodePageFromItsFirstInstructionAndCtrlCStillStopsIt() throws IOException {
        Path work = install();

        Properties before = runOnce(work);
        int windowsOutput = Integer.parseInt(before.getProperty("console.outputcp"));
        System.out.println("Without AppConsoleCodePage: input code page " + before.getProperty("console.cp")
                + ", output code page " + windowsOutput);
        assertThat(windowsOutput).as("without AppConsoleCodePage the program has a console with Windows' code page")
                .isNotZero().isNotEqualTo(UTF8);

        Harness.Result set = run("set", name, "AppConsoleCodePage", Integer.toString(UTF8));
        assertThat(set.exit()).as(set.toString()).isZero();
        assertThat(run("get", name, "AppConsoleCodePage").out().strip()).isEqualTo(Integer.toString(UTF8));

        Properties after = runOnce(work);
        assertThat(after.getProperty("console.outputcp")).as("the output code page the program sees").isEqualTo("65001");
        assertThat(after.getProperty("console.cp")).as("the input code page, as chcp sets both").isEqualTo("65001");
        assertThat(wrapperLog()).doesNotContain("AppConsoleCodePage");
    }

    /**
     * The combination the docs promise: with {@code AppConsoleCodePage=65001} and {@code AppOutputCodePage} unset, a
     * program that writes in its console's code page ({@code cmd}'s {@code echo}, to the captured pipe) fills the
     * output file with UTF-8; without it, with the OEM code page's bytes.
     */
    @Test
    void withTheConsoleInUtf8AndTheOutputUnchangedTheFileIsUtf8() throws IOException {
        WindowsIt.assumeElevated();
        launcher = WindowsIt.realLauncher();
        name = WindowsIt.uniqueName("jsrvany-cp");
        Path work = Files.createDirectories(temp.resolve("work"));
        String system32 = Path.of(System.getenv().getOrDefault("SystemRoot", "C:\\windows"), "system32").toString();
        Harness.Result installed = run("install", name, Path.of(system32, "cmd.exe").toString(), "--start", "manual",
                "--dir", work.toString(), "--stdout", "out.log", "--arguments", "/c echo gr\u00fc\u00dfe& \""
                        + Path.of(system32, "ping.exe") + "\" -n 600 127.0.0.1 > nul");
        assertThat(installed.exit()).as(installed.toString()).isZero();
        Path out = work.resolve("out.log");

        byte[] oem = echoed(out);
        assertThat(run("set", name, "AppConsoleCodePage", "65001").exit()).isZero();
        Files.delete(out);
        byte[] utf8 = echoed(out);

        System.out.println("cmd's echo without AppConsoleCodePage: " + java.util.HexFormat.ofDelimiter(" ").formatHex(oem));
        assertThat(utf8).as("with AppConsoleCodePage=65001 and AppOutputCodePage unset: UTF-8, as the docs say")
                .isEqualTo("gr\u00fc\u00dfe\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(oem).as("without it: one byte per letter, in the console's OEM code page (437: \u00fc = 0x81,"
                + " \u00df = 0xE1), not UTF-8").hasSize(7).isNotEqualTo(utf8);
    }

    /** Starts the service, waits for cmd's line in the output file, stops the service; the file's bytes. */
    private byte[] echoed(Path out) throws IOException {
        Harness.Result started = run("start", name, "--timeout", "90s");
        assertThat(started.exit()).as(started.toString()).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(out) && Files.size(out) >= 7);
        Harness.Result stopped = run("stop", name);
        assertThat(stopped.exit()).as(stopped.toString()).isZero();
        return Files.readAllBytes(out);
    }

    /**
     * A code page this Windows does not have: the wrapper says so in its log with the failed call and its error,
     * and the program still starts, on a console with Windows' code page, and still stops on Ctrl+C.
     */
    @Test
    void aCodePageWindowsRefusesIsLoggedAndTheProgramStillStarts() throws IOException {
        Path work = install("--console-code-page", "9999");

        Properties seen = runOnce(work);

        assertThat(seen.getProperty("console.outputcp")).as("Windows' code page").isNotEqualTo("0").isNotEqualTo("9999");
        assertThat(wrapperLog()).contains("AppConsoleCodePage 9999 is not applied: the wrapper could not make the"
                + " program's console: SetConsoleCP(9999) failed", "error 87",
                "The program starts on a console as Windows creates it");
    }
}
