package org.jsrvany.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The wait after the supervisor restarted the program itself (a failed check, a schedule). */
class ForcedRestartTest {

    @ParameterizedTest(name = "run {0}ms, {1} unhealthy before, failed check={2}, delay {3}ms -> wait {4}ms, unhealthy {5}")
    @CsvSource({
            // runTime, unhealthyBefore, countsAsUnhealthy, restartDelay, wait, unhealthyAfter
            "60000, 0, false, 0,     0,      0", // a planned restart of a healthy run: at once
            "60000, 3, false, 0,     0,      0", // ... and it resets the back-off
            "60000, 0, false, 5000,  0,      0", // a planned restart does not wait AppRestartDelay
            "60000, 0, true,  0,     2000,   1", // a failed check is an unhealthy run: 2 s
            "60000, 1, true,  0,     4000,   2", // 4 s
            "60000, 6, true,  0,     128000, 7", // capped at 128 s
            "60000, 9, true,  0,     128000, 10",
            "60000, 1, true,  10000, 10000,  2", // the longer of back-off and AppRestartDelay
            "500,   0, false, 0,     2000,   1", // shorter than AppThrottle: unhealthy even when planned
            "30,    0, false, 0,     2000,   1",
    })
    void table(long runTime, int before, boolean failed, long delay, long wait, int after) {
        ExitDecision.Restart d = ForcedRestart.decide(Duration.ofMillis(runTime), before, failed, Duration.ofMillis(1500),
                Duration.ofMillis(delay));
        assertThat(d).isEqualTo(new ExitDecision.Restart(Duration.ofMillis(wait), after));
    }

    @org.junit.jupiter.api.Test
    void twoStartsAreAtLeastTheRestartFloorApartWithoutThrottle() {
        ExitDecision.Restart d = ForcedRestart.decide(Duration.ofMillis(30), 0, false, Duration.ZERO, Duration.ZERO);
        assertThat(d).isEqualTo(new ExitDecision.Restart(Duration.ofMillis(70), 0));
    }
}
