package org.jsrvany.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForegroundTest {

    @ParameterizedTest(name = "{0} -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "0          | ''",
            "1          | ' 1 byte of the program''s output could not be written (see the log above).'",
            "1048576    | ' 1048576 bytes of the program''s output could not be written (see the log above).'",
    })
    void theEndedLineSaysHowMuchOutputWasLost(long bytes, String text) {
        assertThat(Foreground.lostOutput(bytes)).isEqualTo(text);
    }
}
