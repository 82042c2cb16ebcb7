package org.jsrvany.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Capture of real child processes (the running JVM's java with {@link OutputChild}, and /bin/sh). */
class OutputCaptureProcessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static Process startChild(String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path classes = Path.of(OutputChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", classes.toString(),
                OutputChild.class.getName()));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        return process;
    }

    private static void finish(Process process, OutputCapture capture) throws Exception {
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("child exited").isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(capture.awaitDrained(WAIT)).as("drained").isTrue();
        capture.close();
    }

    /** Rotated files oldest first, then the current one, concatenated. */
    private static byte[] history(Path file) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (RotatedNames.Rotated r : RotatedNames.list(file)) {
            all.writeBytes(Files.readAllBytes(r.path()));
        }
        all.writeBytes(Files.readAllBytes(file));
        return all.toByteArray();
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void combinedTimestampedRotatedFileHoldsEveryLineOfBothStreamsOnceAndInOrder() throws Exception {
        int lines = 3000;
        int maxPayload = 6000; // beyond PIPE_BUF: the child's writes reach us split and interleaved
        Path log = dir.resolve("logs/service.log");
        OutputSettings settings = TestSettings.files(log, log).timestamps().rotateBytes(512 * 1024).build();
        OutputCapture capture = OutputCapture.open(settings, Clock.systemDefaultZone(), null, null);
        Process child = startChild(String.valueOf(lines), String.valueOf(maxPayload), "42");
        capture.attach(child.getInputStream(), child.getErrorStream());
        finish(child, capture);

        assertThat(capture.failure()).isEmpty();
        assertThat(RotatedNames.list(log)).hasSizeGreaterThan(5);
        Pattern stamped = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} [OE] \\d{6} [a-z]*\r?\n");
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String line : latin1(history(log)).split("(?<=\n)")) {
            assertThat(stamped.matcher(line).matches()).as("whole stamped line: %.60s", line).isTrue();
            String bare = line.substring(TimestampFormat.LENGTH);
            (bare.charAt(0) == 'O' ? out : err).append(bare);
        }
        assertThat(out.toString()).isEqualTo(latin1(OutputChild.content('O', lines, maxPayload, 0)));
        assertThat(err.toString()).isEqualTo(latin1(OutputChild.content('E', lines, maxPayload, 0)));
        for (RotatedNames.Rotated r : RotatedNames.list(log)) {
            assertThat(latin1(Files.readAllBytes(r.path()))).as(r.path().toString()).endsWith("\n");
        }
    }

    @Test
    void separateFilesHoldExactlyWhatTheChildWroteOverLongLinesIncluded() throws Exception {
        int lines = 2000;
        Path out = dir.resolve("out.log");
        Path err = dir.resolve("err.log");
        OutputCapture capture = OutputCapture.open(TestSettings.files(out, err).build(), Clock.systemUTC(), null, null);
        Process child = startChild(String.valueOf(lines), "3000", "7", "250");
        capture.attach(child.getInputStream(), child.getErrorStream());
        finish(child, capture);

        assertThat(capture.failure()).isEmpty();
        assertThat(Files.readAllBytes(out)).isEqualTo(OutputChild.content('O', lines, 3000, 250));
        assertThat(Files.readAllBytes(err)).isEqualTo(OutputChild.content('E', lines, 3000, 250));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aFailingFileNeverBlocksTheChild() throws Exception {
        // /dev/full fails every write with ENOSPC: the capture must keep draining the pipe
        OutputSettings settings = TestSettings.files(Path.of("/dev/full"), null).build();
        OutputCapture capture = OutputCapture.open(settings, Clock.systemUTC(), null, null);
        Process child = startChild("5000", "4000", "3"); // ~10 MB per stream, far beyond a pipe's buffer
        capture.attach(child.getInputStream(), child.getErrorStream());
        finish(child, capture);
        assertThat(capture.failure()).hasValueSatisfying(e -> assertThat(e).hasMessageContaining("space"));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void shellChildLinesArriveOnceAndInOrderInACombinedFile() throws Exception {
        Path log = dir.resolve("sh.log");
        OutputCapture capture = OutputCapture.open(TestSettings.files(log, log).build(), Clock.systemUTC(), null, null);
        Process child = new ProcessBuilder("/bin/sh", "-c",
                "i=0; while [ $i -lt 5000 ]; do echo \"out $i\"; echo \"err $i\" >&2; i=$((i+1)); done").start();
        child.getOutputStream().close();
        capture.attach(child.getInputStream(), child.getErrorStream());
        finish(child, capture);

        List<String> lines = Files.readAllLines(log, StandardCharsets.US_ASCII);
        assertThat(lines).hasSize(10_000);
        List<String> expectedOut = new ArrayList<>();
        List<String> expectedErr = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            expectedOut.add("out " + i);
            expectedErr.add("err " + i);
        }
        assertThat(lines.stream().filter(l -> l.startsWith("out ")).toList()).isEqualTo(expectedOut);
        assertThat(lines.stream().filter(l -> l.startsWith("err ")).toList()).isEqualTo(expectedErr);
    }
}
