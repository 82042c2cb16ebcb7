package org.jsrvany.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.jsrvany.core.config.HealthSettings.ReadyTimeoutAction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decisions of readiness, liveness, silence and the start condition, as tables. */
class HealthDecisionsTest {

    @ParameterizedTest(name = "passed={0} elapsed={1}ms timeout={2}ms action={3} -> {4}")
    @CsvSource({
            // passed, elapsed, timeout, action, decision
            "true,  0,     60000, STOP, READY",
            "true,  90000, 60000, STOP, READY",     // a late pass still counts: the program is ready now
            "false, 0,     60000, STOP, NOT_YET",
            "false, 59999, 60000, STOP, NOT_YET",
            "false, 60000, 60000, STOP, TIMED_OUT_STOP",
            "false, 60000, 60000, RUN,  TIMED_OUT_RUN",
            "false, 0,     0,     STOP, TIMED_OUT_STOP", // a zero timeout allows exactly one look
            "true,  0,     0,     RUN,  READY",
    })
    void readiness(boolean passed, long elapsed, long timeout, ReadyTimeoutAction action, Readiness.Decision expected) {
        assertThat(Readiness.decide(passed, Duration.ofMillis(elapsed), Duration.ofMillis(timeout), action))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "elapsed={0}ms timeout={1}ms -> next look in {2}ms")
    @CsvSource({"0, 60000, 250", "59900, 60000, 100", "60000, 60000, 0", "70000, 60000, 0"})
    void readinessLooksEvery250MsAndOnceAtTheTimeout(long elapsed, long timeout, long next) {
        assertThat(Readiness.nextProbeIn(Duration.ofMillis(elapsed), Duration.ofMillis(timeout)))
                .isEqualTo(Duration.ofMillis(next));
    }

    @ParameterizedTest(name = "before={0} passed={1} threshold={2} -> failures={3} restart={4}")
    @CsvSource({
            "0, true,  3, 0, false",
            "2, true,  3, 0, false", // a pass resets the count
            "0, false, 3, 1, false",
            "1, false, 3, 2, false",
            "2, false, 3, 3, true",
            "0, false, 1, 1, true",
            "5, false, 3, 6, true", // (never reached: a restart ends the run's checks)
    })
    void liveness(int before, boolean passed, int threshold, int failures, boolean restart) {
        assertThat(Liveness.decide(before, passed, threshold)).isEqualTo(new Liveness.Verdict(failures, restart));
    }

    @ParameterizedTest(name = "last output {0}ms ago, limit {1}ms -> silent too long: {2}")
    @CsvSource({"0, 1000, false", "999, 1000, false", "1000, 1000, true", "5000, 1000, true", "5000, 0, false"})
    void silence(long ago, long limit, boolean expected) {
        Instant now = Instant.parse("2026-01-01T00:00:10Z");
        assertThat(Liveness.silentTooLong(now.minusMillis(ago), now, Duration.ofMillis(limit))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "last output {0}ms ago, limit {1}ms -> look again in {2}ms")
    @CsvSource({"0, 1000, 1000", "700, 1000, 300", "990, 1000, 50", "2000, 1000, 50"})
    void silenceIsLookedAtWhenItWouldBeReached(long ago, long limit, long next) {
        Instant now = Instant.parse("2026-01-01T00:00:10Z");
        assertThat(Liveness.nextSilenceCheckIn(now.minusMillis(ago), now, Duration.ofMillis(limit)))
                .isEqualTo(Duration.ofMillis(next));
    }

    @ParameterizedTest(name = "passed={0} waited={1}ms timeout={2}ms -> {3}")
    @CsvSource({
            "true,  0,     60000, LAUNCH",
            "false, 0,     60000, WAIT",
            "false, 59999, 60000, WAIT",
            "false, 60000, 60000, LAUNCH_ANYWAY",
            "true,  60000, 60000, LAUNCH",
    })
    void startCondition(boolean passed, long waited, long timeout, StartGate.Decision expected) {
        assertThat(StartGate.decide(passed, Duration.ofMillis(waited), Duration.ofMillis(timeout))).isEqualTo(expected);
    }

}
