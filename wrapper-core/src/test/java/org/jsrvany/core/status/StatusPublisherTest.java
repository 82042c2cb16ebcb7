package org.jsrvany.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

class StatusPublisherTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path dir;

    private Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    private PublishedStatus read(Path file) {
        return PublishedStatus.read(file).orElseThrow(() -> new AssertionError("no readable status file"));
    }

    @Test
    void publishesTheWrapperThenEachChildRunAndItsExit() {
        Path file = dir.resolve("state/svc.properties");
        MutableClock clock = new MutableClock(T0);
        StatusPublisher p = new StatusPublisher(file, "svc", 4242, clock);
        assertThat(read(file)).isEqualTo(new PublishedStatus("svc", 4242, T0, OptionalLong.empty(), Optional.empty(), 0,
                OptionalLong.empty(), Optional.empty(), T0));

        clock.now = T0.plusSeconds(1);
        p.childStarted(100, "\"app\"");
        assertThat(read(file).childPid()).hasValue(100);
        assertThat(read(file).restarts()).isZero();

        clock.now = T0.plusSeconds(5);
        p.childExited(100, -1, Duration.ofSeconds(4), new ExitDecision.Restart(Duration.ZERO, 0));
        PublishedStatus afterExit = read(file);
        assertThat(afterExit.childPid()).isEmpty();
        assertThat(afterExit.lastExitCode()).as("unsigned, as Windows shows it").hasValue(4294967295L);
        assertThat(afterExit.lastExitTime()).contains(T0.plusSeconds(5));

        p.childStarted(101, "\"app\"");
        assertThat(read(file).restarts()).isEqualTo(1);
        assertThat(read(file).childPid()).hasValue(101);

        clock.now = T0.plusSeconds(9);
        p.finished(new ServiceOutcome.StoppedOnRequest());
        PublishedStatus end = read(file);
        assertThat(end.childPid()).isEmpty();
        assertThat(end.updated()).isEqualTo(T0.plusSeconds(9));
        assertThat(end.wrapperStarted()).isEqualTo(T0);
    }

    @Test
    void lostOutputIsPublishedFromTheCaptureAtEachWrite() {
        Path file = dir.resolve("state/svc.properties");
        StatusPublisher p = new StatusPublisher(file, "svc", 4242, at(T0));
        long[] lost = {0};
        p.watchOutputLoss(() -> lost[0]);
        p.childStarted(100, "app");
        assertThat(read(file).outputBytesLost()).isZero();
        lost[0] = 12_345;
        p.childExited(100, 1, Duration.ofSeconds(1), new ExitDecision.Restart(Duration.ZERO, 0));
        assertThat(read(file).outputBytesLost()).isEqualTo(12_345);
        lost[0] = 20_000;
        p.finished(new ServiceOutcome.StoppedOnRequest());
        assertThat(read(file).outputBytesLost()).isEqualTo(20_000);
        StatusPublisher late = new StatusPublisher(dir.resolve("state/late.properties"), "late", 1, at(T0));
        late.watchOutputLoss(() -> 7);
        assertThat(read(dir.resolve("state/late.properties")).outputBytesLost()).as("written at once").isEqualTo(7);
    }

    @Test
    void aFileThatCannotBeWrittenNeverStopsTheService() throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        StatusPublisher p = new StatusPublisher(blocker.resolve("svc.properties"), "svc", 1, at(T0));
        p.childStarted(5, "x");
        p.finished(new ServiceOutcome.StoppedOnRequest());
        assertThat(blocker).hasContent("x");
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void aRestartWithADelayPublishesWhenItWillHappenUntilTheNextChildStarts() {
        Path file = dir.resolve("state/svc.properties");
        MutableClock clock = new MutableClock(T0);
        StatusPublisher p = new StatusPublisher(file, "svc", 4242, clock);
        p.childStarted(100, "\"app\"");
        clock.now = T0.plusSeconds(5);
        p.childExited(100, 1, Duration.ofSeconds(5), new ExitDecision.Restart(Duration.ofSeconds(12), 1));
        PublishedStatus waiting = read(file);
        assertThat(waiting.restartAt()).contains(T0.plusSeconds(17));
        assertThat(waiting.waitingText(T0.plusSeconds(5))).contains("waiting 12 s before restart 1 (last exit code 1)");
        assertThat(waiting.waitingText(T0.plusSeconds(20))).as("overdue").contains("waiting 0 s before restart 1 (last exit code 1)");

        p.childStarted(101, "\"app\"");
        assertThat(read(file).restartAt()).isEmpty();
        assertThat(read(file).waitingText(T0.plusSeconds(6))).isEmpty();

        p.childExited(101, 0, Duration.ofSeconds(5), new ExitDecision.Restart(Duration.ZERO, 0));
        assertThat(read(file).restartAt()).as("no wait").isEmpty();
        p.childExited(101, 2, Duration.ofSeconds(5), new ExitDecision.Restart(Duration.ofSeconds(3), 0));
        p.finished(new ServiceOutcome.StoppedOnRequest());
        assertThat(read(file).restartAt()).as("a stop during the wait ends it").isEmpty();
    }
}
