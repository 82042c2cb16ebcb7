package org.jsrvany.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Output folders are made when the capture opens its files, before the program starts (that is the first
 * start's check), and removed again if that open fails or the program never ran.
 */
class OutputFoldersTest {
    @TempDir
    Path dir;

    private OutputCapture open(Path stdout) throws IOException {
        return OutputCapture.open(TestSettings.files(stdout, null).build(), Clock.systemUTC(), null, null);
    }

    @Test
    void aCaptureClosedBeforeAnyRunLeavesNoFolder() throws Exception {
        Path log = dir.resolve("logs/deeper/out.log");
        OutputCapture unused = open(log);
        unused.close();
        assertThat(dir.resolve("logs")).as("a launch that fails leaves no folder").doesNotExist();
        assertThat(dir).isEmptyDirectory();
        try (OutputCapture capture = open(log)) {
            capture.attach(new ByteArrayInputStream("x\n".getBytes(StandardCharsets.UTF_8)), null);
            assertThat(capture.awaitDrained(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(log).hasContent("x");
    }

    @Test
    void foldersMadeForAFileThatCannotBeOpenedAreRemovedAgain() throws Exception {
        Path log = dir.resolve("new/deeper/" + "x".repeat(300) + ".log"); // a name longer than any file system allows
        assertThatThrownBy(() -> open(log))
                .isInstanceOf(IOException.class).hasMessageContaining("File name too long");
        assertThat(dir.resolve("new")).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    static Stream<Arguments> reasons() {
        return Stream.of(
                Arguments.of(new AccessDeniedException("/proc/x.log"), "/proc/x.log: permission denied"),
                Arguments.of(new NoSuchFileException("/a/b.log"), "/a/b.log: a folder above it does not exist"),
                Arguments.of(new FileAlreadyExistsException("/a/file"), "/a/file: a file of that name is in the way of a folder"),
                Arguments.of(new FileSystemException("/a/b/c.log", null, "Not a directory"), "/a/b/c.log: Not a directory"),
                Arguments.of(new IOException("disk on fire"), "/given.log: disk on fire"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("reasons")
    void aFailureSaysWhyNotOnlyWhere(IOException e, String expected) {
        assertThat(FileSink.explained(Path.of("/given.log"), e)).hasMessage(expected).hasCause(e);
    }

    @Test
    void aFileInTheWayOfAFolderIsNamed() throws Exception {
        Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> open(dir.resolve("plain/sub/out.log")))
                .isInstanceOf(IOException.class).hasMessageContaining(dir.resolve("plain").toString());
    }
}
