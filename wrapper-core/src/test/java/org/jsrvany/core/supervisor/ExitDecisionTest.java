package org.jsrvany.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The words of the exit's log line ("The child (pid N) exited with code C after T ms: ..."). */
class ExitDecisionTest {

    @Test
    void eachDecisionSaysWhatHappensNext() {
        assertThat(new ExitDecision.Restart(Duration.ZERO, 0)).hasToString("restart at once");
        assertThat(new ExitDecision.Restart(Duration.ofMillis(1500), 3))
                .hasToString("restart in 1500 ms (quick exits in a row: 3)");
        assertThat(new ExitDecision.Ignore()).hasToString("ignore (the service keeps running without the program)");
        assertThat(new ExitDecision.Exit(2)).hasToString("stop the service (exit code 2)");
        assertThat(new ExitDecision.NotReady()).hasToString("the start fails (the program exited before it was ready)");
        assertThat(new ExitDecision.Suicide(1))
                .hasToString("end without reporting STOPPED (exit code 1), so the recovery actions run");
    }
}
