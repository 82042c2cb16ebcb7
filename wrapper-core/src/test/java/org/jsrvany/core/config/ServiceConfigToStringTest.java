package org.jsrvany.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A configuration printed by mistake must not carry environment values (AppEnvironmentFile holds secrets). */
class ServiceConfigToStringTest {

    @Test
    void toStringNamesTheVariablesButNeverTheirValues() {
        ServiceConfig config = new ServiceConfig("svc", Path.of("/bin/true"), "", Path.of("/"),
                new TreeMap<>(Map.of("DB_PASSWORD", "s3cret-value", "PATH", "/usr/bin")),
                new ExitActions(ExitAction.RESTART, Map.of()), Duration.ofMillis(1500), Duration.ZERO,
                new StopPolicy(Set.of(), Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1), true), null,
                PauseMode.SUSPEND, new WindowsOptions(false, 0x20, ""));

        assertThat(config.toString()).contains("DB_PASSWORD").doesNotContain("s3cret-value").doesNotContain("/usr/bin");
    }
}
