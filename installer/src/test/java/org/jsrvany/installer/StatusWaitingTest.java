package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.jsrvany.core.status.PublishedStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code status} while the service waits before a restart: how long, which restart, the last exit code. */
class StatusWaitingTest extends HarnessTest {
    @BeforeEach
    void setUp() throws IOException {
        h.installed("MyApp");
        h.run("start", "MyApp");
        Instant now = h.clock.instant();
        Instant started = now.minus(Duration.ofMinutes(5));
        new PublishedStatus("MyApp", 4000, started, OptionalLong.empty(), Optional.empty(), 2, OptionalLong.of(1),
                Optional.of(now.minusSeconds(4)), now.minusSeconds(4), 0, Optional.of(now.plusSeconds(12)))
                .write(PublishedStatus.file(h.programData, "MyApp"));
    }

    @Test
    void theProgramLineSaysHowLongItWaitsAndHowToSkipIt() {
        Harness.Result r = h.run("status", "MyApp");
        assertThat(r.out()).contains("Program:     waiting 12 s before restart 3 (last exit code 1);"
                + " 'jsrvany continue MyApp' restarts it now");
    }

    @Test
    void jsonHasTheSameText() {
        Harness.Result r = h.run("status", "MyApp", "--json");
        assertThat(r.out()).contains("\"waiting\": \"waiting 12 s before restart 3 (last exit code 1)\"")
                .contains("\"restartAt\": \"" + h.clock.instant().plusSeconds(12) + "\"");
    }
}
