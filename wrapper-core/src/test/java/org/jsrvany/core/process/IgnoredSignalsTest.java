package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IgnoredSignalsTest {

    @ParameterizedTest(name = "SigIgn {0}: INT or TERM ignored = {1}")
    @CsvSource({
            "0000000000000000, false",
            "0000000000000001, false", // SIGHUP only (nohup)
            "0000000000000002, true", // SIGINT (a job started with & by a non-interactive shell)
            "0000000000004000, true", // SIGTERM
            "0000000000001000, false", // SIGPIPE only
            "0000000000000003, true", // nohup and &
            "8000000000000000, false", // the highest real-time signal
    })
    void theWrapperNeedsEnvOnlyWhenItIgnoresSigintOrSigterm(String sigIgn, boolean ignored) {
        String status = "Name:\tjava\nSigQ:\t0/63439\nSigPnd:\t0000000000000000\nSigBlk:\t0000000000000000\n"
                + "SigIgn:\t" + sigIgn + "\nSigCgt:\t0000000000000000\n";
        OptionalLong mask = IgnoredSignals.mask(status);
        assertThat(mask).isPresent();
        assertThat(IgnoredSignals.anyOf(mask.getAsLong(), LibC.SIGINT, LibC.SIGTERM)).isEqualTo(ignored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Name:\tjava\n", "SigIgn:\tnot-hex\n", ""})
    void aStatusWithoutAReadableMaskGivesNone(String status) {
        assertThat(IgnoredSignals.mask(status)).isEmpty();
    }
}
