package org.jsrvany.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link FileSink} whose full buffers are written behind, on a thread of its own ({@link WriteBehind}),
 * driven by a real {@link LineMux} with far more output than one buffer holds: the files hold every line
 * once, whole, in order, rotated before exactly the line that would pass the limit; a failure of a write
 * behind is reported once and every byte it kept from the file is counted as lost; close waits for the
 * writer and ends its thread.
 */
class FileSinkWriteBehindTest {

    private static final String PREFIX = "2024-05-01T13:45:12.345 ";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T13:45:12.345Z"), ZoneOffset.UTC);
    private final List<IOException> failures = new ArrayList<>();

    /** Lines "1\n" to "n\n" in reads of 256 KiB, as the pump hands them over. */
    private static void feedNumbers(LineMux mux, LineMux.Source source, int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            text.append(i).append('\n');
            if (text.length() >= Pump.READ_SIZE - 16 || i == n) {
                byte[] read = text.toString().getBytes(StandardCharsets.US_ASCII);
                mux.accept(source, read, 0, read.length, i < n); // "more waiting": full buffers, no flush
                text.setLength(0);
            }
        }
    }

    private List<Path> filesOldestFirst(Path log) throws IOException {
        List<Path> rotated;
        try (Stream<Path> s = Files.list(dir)) {
            rotated = new ArrayList<>(s.filter(p -> !p.equals(log) && p.getFileName().toString().startsWith("behind-rotated"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().length())
                            .thenComparing(p -> p.getFileName().toString()))
                    .toList());
        }
        rotated.add(log);
        return rotated;
    }

    /** Whether the writer thread of the file named {@code fileName} runs (names are unique to this class). */
    private static boolean writerThreadAlive(String fileName) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("jsrvany-output-writer " + fileName) && t.isAlive());
    }

    @Test
    void manyBuffersOfStampedLinesReachTheFilesInOrderRotatedBeforeTheLineThatWouldPassTheLimit() throws Exception {
        Path log = dir.resolve("behind-rotated.log");
        long limit = 3 * FileSink.BUFFER_SIZE + 12_345; // several buffers written behind per file
        FileSink sink = new FileSink(log, false, TestSettings.files(log, null).rotateBytes(limit).build(), false);
        LineMux mux = new LineMux(sink, clock, new TimestampFormat(ZoneOffset.UTC), failures::add, "\n");
        LineMux.Source source = mux.newSource("stdout");
        mux.open();
        int lines = 1_000_000; // about 31 MB with the prefixes: some 60 buffers
        feedNumbers(mux, source, lines);
        mux.close();

        assertThat(failures).isEmpty();
        assertThat(mux.bytesLost()).isZero();
        assertThat(writerThreadAlive("behind-rotated.log")).as("close ended the writer thread").isFalse();
        List<Path> files = filesOldestFirst(log);
        assertThat(files).hasSizeGreaterThan(15);
        long expected = 1;
        for (int f = 0; f < files.size(); f++) {
            byte[] content = Files.readAllBytes(files.get(f));
            assertThat((long) content.length).as("%s within the limit", files.get(f)).isLessThanOrEqualTo(limit);
            String text = new String(content, StandardCharsets.US_ASCII);
            for (String line : text.split("\n")) {
                assertThat(line).as("line %d in %s", expected, files.get(f)).isEqualTo(PREFIX + expected);
                expected++;
            }
            if (f < files.size() - 1) {
                long nextLine = PREFIX.length() + Long.toString(expected).length() + 1;
                assertThat(content.length + nextLine).as("%s is full: the next line would have passed the limit",
                        files.get(f)).isGreaterThan(limit);
            }
        }
        assertThat(expected - 1).as("every line once").isEqualTo(lines);
    }

    /**
     * {@code /dev/full} takes nothing ("no space left on device"): the first buffer written behind fails on
     * the writer thread. The failure is reported once, the child's bytes are all counted as lost (refused
     * units, and at close what the failed buffers kept), and a retry comes every second, not before.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aFailureOnTheWriterThreadIsReportedOnceAndEveryByteItKeptIsCountedAsLost() throws Exception {
        Path full = Path.of("/dev/full");
        FileSink sink = new FileSink(full, true, TestSettings.files(full, null).build(), false);
        LineMux mux = new LineMux(sink, clock, null, failures::add, "\n");
        LineMux.Source source = mux.newSource("stdout");
        mux.open();
        int lines = 400_000;
        long programBytes = 0;
        for (int i = 1; i <= lines; i++) {
            programBytes += Integer.toString(i).length() + 1;
        }
        feedNumbers(mux, source, lines / 2);
        assertThat(failures).as("reported once, with its reason").hasSize(1);
        assertThat(failures.get(0)).hasMessageContaining("space");
        long lostBeforeRetry = mux.bytesLost();
        assertThat(lostBeforeRetry).as("units refused while the failed buffer is kept").isPositive();

        clock.advance(Duration.ofMillis(FileSink.RETRY_MILLIS)); // a retry is due: it fails again, still one report
        feedNumbers2(mux, source, lines / 2 + 1, lines);
        assertThat(failures).hasSize(1);
        mux.close();

        assertThat(mux.bytesLost()).as("every byte of the program: none reached the device").isEqualTo(programBytes);
        assertThat(writerThreadAlive("full")).as("close ended the writer thread").isFalse();
    }

    private static void feedNumbers2(LineMux mux, LineMux.Source source, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i <= to; i++) {
            text.append(i).append('\n');
        }
        byte[] read = text.toString().getBytes(StandardCharsets.US_ASCII);
        for (int off = 0; off < read.length; off += Pump.READ_SIZE) {
            int n = Math.min(Pump.READ_SIZE, read.length - off);
            mux.accept(source, read, off, n, off + n < read.length);
        }
    }

    @Test
    void closeWaitsForTheWriteBehindSoTheFileIsCompleteWhenItReturns() throws Exception {
        Path log = dir.resolve("behind-closed.log");
        FileSink sink = new FileSink(log, false, TestSettings.files(log, null).build(), false);
        LineMux mux = new LineMux(sink, clock, null, failures::add, "\n");
        LineMux.Source source = mux.newSource("stdout");
        mux.open();
        long bytes = 0;
        int lines = 2_000_000;
        for (int i = 1; i <= lines; i++) {
            bytes += Integer.toString(i).length() + 1;
        }
        feedNumbers(mux, source, lines); // the last read is flushed; the buffers before it went behind
        assertThat(writerThreadAlive("behind-closed.log")).as("full buffers are written behind").isTrue();
        mux.close();
        assertThat(writerThreadAlive("behind-closed.log")).isFalse();
        assertThat(Files.size(log)).isEqualTo(bytes);
        assertThat(failures).isEmpty();
    }
}
