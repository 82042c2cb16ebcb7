package org.jsrvany.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class OutputSettingsTest {

    private static OutputSettings with(Duration minAge, long bytes, Duration period, int keep) {
        return new OutputSettings(Path.of("out.log"), null, true, true, false, true, minAge, true, bytes,
                period, keep);
    }

    @Test
    void zeroMeansNoneAndIsValid() {
        OutputSettings s = with(Duration.ZERO, 0, Duration.ZERO, 0);
        assertThat(s.rotateBytes()).isZero();
        assertThat(s.keep()).isZero();
    }

    @Test
    void negativeValuesAreRejectedNamingTheRegistryValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ofSeconds(-1), 0, Duration.ZERO, 0))
                .withMessageContaining("AppRotateSeconds").withMessageContaining("PT-1S");
        assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ZERO, -5, Duration.ZERO, 0))
                .withMessageContaining("AppRotateBytes").withMessageContaining("-5");
        assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ZERO, 0, Duration.ofMinutes(-1), 0))
                .withMessageContaining("AppRotatePeriod");
        assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ZERO, 0, Duration.ZERO, -1))
                .withMessageContaining("AppRotateKeep").withMessageContaining("-1");
    }

    @Test
    void missingDurationsAreRejectedNamingTheRegistryValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> with(null, 0, Duration.ZERO, 0))
                .withMessageContaining("AppRotateSeconds");
        assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ZERO, 0, null, 0))
                .withMessageContaining("AppRotatePeriod");
    }
}
