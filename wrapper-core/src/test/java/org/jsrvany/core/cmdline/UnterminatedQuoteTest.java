package org.jsrvany.core.cmdline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnterminatedQuoteTest {
    @ParameterizedTest(name = "[{0}] unterminated: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'' | false",
        "'-x a b' | false",
        "'-x \"a b\"' | false",
        "'-x \"a b' | true",
        "'\"' | true",
        "'a\"b\"\" c' | false",
        "'\\\"a' | false",
        "'\\\\\"a' | true",
        "'\"a\" \"b' | true",
        "'\"a b\" c ' | false"})
    void findsAQuoteLeftOpen(String raw, boolean unterminated) {
        assertThat(WindowsCommandLine.hasUnterminatedQuote(raw)).isEqualTo(unterminated);
    }
}
