package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.jsrvany.core.status.PublishedStatus;
import org.jsrvany.core.status.StatusMetrics;
import org.jsrvany.core.status.UserSessionStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code status} of an AppSession Console/Active service: the session and user, or that it waits for a logon. */
class StatusUserSessionTest extends HarnessTest {
    @BeforeEach
    void setUp() throws IOException {
        h.installed("Desk", "--session", "console");
        h.run("start", "Desk");
    }

    private void publish(OptionalLong child, Optional<UserSessionStatus> where) throws IOException {
        Instant now = h.clock.instant();
        Instant started = now.minus(Duration.ofMinutes(5));
        new PublishedStatus("Desk", 4000, started, child, child.isPresent() ? Optional.of(started) : Optional.empty(),
                0, OptionalLong.empty(), Optional.empty(), now, 0, Optional.empty(), StatusMetrics.NONE, where)
                .write(PublishedStatus.file(h.programData, "Desk"));
    }

    @Test
    void theSessionAndUserOfTheProgram() throws IOException {
        publish(OptionalLong.of(4242), Optional.of(UserSessionStatus.in("Console", 1, "PC\\alice")));
        Harness.Result r = h.run("status", "Desk");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Program:     pid 4242")
                .contains("Session:     session 1, user PC\\alice (AppSession Console)");
        Harness.Result j = h.run("status", "Desk", "--json");
        assertThat(j.out()).contains("\"appSession\": \"Console\"").contains("\"sessionWaiting\": false")
                .contains("\"sessionId\": 1").contains("\"sessionUser\": \"PC\\\\alice\"");
    }

    @Test
    void waitingForALogon() throws IOException {
        publish(OptionalLong.empty(), Optional.of(UserSessionStatus.waiting("Console")));
        Harness.Result r = h.run("status", "Desk");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Program:     not running: waiting for a user to log on")
                .contains("Session:     waiting for a logon (AppSession Console)")
                .doesNotContain("stopped by its exit action");
        Harness.Result j = h.run("status", "Desk", "--json");
        assertThat(j.out()).contains("\"appSession\": \"Console\"").contains("\"sessionWaiting\": true")
                .contains("\"sessionId\": null").contains("\"sessionUser\": null");
    }

    @Test
    void aServiceSessionProgramHasNoSessionLineAndNullKeys() throws IOException {
        publish(OptionalLong.of(4242), Optional.empty());
        Harness.Result r = h.run("status", "Desk");
        assertThat(r.out()).doesNotContain("Session:");
        assertThat(h.run("status", "Desk", "--json").out()).contains("\"appSession\": null")
                .contains("\"sessionWaiting\": null").contains("\"sessionId\": null");
    }
}
