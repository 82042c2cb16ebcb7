package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"MyApp", "My App", "my-app_1.2", "Dienst-ü ✓", "a:b", "x$"})
    void valid(String name) {
        assertThat(ServiceNames.problem(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "a\\b", " x", "x ", "tab\there", "nl\n"})
    void invalid(String name) {
        assertThat(ServiceNames.problem(name)).isPresent();
    }

    @Test
    void lengthLimit() {
        assertThat(ServiceNames.problem("x".repeat(256))).isEmpty();
        assertThat(ServiceNames.problem("x".repeat(257))).get().asString().contains("at most 256");
        assertThat(ServiceNames.displayNameProblem("y".repeat(257))).isPresent();
        assertThat(ServiceNames.displayNameProblem("Mine & yours")).isEmpty();
    }
}
