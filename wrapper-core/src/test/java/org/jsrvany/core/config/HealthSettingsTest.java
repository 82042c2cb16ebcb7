package org.jsrvany.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The readiness, liveness and start-condition parameters through the one loader. */
class HealthSettingsTest {
    @TempDir
    Path dir;
    Path program;
    ConfigLoader loader;
    final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        program = dir.resolve("app.sh");
        Files.writeString(program, "#!/bin/sh\n");
        program.toFile().setExecutable(true);
        loader = new ConfigLoader(Map.of("PATH", "/usr/bin"), false, warnings::add);
    }

    private ServiceConfig load(String extra) throws Exception {
        Path file = dir.resolve("svc.properties");
        Files.writeString(file, "Application=./app.sh\n" + extra, StandardCharsets.UTF_8);
        return loader.load("svc", PropertiesSource.load(file));
    }

    private List<String> problems(String extra) {
        try {
            load(extra);
        } catch (ConfigException e) {
            return e.problems();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void everythingIsOffByDefault() throws Exception {
        assertThat(load("").health()).isEqualTo(HealthSettings.none());
        assertThat(HealthSettings.none().watchesOutput()).isFalse();
    }

    @Test
    void everyParameterIsRead() throws Exception {
        HealthSettings h = load("""
                AppReadyCheck=http://127.0.0.1:8080/health
                AppReadyTimeout=20000
                AppReadyTimeoutAction=run
                AppHealthCheck=cmd:check.exe --quick "a b"
                AppHealthInterval=1000
                AppHealthTimeout=300
                AppHealthFailures=2
                AppHealthSilence=600000
                AppStartCondition=tcp:db.example:5432
                AppStartConditionTimeout=9000
                """).health();
        assertThat(h.ready()).contains(new Check.Http(java.net.URI.create("http://127.0.0.1:8080/health")));
        assertThat(h.readyTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(h.readyTimeoutAction()).isEqualTo(HealthSettings.ReadyTimeoutAction.RUN);
        assertThat(h.health()).contains(new Check.Command("check.exe --quick \"a b\""));
        assertThat(h.healthInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(h.healthTimeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(h.healthFailures()).isEqualTo(2);
        assertThat(h.silence()).isEqualTo(Duration.ofMinutes(10));
        assertThat(h.startCondition()).contains(new Check.Tcp("db.example", 5432));
        assertThat(h.startConditionTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(h.watchesOutput()).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "tcp:127.0.0.1:8080        | tcp:127.0.0.1:8080",
            "TCP:[::1]:443             | tcp:[::1]:443",
            "https://svc.local/ready   | https://svc.local/ready",
            "file:ready.flag           | file:READY_FLAG",
            "output:Started .* in \\d+ | output:Started .* in \\d+",
    })
    void readyChecks(String text, String described) throws Exception {
        Check c = load("AppReadyCheck=" + text.replace("\\", "\\\\") + "\n").health().ready().orElseThrow();
        assertThat(c.describe()).isEqualTo(described.replace("READY_FLAG", dir.resolve("ready.flag").toString()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "AppReadyCheck=ready.flag | AppReadyCheck is 'ready.flag': expected tcp:HOST:PORT, http://URL or https://URL, file:PATH or output:REGEX (docs/readiness-health.md).",
            "AppReadyCheck=cmd:x.exe | AppReadyCheck is 'cmd:x.exe': expected tcp:HOST:PORT, http://URL or https://URL, file:PATH or output:REGEX (docs/readiness-health.md).",
            "AppHealthCheck=file:x | AppHealthCheck is 'file:x': expected tcp:HOST:PORT, http://URL or https://URL or cmd:COMMAND LINE (docs/readiness-health.md).",
            "AppStartCondition=http://x/ | AppStartCondition is 'http://x/': expected tcp:HOST:PORT (docs/readiness-health.md).",
            "AppReadyCheck=tcp:localhost | AppReadyCheck is 'tcp:localhost': expected tcp:HOST:PORT with a port from 1 to 65535, such as tcp:127.0.0.1:8080 (IPv6: tcp:[::1]:8080).",
            "AppReadyCheck=tcp:localhost:70000 | AppReadyCheck is 'tcp:localhost:70000': expected tcp:HOST:PORT with a port from 1 to 65535, such as tcp:127.0.0.1:8080 (IPv6: tcp:[::1]:8080).",
            "AppReadyCheck=http:///nohost | AppReadyCheck is 'http:///nohost': the URL has no host; expected http://HOST[:PORT]/PATH, such as http://127.0.0.1:8080/health.",
            "AppReadyCheck=output:( | AppReadyCheck is 'output:(': '(' is not a valid regular expression (Unclosed group near position 1).",
            "AppHealthCheck=cmd: | AppHealthCheck is 'cmd:': cmd: needs a command line, such as cmd:C:\\app\\check.exe --quick.",
            "AppReadyTimeoutAction=Later | AppReadyTimeoutAction is 'Later': expected Stop or Run.",
            "AppHealthFailures=0 | AppHealthFailures is 0: expected how many failed checks in a row restart the program (at least 1).",
            "AppHealthSilence=50 | AppHealthSilence is 50: expected 0 (off) or at least 100 milliseconds.",
    })
    void badValuesAreOneSentenceEach(String line, String sentence) {
        assertThat(problems(line + "\n")).containsExactly(sentence);
    }

    @Test
    void aTooShortIntervalIsRefusedOnlyWithACheck() throws Exception {
        assertThat(load("AppHealthInterval=10\n").health().health()).isEqualTo(Optional.empty());
        assertThat(problems("AppHealthCheck=tcp:h:1\nAppHealthInterval=10\n")).containsExactly("AppHealthInterval is 10:"
                + " expected at least 100 (milliseconds between two liveness checks).");
    }
}
