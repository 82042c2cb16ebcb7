package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeSet;
import org.jsrvany.core.win32.WindowsTestSupport;
import org.jsrvany.samples.Fixture;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch sequence the supervisor uses: {@code CreateProcessW} suspended with our own
 * environment block, directory and raw command line, into a kill-on-close job, then resumed.
 * The child is the samples fixture, which dumps what it received.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(120)
class ChildProcessWindowsIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String UNICODE = "ünïcødé ✓ 中文";

    @TempDir
    Path temp;

    @Test
    void childGetsExactlyTheCommandLineEnvironmentAndDirectory() throws Exception {
        Path workDir = Files.createDirectories(temp.resolve("work dir with spaces"));
        Path dump = temp.resolve("dump.properties");
        // Built by hand: srvany passes "Application" AppParameters raw; the child (a Java
        // launcher) splits it by the CommandLineToArgvW rules. `--` ends the fixture's flags.
        String commandLine = quote(FixtureCommand.javaExecutable().toString())
                + " -cp " + quote(FixtureCommand.classpath()) + " " + Fixture.class.getName()
                + " --dump " + quote(dump.toString()) + " --exit-code 7 -- a \"b c\" \"d\\\"e\"";
        Map<String, String> given = new LinkedHashMap<>(windowsBasics());
        given.put("JSRVANY_PLAIN", "1");
        given.put("jsrvany_Mixed_Case", "Mixed");
        given.put("JSRVANY_SPACES", "  x  y  ");
        given.put("JSRVANY_EQUALS", "a=b=c");
        given.put("JSRVANY_UNICODE", UNICODE);

        OptionalInt exit;
        try (JobObject job = JobObject.createKillOnClose();
                ProcessHandleW child = ProcessHandleW.startSuspended(commandLine,
                        EnvironmentBlock.of(given), workDir.toString())) {
            try {
                job.assign(child);
                assertThat(child.waitFor(Duration.ofMillis(300))).as("suspended child has not run").isEmpty();
                assertThat(dump).as("suspended child wrote nothing").doesNotExist();
                child.resume();
                exit = child.waitFor(BOUND);
            } finally {
                terminateIfRunning(child);
            }
        }

        assertThat(exit).as("fixture exit code").hasValue(7);
        Properties p = WindowsTestSupport.load(dump);
        assertThat(arguments(p)).containsExactly(
                "--dump", dump.toString(), "--exit-code", "7", "--", "a", "b c", "d\"e");
        assertThat(Path.of(p.getProperty("cwd"))).isEqualTo(workDir.toAbsolutePath().normalize());
        given.forEach((name, value) ->
                assertThat(p.getProperty("env." + name)).as("variable %s in the child", name).isEqualTo(value));
        assertOnlyGivenVariables(p, given);
    }

    @Test
    void closingTheJobHandleKillsTheChild() throws Exception {
        Path ready = temp.resolve("ready.txt");
        String commandLine = quote(FixtureCommand.javaExecutable().toString())
                + " -cp " + quote(FixtureCommand.classpath()) + " " + Fixture.class.getName()
                + " --sleep-forever --pids-file " + quote(ready.toString());

        JobObject job = JobObject.createKillOnClose();
        try (ProcessHandleW child = ProcessHandleW.startSuspended(commandLine,
                EnvironmentBlock.of(windowsBasics()), temp.toString())) {
            try {
                job.assign(child);
                child.resume();
                awaitFileWhileRunning(child, ready);
                assertThat(child.waitFor(Duration.ZERO)).as("sleeping child still runs").isEmpty();

                job.close();

                assertThat(child.waitFor(BOUND)).as("child ended when the job handle closed").isPresent();
            } finally {
                job.close();
                terminateIfRunning(child);
            }
        }
    }

    /**
     * What a Windows JVM needs from its environment: without SystemRoot it cannot start some of
     * its native parts, without TEMP/TMP JNA unpacks into the Windows folder.
     */
    private static Map<String, String> windowsBasics() {
        Map<String, String> basics = new LinkedHashMap<>();
        for (String name : List.of("SystemRoot", "TEMP", "TMP")) {
            String value = System.getenv(name);
            if (value != null) {
                basics.put(name, value);
            }
        }
        return basics;
    }

    /**
     * On Windows the child's environment is exactly the block. Wine adds {@code SystemDrive} and
     * several {@code WINE*} variables to every child (measured, see
     * shared/reference/wine-api-support.md): there only those extras are allowed.
     */
    private static void assertOnlyGivenVariables(Properties dump, Map<String, String> given) {
        TreeSet<String> extra = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String key : dump.stringPropertyNames()) {
            if (key.startsWith("env.")) {
                extra.add(key.substring(4));
            }
        }
        extra.removeAll(given.keySet());
        if (WindowsTestSupport.isWine()) {
            assertThat(extra)
                    .as("Wine differs from Windows: it adds SystemDrive and WINE* variables to every "
                            + "child; nothing else may appear")
                    .allMatch(name -> name.equalsIgnoreCase("SystemDrive")
                            || name.toUpperCase(java.util.Locale.ROOT).startsWith("WINE"));
        } else {
            assertThat(extra).as("variables the child has but was not given").isEmpty();
        }
    }

    private static List<String> arguments(Properties dump) {
        int argc = Integer.parseInt(dump.getProperty("argc"));
        List<String> args = new ArrayList<>();
        for (int i = 0; i < argc; i++) {
            args.add(dump.getProperty("arg." + i));
        }
        return args;
    }

    private static void awaitFileWhileRunning(ProcessHandleW child, Path file) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!Files.exists(file)) {
            OptionalInt exit = child.waitFor(Duration.ofMillis(50));
            if (exit.isPresent()) {
                fail("child exited with %d before writing %s", exit.getAsInt(), file);
            }
            if (System.nanoTime() - deadline > 0) {
                fail("child did not write %s within %s", file, BOUND);
            }
        }
    }

    private static void terminateIfRunning(ProcessHandleW child) {
        if (child.waitFor(Duration.ZERO).isEmpty()) {
            child.terminate(1);
        }
    }

    /** A path in double quotes; our test paths end with no backslash, so no escaping is needed. */
    private static String quote(String path) {
        assertThat(path).doesNotContain("\"").doesNotEndWith("\\");
        return "\"" + path + "\"";
    }
}
