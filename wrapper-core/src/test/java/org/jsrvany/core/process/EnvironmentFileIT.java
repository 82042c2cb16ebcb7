package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.ConfigException;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.supervisor.DiscardOutput;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.Supervisor;
import org.jsrvany.core.supervisor.SupervisorListener;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code AppEnvironmentFile} with a real child that writes down its environment: the merge order with
 * {@code AppEnvironment} and {@code AppEnvironmentExtra}, the file read again at the next start, and
 * problems that name the line but never a value.
 */
@EnabledOnOs(OS.LINUX)
class EnvironmentFileIT {
    @TempDir
    Path dir;

    private MapSource fixture(Path dump) {
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), "org.jsrvany.samples.Fixture",
                "--exit-after", "0", "--dump", dump.toString()));
        return new MapSource("test").put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(args))
                .put(Param.APP_DIRECTORY, dir.toString())
                .exitAction("", "Exit");
    }

    private static ServiceConfig load(MapSource source) throws ConfigException {
        return new ConfigLoader(Map.of("PATH", "/usr/bin:/bin", "FROM_WRAPPER", "w"), false, w -> { }).load("it", source);
    }

    /** Runs the child once and returns the environment it saw. */
    private static Map<String, String> run(ServiceConfig config, Path dump) throws Exception {
        Files.deleteIfExists(dump);
        Supervisor s = Supervisor.create(config, ProcessControl.posix(), new DiscardOutput(), new SupervisorListener() {
            @Override
            public void stateChanged(org.jsrvany.core.supervisor.ServiceState state, Duration waitHint) {
            }
        }, Clock.systemUTC(), Scheduler.system());
        s.start();
        assertThat(s.outcome().get(60, TimeUnit.SECONDS)).isEqualTo(new ServiceOutcome.ChildExited(0));
        Properties seen = new Properties();
        try (Reader r = Files.newBufferedReader(dump, StandardCharsets.UTF_8)) {
            seen.load(r);
        }
        Map<String, String> env = new TreeMap<>();
        seen.stringPropertyNames().stream().filter(k -> k.startsWith("env."))
                .forEach(k -> env.put(k.substring(4), seen.getProperty(k)));
        return env;
    }

    @Test
    void theFileComesAfterAppEnvironmentAndBeforeAppEnvironmentExtraAndIsReadAtEveryStart() throws Exception {
        Path dump = dir.resolve("dump.properties");
        Files.writeString(dir.resolve("app.env"), "# secrets\nDB_PASSWORD=s3cr%et \"quoted\"\nOVERRIDDEN=file\n\nREF=%FROM_WRAPPER%\n");
        MapSource source = fixture(dump)
                .put(Param.APP_ENVIRONMENT, new RawValue.MultiText(List.of("LANG=C.UTF-8", "OVERRIDDEN=appenv", "KEPT=appenv")))
                .put(Param.APP_ENVIRONMENT_FILE, "app.env")
                .put(Param.APP_ENVIRONMENT_EXTRA, new RawValue.MultiText(List.of("URL=db:%DB_PASSWORD%", "KEPT=extra")));
        Map<String, String> env = run(load(source), dump);
        assertThat(env).containsExactlyInAnyOrderEntriesOf(Map.of("LANG", "C.UTF-8",
                "DB_PASSWORD", "s3cr%et \"quoted\"", // literal: no quotes removed, no % expanded
                "OVERRIDDEN", "file", // the file wins over AppEnvironment
                "REF", "%FROM_WRAPPER%", // never expanded
                "URL", "db:s3cr%et \"quoted\"", // AppEnvironmentExtra sees the file's values
                "KEPT", "extra")); // AppEnvironmentExtra wins over everything

        Files.writeString(dir.resolve("app.env"), "DB_PASSWORD=rotated\n");
        Map<String, String> next = run(load(source), dump);
        assertThat(next).as("read again at the next start").containsEntry("DB_PASSWORD", "rotated")
                .containsEntry("OVERRIDDEN", "appenv").doesNotContainKey("REF");
    }

    @Test
    void withoutAppEnvironmentTheFileIsAddedToTheWrappersEnvironment() throws Exception {
        Path dump = dir.resolve("dump.properties");
        Files.writeString(dir.resolve("app.env"), "TOKEN=t\r\nFROM_WRAPPER=file\r\n");
        Map<String, String> env = run(load(fixture(dump).put(Param.APP_ENVIRONMENT_FILE, dir.resolve("app.env").toString())), dump);
        assertThat(env).containsEntry("TOKEN", "t").containsEntry("FROM_WRAPPER", "file").containsEntry("PATH", "/usr/bin:/bin");
    }

    @Test
    void aMalformedOrMissingFileNamesTheLineButNeverAValue() throws IOException {
        Path dump = dir.resolve("dump.properties");
        Files.writeString(dir.resolve("app.env"), "GOOD=hunter2\nthis-line-is-secret-too\n =nameless-secret\n");
        assertThatThrownBy(() -> load(fixture(dump).put(Param.APP_ENVIRONMENT_FILE, "app.env")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Line 2 of AppEnvironmentFile " + dir.resolve("app.env") + " has no '='")
                .hasMessageContaining("Line 3 of")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("secret"));
        assertThatThrownBy(() -> load(fixture(dump).put(Param.APP_ENVIRONMENT_FILE, "missing.env")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AppEnvironmentFile " + dir.resolve("missing.env") + " does not exist");
    }
}
