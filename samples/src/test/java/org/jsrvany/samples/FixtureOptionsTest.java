package org.jsrvany.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jsrvany.samples.FixtureOptions.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FixtureOptionsTest {

    private static FixtureOptions parse(String... args) throws UsageException {
        return FixtureOptions.parse(List.of(args));
    }

    @Test
    void noFlagsMeansOneShotExitZero() throws UsageException {
        FixtureOptions options = parse();
        assertThat(options.exitCode()).isZero();
        assertThat(options.exitAfterMillis()).isEmpty();
        assertThat(options.longRunning()).isFalse();
        assertThat(options.lines()).isZero();
        assertThat(options.errLines()).isZero();
    }

    @Test
    void everyFlagIsParsed() throws UsageException {
        FixtureOptions options = parse("--exit-after", "10", "--exit-code", "-3", "--sleep-forever",
                "--ignore-sigint", "--ignore-sigterm", "--spawn-grandchildren", "2", "--pids-file", "p",
                "--lines", "4", "--err-lines", "5", "--line-interval", "6", "--tick", "7", "--tick-file", "t",
                "--flood", "8", "--flood-no-newline", "9", "--dump", "d", "--shutdown-marker", "m", "--http", "0",
                "--state-file", "s", "--start-delay", "11", "--hang-after", "12");
        assertThat(options).isEqualTo(new FixtureOptions(OptionalLong.of(10), -3, true, true, true,
                OptionalInt.of(2), Optional.of(Path.of("p")), 4, 5, 6, OptionalLong.of(7), Optional.of(Path.of("t")),
                OptionalLong.of(8), OptionalLong.of(9), Optional.of(Path.of("d")), Optional.of(Path.of("m")),
                OptionalInt.of(0), Optional.of(Path.of("s")), OptionalLong.of(11), OptionalLong.of(12)));
    }

    @ParameterizedTest
    @CsvSource({
        "--sleep-forever, true",
        "--tick 5, true",
        "--http 0, true",
        "--spawn-grandchildren 0, true",
        "--lines 3, false",
        "--flood 10, false",
        "--dump d, false",
        "--exit-after 5, false",
    })
    void longRunningFlags(String args, boolean longRunning) throws UsageException {
        assertThat(parse(args.split(" ")).longRunning()).isEqualTo(longRunning);
    }

    @Test
    void everythingAfterDoubleDashIsIgnored() throws UsageException {
        FixtureOptions options = parse("--lines", "1", "--", "--lines", "oops", "free text");
        assertThat(options.lines()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--bogus                | unknown flag '--bogus'",
        "positional             | unknown flag 'positional'",
        "--lines                | --lines needs a value",
        "--lines x              | --lines: not a whole number: 'x'",
        "--lines -1             | --lines: -1 is outside 0..2147483647",
        "--exit-code 4294967296 | --exit-code: 4294967296 is outside -2147483648..2147483647",
        "--http 65536           | --http: 65536 is outside 0..65535",
        "--tick 0               | --tick: 0 is outside 1..9223372036854775807",
        "--tick-file t          | --tick-file needs --tick",
        "--lines 1 --lines 2    | --lines given twice",
    })
    void malformedCommandLinesAreRejectedWithOneLine(String args, String message) {
        assertThatThrownBy(() -> parse(args.split(" ")))
                .isInstanceOf(UsageException.class)
                .hasMessage(message);
    }

    @Test
    void emptyPathIsRejected() {
        assertThatThrownBy(() -> parse("--dump", "")).isInstanceOf(UsageException.class)
                .hasMessage("--dump: empty path");
    }
}
