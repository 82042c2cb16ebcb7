package org.jsrvany.core.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublishedStatusTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private static PublishedStatus running() {
        return new PublishedStatus("My Service", 1234, T0, OptionalLong.of(5678), Optional.of(T0.plusSeconds(1)), 2,
                OptionalLong.of(0xFFFF_FFFFL), Optional.of(T0.plusSeconds(2)), T0.plusSeconds(3));
    }

    @Test
    void writeThenReadGivesTheSameStatus() throws IOException {
        Path file = PublishedStatus.file(dir, "My Service");
        running().write(file);
        assertThat(file).isEqualTo(dir.resolve("jsrvany").resolve("state").resolve("My Service").resolve("status.properties"));
        assertThat(PublishedStatus.read(file)).contains(running());
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void lostOutputIsWrittenAndReadAndAFileFromBeforeItExistedReadsAsNone() throws IOException {
        PublishedStatus lossy = new PublishedStatus("svc", 1, T0, OptionalLong.empty(), Optional.empty(), 0,
                OptionalLong.empty(), Optional.empty(), T0, 123_456_789_012L);
        Path file = dir.resolve("svc.properties");
        lossy.write(file);
        assertThat(Files.readString(file)).contains("outputBytesLost=123456789012");
        assertThat(PublishedStatus.read(file)).contains(lossy);

        Files.writeString(file, "format=1\nwrapperPid=12\nwrapperStarted=2025-03-01T10:00:00Z\nrestarts=2\n",
                StandardCharsets.UTF_8);
        assertThat(PublishedStatus.read(file).orElseThrow().outputBytesLost()).isZero();
        Files.writeString(file, "format=1\nwrapperPid=12\nwrapperStarted=2025-03-01T10:00:00Z\noutputBytesLost=-5\n",
                StandardCharsets.UTF_8);
        assertThat(PublishedStatus.read(file).orElseThrow().outputBytesLost()).as("malformed: absent").isZero();
        assertThatThrownBy(() -> new PublishedStatus("s", 1, T0, OptionalLong.empty(), Optional.empty(), 0,
                OptionalLong.empty(), Optional.empty(), T0, -1)).hasMessageContaining("outputBytesLost");
    }

    @Test
    void noChildRunningIsWrittenAsAbsentKeys() throws IOException {
        PublishedStatus idle = new PublishedStatus("svc", 1, T0, OptionalLong.empty(), Optional.empty(), 0,
                OptionalLong.empty(), Optional.empty(), T0);
        Path file = dir.resolve("svc.properties");
        idle.write(file);
        assertThat(Files.readString(file)).doesNotContain("childPid").doesNotContain("lastExitCode");
        assertThat(PublishedStatus.read(file)).contains(idle);
    }

    @Test
    void aMissingFileIsEmpty() {
        assertThat(PublishedStatus.read(dir.resolve("none.properties"))).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "format=1\\nwrapperStarted=2025-03-01T10:00:00Z",
        "format=1\\nwrapperPid=x\\nwrapperStarted=2025-03-01T10:00:00Z",
        "format=1\\nwrapperPid=12\\nwrapperStarted=yesterday",
        "format=2\\nwrapperPid=12\\nwrapperStarted=2025-03-01T10:00:00Z",
        "wrapperPid=12\\nwrapperStarted=2025-03-01T10:00:00Z",
        "\\u0000garbage",
    })
    void aMalformedFileIsEmpty(String text) throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, text.replace("\\n", "\n"), StandardCharsets.UTF_8);
        assertThat(PublishedStatus.read(file)).isEmpty();
    }

    @Test
    void malformedOptionalValuesAreTreatedAsAbsent() throws IOException {
        Path file = dir.resolve("partial.properties");
        Files.writeString(file, "format=1\nwrapperPid=12\nwrapperStarted=2025-03-01T10:00:00Z\nchildPid=abc\n"
                + "restarts=-3\nlastExitCode=99999999999\nupdated=soon\n", StandardCharsets.UTF_8);
        PublishedStatus s = PublishedStatus.read(file).orElseThrow();
        assertThat(s.wrapperPid()).isEqualTo(12);
        assertThat(s.childPid()).isEmpty();
        assertThat(s.restarts()).isZero();
        assertThat(s.lastExitCode()).isEmpty();
        assertThat(s.updated()).isEqualTo(T0);
    }

    @Test
    void invalidValuesAreRefusedWhenWriting() {
        assertThatThrownBy(() -> new PublishedStatus("s", 0, T0, OptionalLong.empty(), Optional.empty(), 0,
                OptionalLong.empty(), Optional.empty(), T0)).hasMessageContaining("wrapperPid");
        assertThatThrownBy(() -> new PublishedStatus("s", 1, T0, OptionalLong.empty(), Optional.empty(), 0,
                OptionalLong.of(-1), Optional.empty(), T0)).hasMessageContaining("lastExitCode");
    }
}
