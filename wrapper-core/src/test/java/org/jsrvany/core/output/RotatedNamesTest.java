package org.jsrvany.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RotatedNamesTest {

    private static final long MILLIS = Instant.parse("2024-05-01T13:45:12.345Z").toEpochMilli();

    @ParameterizedTest(name = "{0} -> [{1}] [{2}]")
    @CsvSource(value = {
            "app.log      | app      | .log",
            "app          | app      | ''",
            "app.2024.log | app.2024 | .log",
            ".hidden      | .hidden  | ''",
            "app.         | app      | .",
    }, delimiter = '|')
    void splitsAtTheLastDot(String name, String base, String ext) {
        assertThat(RotatedNames.split(name)).containsExactly(base, ext);
    }

    @ParameterizedTest(name = "{0} #{1} -> {2}")
    @CsvSource({
            "app.log, 0, app-20240501T134512.345.log",
            "app.log, 2, app-20240501T134512.345-2.log",
            "app,     0, app-20240501T134512.345",
            "a.b.txt, 1, a.b-20240501T134512.345-1.txt",
    })
    void rotatedNameIsUtcStampWithOptionalCounterBeforeTheExtension(String name, int counter, String expected) {
        Path file = Path.of("logs", name);
        assertThat(RotatedNames.rotatedPath(file, MILLIS, counter)).isEqualTo(Path.of("logs", expected));
    }

    @Test
    void parsesOnlyRotatedNamesOfThatFile() {
        Path file = Path.of("app.log");
        assertThat(RotatedNames.parse(file, Path.of("app-20240501T134512.345.log")))
                .hasValueSatisfying(r -> assertThat(r.counter()).isZero());
        assertThat(RotatedNames.parse(file, Path.of("app-20240501T134512.345-12.log")))
                .hasValueSatisfying(r -> assertThat(r.counter()).isEqualTo(12));
        for (String other : List.of("app.log", "app-notes.log", "app-20240501T134512.345.txt",
                "other-20240501T134512.345.log", "app-20240501T134512.345.log.bak", "app-2024050T134512.345.log",
                "app-20240501T134512.345-x.log")) {
            assertThat(RotatedNames.parse(file, Path.of(other))).as(other).isEmpty();
        }
    }

    @Test
    void listsOldestFirstWithCountersInNumericOrder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("app.log");
        for (String name : List.of("app-20240501T134512.345-10.log", "app-20240501T134512.345.log",
                "app-20240501T134512.345-9.log", "app-20230101T000000.000.log", "app-notes.log", "app.log")) {
            Files.writeString(dir.resolve(name), "x");
        }
        assertThat(RotatedNames.list(file)).extracting(r -> r.path().getFileName().toString()).containsExactly(
                "app-20230101T000000.000.log", "app-20240501T134512.345.log", "app-20240501T134512.345-9.log",
                "app-20240501T134512.345-10.log");
    }

    @Test
    void beyondKeepSelectsTheOldest() {
        List<RotatedNames.Rotated> five = List.of(r("1"), r("2"), r("3"), r("4"), r("5"));
        assertThat(RotatedNames.beyondKeep(five, 0)).isEmpty();
        assertThat(RotatedNames.beyondKeep(five, 5)).isEmpty();
        assertThat(RotatedNames.beyondKeep(five, 7)).isEmpty();
        assertThat(RotatedNames.beyondKeep(five, 2)).extracting(RotatedNames.Rotated::stamp)
                .containsExactly("1", "2", "3");
    }

    private static RotatedNames.Rotated r(String stamp) {
        return new RotatedNames.Rotated(Path.of(stamp), stamp, 0);
    }
}
