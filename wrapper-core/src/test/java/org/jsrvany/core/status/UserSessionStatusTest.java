package org.jsrvany.core.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import org.jsrvany.core.supervisor.ExitDecision;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AppSession keys of the published status: where the program runs, or that it waits for a logon. */
class UserSessionStatusTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    @TempDir
    Path dir;

    private static PublishedStatus with(Optional<UserSessionStatus> where) {
        return new PublishedStatus("svc", 1234, T0, OptionalLong.of(5678), Optional.of(T0.plusSeconds(1)), 0,
                OptionalLong.empty(), Optional.empty(), T0.plusSeconds(2), 0, Optional.empty(), StatusMetrics.NONE,
                where);
    }

    @Test
    void aSessionAndItsUserAreWrittenAndReadBack() throws IOException {
        Path file = dir.resolve("status.properties");
        PublishedStatus running = with(Optional.of(UserSessionStatus.in("Console", 1, "PC\\alice")));
        running.write(file);
        assertThat(Files.readString(file)).contains("appSession=Console").contains("sessionId=1")
                .contains("sessionUser=PC\\\\alice");
        assertThat(PublishedStatus.read(file)).contains(running);
        assertThat(PublishedStatus.read(file).orElseThrow().userSession().orElseThrow().text())
                .isEqualTo("session 1, user PC\\alice (AppSession Console)");
    }

    @Test
    void waitingForALogonIsTheModeWithoutSession() throws IOException {
        Path file = dir.resolve("status.properties");
        PublishedStatus waiting = with(Optional.of(UserSessionStatus.waiting("Active")));
        waiting.write(file);
        assertThat(Files.readString(file)).contains("appSession=Active").doesNotContain("sessionId")
                .doesNotContain("sessionUser");
        UserSessionStatus read = PublishedStatus.read(file).orElseThrow().userSession().orElseThrow();
        assertThat(read.waiting()).isTrue();
        assertThat(read.text()).isEqualTo("waiting for a logon (AppSession Active)");
    }

    @Test
    void aServiceSessionProgramWritesNoSessionKeysAndTheOldConstructorsMeanNone() throws IOException {
        Path file = dir.resolve("status.properties");
        with(Optional.empty()).write(file);
        assertThat(Files.readString(file)).doesNotContain("appSession").doesNotContain("sessionId");
        assertThat(PublishedStatus.read(file).orElseThrow().userSession()).isEmpty();
        assertThat(new PublishedStatus("svc", 1, T0, OptionalLong.empty(), Optional.empty(), 0, OptionalLong.empty(),
                Optional.empty(), T0, 0, Optional.empty(), StatusMetrics.NONE).userSession()).isEmpty();
        assertThat(with(null).userSession()).as("null reads as none").isEmpty();
    }

    @Test
    void malformedKeysReadDefensively() throws IOException {
        Path file = dir.resolve("status.properties");
        String base = "format=1\nwrapperPid=12\nwrapperStarted=2026-12-04T10:00:00Z\n";
        Files.writeString(file, base + "sessionId=3\nsessionUser=PC\\\\bob\n", StandardCharsets.UTF_8);
        assertThat(PublishedStatus.read(file).orElseThrow().userSession()).as("no appSession: not a user-session service")
                .isEmpty();
        Files.writeString(file, base + "appSession=  \nsessionId=3\n", StandardCharsets.UTF_8);
        assertThat(PublishedStatus.read(file).orElseThrow().userSession()).as("blank appSession").isEmpty();
        Files.writeString(file, base + "appSession=Console\nsessionId=three\nsessionUser=PC\\\\bob\n",
                StandardCharsets.UTF_8);
        assertThat(PublishedStatus.read(file).orElseThrow().userSession()).as("malformed id: waiting")
                .contains(UserSessionStatus.waiting("Console"));
        Files.writeString(file, base + "appSession=Console\nsessionId=-1\n", StandardCharsets.UTF_8);
        assertThat(PublishedStatus.read(file).orElseThrow().userSession()).as("negative id: waiting")
                .contains(UserSessionStatus.waiting("Console"));
        Files.writeString(file, base + "appSession=Active\nsessionId=2\n", StandardCharsets.UTF_8);
        assertThat(PublishedStatus.read(file).orElseThrow().userSession().orElseThrow().text())
                .as("a session without its user").isEqualTo("session 2 (AppSession Active)");
    }

    @Test
    void invalidValuesAreRefused() {
        assertThatThrownBy(() -> UserSessionStatus.waiting(" ")).hasMessageContaining("AppSession");
        assertThatThrownBy(() -> new UserSessionStatus("Console", OptionalLong.of(-2), Optional.empty()))
                .hasMessageContaining("session");
    }

    @Test
    void thePublisherWritesWhereTheProgramRunsAndKeepsItAcrossLaterWrites() {
        Path file = dir.resolve("state/svc.properties");
        StatusPublisher p = new StatusPublisher(file, "svc", 4242, Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(read(file).userSession()).isEmpty();

        p.userSession(UserSessionStatus.waiting("Console"));
        assertThat(read(file).userSession()).contains(UserSessionStatus.waiting("Console"));

        p.userSession(UserSessionStatus.in("Console", 2, "PC\\alice"));
        p.childStarted(100, "app");
        assertThat(read(file).userSession()).contains(UserSessionStatus.in("Console", 2, "PC\\alice"));
        assertThat(read(file).childPid()).hasValue(100);

        p.childEndedWithSession(100, java.util.OptionalInt.empty());
        p.userSession(UserSessionStatus.waiting("Console"));
        assertThat(read(file).childPid()).isEmpty();
        assertThat(read(file).userSession()).contains(UserSessionStatus.waiting("Console"));

        p.userSession(UserSessionStatus.in("Console", 3, "PC\\bob"));
        p.childStarted(101, "app");
        p.childExited(101, 1, Duration.ofSeconds(1), new ExitDecision.Restart(Duration.ZERO, 0));
        assertThat(read(file).userSession()).as("a crash in the session keeps it")
                .contains(UserSessionStatus.in("Console", 3, "PC\\bob"));
        p.finished(new ServiceOutcome.StoppedOnRequest());
        assertThat(read(file).userSession()).contains(UserSessionStatus.in("Console", 3, "PC\\bob"));
    }

    private static PublishedStatus read(Path file) {
        return PublishedStatus.read(file).orElseThrow(() -> new AssertionError("no readable status file"));
    }
}
