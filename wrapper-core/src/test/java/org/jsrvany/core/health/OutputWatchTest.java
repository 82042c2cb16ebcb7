package org.jsrvany.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.jsrvany.core.output.ChildOutput;
import org.junit.jupiter.api.Test;

/** The watch in front of the capture: bytes pass unchanged, lines are matched, the last output is timed. */
class OutputWatchTest {

    /** A capture that reads each stream to its end, in small reads, and keeps what it read. */
    static final class Reading implements ChildOutput {
        final List<byte[]> read = new ArrayList<>();

        @Override
        public void attach(InputStream stdout, InputStream stderr) throws IOException {
            for (InputStream in : new InputStream[] {stdout, stderr}) {
                if (in == null) {
                    continue;
                }
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                byte[] small = new byte[3];
                int n;
                while ((n = in.read(small, 0, small.length)) > 0) {
                    all.write(small, 0, n);
                }
                read.add(all.toByteArray());
            }
        }

        @Override
        public boolean awaitDrained(Duration timeout) {
            return true;
        }
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCaptureGetsExactlyTheBytesAndTheFirstMatchingLineIsKept() throws IOException {
        Reading capture = new Reading();
        OutputWatch watch = OutputWatch.wrap(capture, Pattern.compile("^Started .* in \\d+ ms$"), Clock.systemUTC());
        String out = "booting\r\nStarted app in 42 ms\r\nStarted again in 7 ms\nno end";
        watch.attach(bytes(out), bytes("err line\n"));
        assertThat(capture.read).hasSize(2);
        assertThat(new String(capture.read.get(0), StandardCharsets.UTF_8)).isEqualTo(out);
        assertThat(new String(capture.read.get(1), StandardCharsets.UTF_8)).isEqualTo("err line\n");
        assertThat(watch.matchedLine()).contains("Started app in 42 ms"); // CR dropped, the first match kept
    }

    @Test
    void aLineWithoutItsEndDoesNotMatchYetAndStderrCountsToo() throws IOException {
        Reading capture = new Reading();
        OutputWatch watch = OutputWatch.wrap(capture, Pattern.compile("ready"), Clock.systemUTC());
        watch.attach(bytes("not ready yet without end"), null);
        assertThat(watch.matchedLine()).isEmpty();
        watch.attach(null, bytes("é ready é\n"));
        assertThat(watch.matchedLine()).contains("é ready é");
    }

    @Test
    void onlyTheFirst4096BytesOfALineAreMatchedAndEachRunStartsAfresh() throws IOException {
        Reading capture = new Reading();
        OutputWatch watch = OutputWatch.wrap(capture, Pattern.compile("tail"), Clock.systemUTC());
        String longLine = "x".repeat(OutputWatch.MAX_LINE) + "tail\n";
        watch.attach(bytes(longLine), null);
        assertThat(watch.matchedLine()).isEmpty();
        assertThat(capture.read.get(0)).hasSize(longLine.length());
        watch.attach(new SequenceInputStream(Collections.enumeration(List.of(bytes("ta"), bytes("il\n")))), null);
        assertThat(watch.matchedLine()).contains("tail"); // split across reads
        watch.attach(bytes("other\n"), null);
        assertThat(watch.matchedLine()).as("a new run must match again").isEmpty();
    }

    @Test
    void everyReadNotesTheTime() throws IOException {
        MutableClock clock = new MutableClock();
        Reading capture = new Reading();
        OutputWatch watch = OutputWatch.wrap(capture, null, clock);
        assertThat(watch.lastOutput()).isEqualTo(clock.now);
        clock.now = clock.now.plusSeconds(5);
        watch.attach(bytes("a\n"), null);
        assertThat(watch.lastOutput()).isEqualTo(clock.now);
        clock.now = clock.now.plusSeconds(5);
        watch.touch();
        assertThat(watch.lastOutput()).isEqualTo(clock.now);
        assertThat(watch.matchedLine()).isEmpty();
        assertThat(OutputWatch.none().active()).isFalse();
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
