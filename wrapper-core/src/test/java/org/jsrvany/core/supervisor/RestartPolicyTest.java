package org.jsrvany.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.jsrvany.core.config.ExitAction;
import org.jsrvany.core.config.ExitActions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RestartPolicyTest {
    private static final Duration THROTTLE = Duration.ofMillis(1500);
    private static final ExitActions TABLE = new ExitActions(ExitAction.RESTART,
            Map.of(0, ExitAction.EXIT, 3, ExitAction.IGNORE, 9, ExitAction.SUICIDE, -1, ExitAction.EXIT));

    static Stream<Arguments> decisions() {
        return Stream.of(
                // exit code, run ms, unhealthy before, restart delay ms, expected decision
                Arguments.of(1, 5000, 0, 0, new ExitDecision.Restart(Duration.ZERO, 0)),
                Arguments.of(1, 5000, 4, 0, new ExitDecision.Restart(Duration.ZERO, 0)),
                Arguments.of(1, 5000, 4, 700, new ExitDecision.Restart(Duration.ofMillis(700), 0)),
                Arguments.of(1, 1499, 0, 0, new ExitDecision.Restart(Duration.ofSeconds(2), 1)),
                Arguments.of(1, 1500, 0, 0, new ExitDecision.Restart(Duration.ZERO, 0)),
                Arguments.of(1, 10, 1, 0, new ExitDecision.Restart(Duration.ofSeconds(4), 2)),
                Arguments.of(1, 10, 2, 0, new ExitDecision.Restart(Duration.ofSeconds(8), 3)),
                Arguments.of(1, 10, 6, 0, new ExitDecision.Restart(Duration.ofSeconds(128), 7)),
                Arguments.of(1, 10, 7, 0, new ExitDecision.Restart(Duration.ofSeconds(128), 8)),
                Arguments.of(1, 10, 50, 0, new ExitDecision.Restart(Duration.ofSeconds(128), 51)),
                Arguments.of(1, 10, 0, 10_000, new ExitDecision.Restart(Duration.ofSeconds(10), 1)),
                Arguments.of(1, 10, 3, 10_000, new ExitDecision.Restart(Duration.ofSeconds(16), 4)),
                Arguments.of(1, 10, 0, 500, new ExitDecision.Restart(Duration.ofSeconds(2), 1)),
                Arguments.of(0, 10, 5, 0, new ExitDecision.Exit(0)),
                Arguments.of(-1, 10, 5, 0, new ExitDecision.Exit(-1)),
                Arguments.of(3, 10, 5, 0, new ExitDecision.Ignore()),
                Arguments.of(9, 99999, 0, 0, new ExitDecision.Suicide(9)));
    }

    @ParameterizedTest(name = "exit {0} after {1} ms, {2} unhealthy before, delay {3} ms -> {4}")
    @MethodSource("decisions")
    void decidesLikeNssm(int code, long runMs, int unhealthyBefore, long delayMs, ExitDecision expected) {
        assertThat(RestartPolicy.decide(code, Duration.ofMillis(runMs), unhealthyBefore, TABLE, THROTTLE,
                Duration.ofMillis(delayMs))).isEqualTo(expected);
    }

    static Stream<Arguments> floor() {
        return Stream.of(
                // AppThrottle=0 (no back-off): run ms, restart delay ms, expected wait ms
                Arguments.of(0, 0, 100),
                Arguments.of(1, 0, 99),
                Arguments.of(30, 0, 70),
                Arguments.of(99, 0, 1),
                Arguments.of(100, 0, 0),
                Arguments.of(5000, 0, 0),
                Arguments.of(0, 50, 100),
                Arguments.of(0, 100, 100),
                Arguments.of(0, 500, 500),
                Arguments.of(60, 500, 500));
    }

    @ParameterizedTest(name = "AppThrottle=0: exit after {0} ms, delay {1} ms -> wait {2} ms")
    @MethodSource("floor")
    void startsAreAtLeastTheFloorApartWhateverTheSettings(long runMs, long delayMs, long waitMs) {
        assertThat(RestartPolicy.MIN_START_INTERVAL).isEqualTo(Duration.ofMillis(100));
        ExitActions restartAlways = new ExitActions(ExitAction.RESTART, Map.of());
        assertThat(RestartPolicy.decide(1, Duration.ofMillis(runMs), 0, restartAlways, Duration.ZERO,
                Duration.ofMillis(delayMs))).isEqualTo(new ExitDecision.Restart(Duration.ofMillis(waitMs), 0));
    }

    @ParameterizedTest(name = "back-off after {0} unhealthy runs is {1} s")
    @MethodSource("backoffs")
    void backoffDoublesFromTwoSecondsAndCapsAt128(int unhealthy, long seconds) {
        assertThat(RestartPolicy.backoff(unhealthy)).isEqualTo(Duration.ofSeconds(seconds));
    }

    static Stream<Arguments> backoffs() {
        return Stream.of(Arguments.of(0, 0), Arguments.of(1, 2), Arguments.of(2, 4), Arguments.of(3, 8),
                Arguments.of(4, 16), Arguments.of(5, 32), Arguments.of(6, 64), Arguments.of(7, 128),
                Arguments.of(8, 128), Arguments.of(1000, 128));
    }
}
