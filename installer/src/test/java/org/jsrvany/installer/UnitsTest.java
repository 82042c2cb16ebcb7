package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {
    @ParameterizedTest(name = "[{index}] {0} ({1}) = {2} ms")
    @CsvSource({
        "1500, ms, 1500", "1500ms, s, 1500", "2s, ms, 2000", "2, s, 2000", "1.5s, ms, 1500", "5m, ms, 300000",
        "5min, ms, 300000", "1h, s, 3600000", "1d, s, 86400000", "0, ms, 0", "' 3 s ', ms, 3000", "2S, ms, 2000",
    })
    void durations(String text, String bare, long millis) {
        assertThat(Units.duration(text, bare)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "-1s", "1w", "1e3", "s", "99999999999999999999d"})
    void notDurations(String text) {
        assertThat(Units.duration(text, "ms")).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0} = {1}")
    @CsvSource({"500, 500", "1K, 1024", "10M, 10485760", "10MB, 10485760", "1.5G, 1610612736", "5GiB, 5368709120",
        "2t, 2199023255552"})
    void sizes(String text, long bytes) {
        assertThat(Units.size(text)).isEqualTo(Optional.of(bytes));
    }

    @ParameterizedTest(name = "[{index}] {0} ms -> {1}")
    @CsvSource({"0, 0s", "1500, 1500ms", "2000, 2s", "60000, 1m", "5400000, 90m", "3600000, 1h", "86400000, 1d"})
    void exactFormsParseBack(long millis, String text) {
        assertThat(Units.exact(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(Units.duration(text, "ms")).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "[{index}] {0} ms -> {1}")
    @CsvSource({"1500, 1500 ms", "34000, 34 s", "5400000, 1 h 30 min", "90061000, 1 d 1 h 1 min", "120000, 2 min"})
    void humanForms(long millis, String text) {
        assertThat(Units.human(Duration.ofMillis(millis))).isEqualTo(text);
    }
}
