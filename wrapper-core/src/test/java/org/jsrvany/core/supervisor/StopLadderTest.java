package org.jsrvany.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jsrvany.core.config.StopPolicy;
import org.jsrvany.core.config.StopStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stop ladder as a table: a child that ignores every step (each wait runs out), the policy's
 * skip bits and waits, an optional shutdown budget, and which steps reached nobody. Each row lists
 * what the supervisor does, step by step: {@code STEP:waitMillis}, or {@code -STEP} for a step skipped
 * because the shutdown deadline had passed, and {@code left running} when TERMINATE was skipped.
 */
class StopLadderTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "skip {0}, waits {1}/{2}/{3}, budget {4}, not applicable {5}")
    @CsvSource(delimiter = '|', value = {
            // skip | console | window | threads | budget | not applicable | what happens
            "0  | 1500 | 1500 | 1500 |      |         | CONSOLE:1500 WINDOW:1500 THREADS:1500 TERMINATE:5000",
            "1  | 1500 | 1500 | 1500 |      |         | WINDOW:1500 THREADS:1500 TERMINATE:5000",
            "6  | 1500 | 1500 | 1500 |      |         | CONSOLE:1500 TERMINATE:5000",
            "8  | 1500 | 1500 | 1500 |      |         | CONSOLE:1500 WINDOW:1500 THREADS:1500 left running",
            "15 | 1500 | 1500 | 1500 |      |         | left running",
            "0  | 300  | 0    | 700  |      |         | CONSOLE:300 WINDOW:0 THREADS:700 TERMINATE:5000",
            // A step that reached nobody (no window, no thread took WM_QUIT) is not waited for.
            "0  | 1500 | 1500 | 1500 |      | WINDOW THREADS | CONSOLE:1500 WINDOW:0 THREADS:0 TERMINATE:5000",
            // Shutdown with 5 s: the ladder must end within 4 s; the third wait is cut, TERMINATE always comes.
            "0  | 1500 | 1500 | 1500 | 5000 |         | CONSOLE:1500 WINDOW:1500 THREADS:1000 TERMINATE:5000",
            // Shutdown with 2 s: 1 s for the first step, the others are skipped for time.
            "0  | 1500 | 1500 | 1500 | 2000 |         | CONSOLE:1000 -WINDOW -THREADS TERMINATE:5000",
            // A budget below the margin: straight to TERMINATE.
            "0  | 1500 | 1500 | 1500 | 500  |         | -CONSOLE -WINDOW -THREADS TERMINATE:5000",
            // Shutdown and TERMINATE skipped: the child is left running once the time is up.
            "8  | 1500 | 1500 | 1500 | 2000 |         | CONSOLE:1000 -WINDOW -THREADS left running"})
    void whatHappensWhenTheChildIgnoresEveryStep(int skip, long console, long window, long threads, Long budget,
                                                  String notApplicable, String expected) {
        StopPolicy policy = new StopPolicy(StopPolicy.skippedFromBits(skip), Duration.ofMillis(console),
                Duration.ofMillis(window), Duration.ofMillis(threads), true);
        Set<StopStep> missing = EnumSet.noneOf(StopStep.class);
        if (notApplicable != null) {
            for (String s : notApplicable.split(" ")) {
                missing.add(StopStep.valueOf(s));
            }
        }
        StopLadder ladder = new StopLadder(policy);
        Instant now = T0;
        if (budget != null) {
            ladder.fitInto(Duration.ofMillis(budget), now);
        }
        List<String> happened = new ArrayList<>();
        var next = ladder.next(now, s -> happened.add("-" + s));
        while (next.isPresent()) {
            StopStep step = next.get();
            Duration wait = ladder.waitAfter(step, !missing.contains(step), now);
            happened.add(step + ":" + wait.toMillis());
            if (step == StopStep.TERMINATE) {
                break;
            }
            now = now.plus(wait);
            final List<String> h = happened;
            next = ladder.next(now, s -> h.add("-" + s));
        }
        if (happened.isEmpty() || !happened.get(happened.size() - 1).startsWith("TERMINATE")) {
            happened.add("left running");
        }
        assertThat(String.join(" ", happened)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "skip {0} -> {1} ms")
    @CsvSource({"0, 9500", "1, 8000", "8, 9500", "15, 5000", "7, 5000"})
    void theWorstCaseIsEveryWaitNotSkippedPlusTheFinalGrace(int skip, long millis) {
        StopPolicy policy = new StopPolicy(StopPolicy.skippedFromBits(skip), Duration.ofMillis(1500),
                Duration.ofMillis(1500), Duration.ofMillis(1500), true);
        assertThat(StopLadder.worstCase(policy)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void aSecondShutdownOnlyEverShortensTheDeadline() {
        StopLadder ladder = new StopLadder(StopPolicy.defaults());
        assertThat(ladder.clamp(Duration.ofMinutes(1), T0)).as("no shutdown, no cut").isEqualTo(Duration.ofMinutes(1));
        ladder.fitInto(Duration.ofSeconds(10), T0);
        ladder.fitInto(Duration.ofSeconds(30), T0.plusSeconds(1));
        assertThat(ladder.clamp(Duration.ofMinutes(1), T0)).as("the first deadline holds").isEqualTo(Duration.ofSeconds(9));
        ladder.fitInto(Duration.ofSeconds(3), T0.plusSeconds(1));
        assertThat(ladder.clamp(Duration.ofMinutes(1), T0)).as("a tighter one wins").isEqualTo(Duration.ofSeconds(3));
        assertThat(ladder.clamp(Duration.ofSeconds(5), T0.plusSeconds(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(ladder.clamp(Duration.ofSeconds(5), T0.plusSeconds(4))).isZero();
    }

    @Test
    void theWaitHintCoversWhatIsLeft() {
        StopLadder ladder = new StopLadder(StopPolicy.defaults());
        assertThat(ladder.remainingTime()).isEqualTo(Duration.ofMillis(9500));
        ladder.next(T0, s -> { });
        assertThat(ladder.remainingTime()).isEqualTo(Duration.ofMillis(8000));
    }
}
