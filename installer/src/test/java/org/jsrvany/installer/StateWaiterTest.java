package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsrvany.core.service.RunState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateWaiterTest {
    @ParameterizedTest(name = "[{index}] to {0}, now {1}: {2}")
    @CsvSource({
        "RUNNING, RUNNING, REACHED",
        "RUNNING, START_PENDING, WAIT",
        "RUNNING, STOPPED, FAILED",
        "RUNNING, PAUSED, WAIT",
        "RUNNING, CONTINUE_PENDING, WAIT",
        "RUNNING, STOP_PENDING, WAIT",
        "STOPPED, STOPPED, REACHED",
        "STOPPED, RUNNING, WAIT",
        "STOPPED, STOP_PENDING, WAIT",
        "STOPPED, PAUSED, WAIT",
        "PAUSED, PAUSED, REACHED",
        "PAUSED, PAUSE_PENDING, WAIT",
        "PAUSED, RUNNING, WAIT",
        "PAUSED, STOPPED, FAILED",
    })
    void judge(RunState target, RunState now, StateWaiter.Verdict verdict) {
        assertThat(StateWaiter.judge(target, now)).isEqualTo(verdict);
    }

    /** A start: the states only reachable through RUNNING count as passed, so a missed RUNNING is still judged. */
    @ParameterizedTest(name = "[{index}] start, now {0}: {1}")
    @CsvSource({
        "RUNNING, REACHED",
        "START_PENDING, WAIT",
        "STOPPED, FAILED",
        "PAUSED, PASSED",
        "PAUSE_PENDING, PASSED",
        "CONTINUE_PENDING, PASSED",
        "STOP_PENDING, WAIT",
    })
    void judgeStart(RunState now, StateWaiter.Verdict verdict) {
        assertThat(StateWaiter.judge(RunState.RUNNING, now, StateWaiter.AFTER_RUNNING)).isEqualTo(verdict);
    }
}
