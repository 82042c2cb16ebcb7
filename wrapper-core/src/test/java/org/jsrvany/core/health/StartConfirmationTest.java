package org.jsrvany.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.health.StartConfirmation.Verdict;
import org.jsrvany.core.health.StartConfirmation.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When {@code jsrvany start} may say a service started. */
class StartConfirmationTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "stopped={0} readyCheck={1} exit={2} at +{3}ms -> {4}")
    @CsvSource({
            // stopped, readyCheck, exitCode (-1 none), nowMillis, verdict
            "false, false, -1, 0,    WAIT 1500",
            "false, false, -1, 1499, WAIT 1",
            "false, false, -1, 1500, CONFIRMED",
            "false, true,  -1, 0,    CONFIRMED", // RUNNING with a readiness check means ready
            "false, false, 3,  300,  EXITED 3", // the case: exits 300 ms after the start
            "false, true,  3,  10,   EXITED 3",
            "true,  false, -1, 300,  STOPPED",
            "true,  false, 3,  300,  STOPPED", // STOPPED wins: the SCM's code is explained, the exit code added
    })
    void table(boolean stopped, boolean readyCheck, long exit, long nowMillis, String expected) {
        Verdict v = StartConfirmation.judge(stopped, new Window(readyCheck, Duration.ofMillis(1500)), T0,
                exit < 0 ? OptionalLong.empty() : OptionalLong.of(exit), Optional.empty(), T0.plusMillis(nowMillis));
        String actual = v instanceof Verdict.Wait w ? "WAIT " + w.left().toMillis()
                : v instanceof Verdict.ProgramExited e ? "EXITED " + e.exitCode().getAsLong()
                : v instanceof Verdict.Stopped ? "STOPPED" : "CONFIRMED";
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void theWindowComesFromTheStoredParameters() {
        assertThat(Window.of(Map.of())).isEqualTo(new Window(false, Duration.ofMillis(1500)));
        assertThat(Window.of(Map.of(Param.APP_THROTTLE, new RawValue.Dword(5000),
                Param.APP_READY_CHECK, new RawValue.Text("tcp:h:1", false))))
                .isEqualTo(new Window(true, Duration.ofMillis(5000)));
        assertThat(Window.of(Map.of(Param.APP_READY_CHECK, new RawValue.Text(" ", false))).readyCheck()).isFalse();
        assertThat(Window.of(Map.of(Param.APP_THROTTLE, new RawValue.Text("0x10", false))).throttle())
                .isEqualTo(Duration.ofMillis(16));
    }
}
