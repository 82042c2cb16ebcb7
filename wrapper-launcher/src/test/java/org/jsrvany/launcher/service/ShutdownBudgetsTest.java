package org.jsrvany.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ShutdownBudgetsTest {

    @Test
    void waitToKillServiceTimeoutIsTheShutdownBudget() {
        assertThat(ShutdownBudgets.decide(Optional.of("20000"), false, OptionalLong.empty()).shutdown())
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(ShutdownBudgets.decide(Optional.of(" 5000 "), false, OptionalLong.empty()).shutdown())
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aMissingMalformedOrTinyTimeoutFallsBack() {
        assertThat(ShutdownBudgets.decide(Optional.empty(), false, OptionalLong.empty())).isEqualTo(ShutdownBudgets.defaults());
        assertThat(ShutdownBudgets.decide(Optional.of("soon"), false, OptionalLong.empty()).shutdown())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(ShutdownBudgets.decide(Optional.of("10"), false, OptionalLong.empty()).shutdown())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void preshutdownIsAcceptedOnlyWhenConfiguredAndThenUsesItsTimeout() {
        assertThat(ShutdownBudgets.decide(Optional.empty(), false, OptionalLong.of(10_000)).preshutdown())
                .as("Windows answers its default for every service: not configured").isEmpty();
        assertThat(ShutdownBudgets.decide(Optional.empty(), true, OptionalLong.of(30_000)).preshutdown())
                .contains(Duration.ofSeconds(30));
        assertThat(ShutdownBudgets.decide(Optional.empty(), true, OptionalLong.empty()).preshutdown())
                .as("configured but the query failed").isEmpty();
        assertThat(ShutdownBudgets.decide(Optional.empty(), true, OptionalLong.of(0)).preshutdown()).isEmpty();
    }

    @Test
    void theShutdownBudgetIsPositive() {
        assertThatThrownBy(() -> new ShutdownBudgets(Duration.ZERO, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
