package org.jsrvany.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The line-cutting core, fed by hand on one thread: every interleaving here is deterministic. */
class LineMuxTest {

    private static final int MAX = LineMux.LINE_MAX;

    private final RecordingSink sink = new RecordingSink();
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T13:45:12.345Z"), ZoneOffset.UTC);
    private final List<IOException> failures = new ArrayList<>();
    private final LineMux mux = new LineMux(sink, clock, null, failures::add);
    private final LineMux.Source a = mux.newSource("a");
    private final LineMux.Source b = mux.newSource("b");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void feed(LineMux m, LineMux.Source s, String text) {
        byte[] data = bytes(text);
        m.accept(s, data, 0, data.length);
    }

    private static String repeat(char c, int n) {
        char[] chars = new char[n];
        Arrays.fill(chars, c);
        return new String(chars);
    }

    @Test
    void eachLineIsOneUnitAndBytesStayAsTheyAre() {
        feed(mux, a, "one\r\ntwo\nthr");
        feed(mux, a, "ee\n\n\u00ff\u0000x\n");
        assertThat(sink.unitStrings()).containsExactly("one\r\n", "two\n", "three\n", "\n", "\u00ff\u0000x\n");
    }

    @Test
    void anUnfinishedLineWaitsSoTheOtherStreamCannotTearIt() {
        feed(mux, a, "abc");
        feed(mux, b, "err\n");
        feed(mux, a, "def\n");
        assertThat(sink.unitStrings()).containsExactly("err\n", "abcdef\n");
    }

    @Test
    void everyStepIsFlushed() {
        feed(mux, a, "x\n");
        feed(mux, a, "partial");
        assertThat(sink.flushes).isEqualTo(2);
        assertThat(sink.text()).isEqualTo("x\n");
    }

    @Test
    void anOverLongLineIsWrittenInChunksAsItComes() {
        String line = repeat('L', 3 * MAX + 10);
        byte[] data = bytes(line);
        for (int off = 0; off < data.length; off += 1000) { // small pieces, as a pipe delivers them
            mux.accept(a, data, off, Math.min(1000, data.length - off));
        }
        // memory stays bounded: three full chunks are already out before any newline came
        assertThat(sink.unitStrings()).hasSize(3).allSatisfy(u -> assertThat(u).hasSize(MAX));
        feed(mux, a, "\nnext\n");
        assertThat(sink.text()).isEqualTo(line + "\nnext\n");
        assertThat(sink.unitStrings()).hasSize(5).element(3).isEqualTo("LLLLLLLLLL\n");
    }

    @Test
    void byteByByteFeedingOfALongLineWorks() {
        String line = repeat('q', MAX - 1) + "\n";
        byte[] data = bytes(line);
        for (int i = 0; i < data.length; i++) {
            mux.accept(a, data, i, 1);
        }
        assertThat(sink.unitStrings()).containsExactly(line);
    }

    @Test
    void whileAnOverLongLineIsOpenOtherLinesWaitAndFollowItsEnd() {
        String chunk = repeat('A', MAX);
        feed(mux, a, chunk); // a full buffer without newline: written, and a owns the destination
        feed(mux, b, "b1\nb2\n"); // must not land inside a's line
        assertThat(sink.unitStrings()).containsExactly(chunk);
        feed(mux, a, "tail\n");
        assertThat(sink.unitStrings()).containsExactly(chunk, "tail\n", "b1\n", "b2\n");
    }

    @Test
    void theEndOfAnOverLongLinesStreamAlsoReleasesTheOthers() {
        String chunk = repeat('A', MAX);
        feed(mux, a, chunk);
        feed(mux, b, "b1\n");
        mux.end(a);
        assertThat(sink.unitStrings()).containsExactly(chunk, "b1\n");
    }

    @Test
    void aWaitingStreamWritesAnywayWhenItsOwnBufferFillsSoNothingBlocksOrGrows() {
        String chunk = repeat('A', MAX);
        feed(mux, a, chunk);
        String bLine = repeat('b', 99) + "\n";
        StringBuilder bAll = new StringBuilder();
        for (int i = 0; i < MAX / 100 + 1; i++) {
            bAll.append(bLine);
        }
        feed(mux, b, bAll.toString());
        feed(mux, a, "tail\n");
        mux.end(a);
        mux.end(b);
        // nothing lost, every b line whole, a's bytes in order
        List<String> units = sink.unitStrings();
        assertThat(units).filteredOn(u -> u.startsWith("b")).allMatch(bLine::equals)
                .hasSize(MAX / 100 + 1);
        assertThat(String.join("", units.stream().filter(u -> !u.startsWith("b")).toList()))
                .isEqualTo(chunk + "tail\n");
    }

    @Test
    void theEndWritesAnUnfinishedLastLine() {
        feed(mux, a, "done\nno newline");
        mux.end(a);
        assertThat(sink.unitStrings()).containsExactly("done\n", "no newline");
    }

    @Test
    void timestampsOnlyAtRealLineStarts() {
        LineMux stamped = new LineMux(sink, clock, new TimestampFormat(ZoneOffset.UTC), failures::add);
        LineMux.Source s = stamped.newSource("s");
        String ts = "2024-05-01T13:45:12.345 ";
        feed(stamped, s, "one\ntw");
        clock.advance(Duration.ofMillis(1));
        feed(stamped, s, "o\r\n");
        String longLine = repeat('L', MAX + 5);
        feed(stamped, s, longLine);
        feed(stamped, s, "\nend");
        stamped.end(s);
        String ts2 = "2024-05-01T13:45:12.346 ";
        assertThat(sink.unitStrings()).containsExactly(
                ts + "one\n",
                ts2 + "two\r\n",
                ts2 + longLine.substring(0, MAX), // the first chunk starts a line
                longLine.substring(MAX) + "\n", // the continuation does not
                ts2 + "end");
    }

    @Test
    void aWriteFailureIsReportedOncePerEpisodeAndNeverThrown() {
        feed(mux, a, "kept\n");
        sink.failing = true;
        feed(mux, a, "lost1\n");
        feed(mux, a, "lost2\n");
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).hasMessageContaining("disk full");
        sink.failing = false;
        feed(mux, a, "back\n");
        assertThat(sink.text()).isEqualTo("kept\nback\n");
        sink.failing = true;
        feed(mux, a, "again\n");
        assertThat(failures).hasSize(2);
    }

    @Test
    void closeWritesWhatIsPendingAndLaterInputIsDiscarded() {
        feed(mux, a, "line\npartial a");
        feed(mux, b, "partial b");
        mux.close();
        assertThat(sink.closed).isTrue();
        assertThat(sink.text()).isEqualTo("line\npartial apartial b");
        feed(mux, a, "late\n");
        mux.end(a);
        mux.close();
        assertThat(sink.text()).isEqualTo("line\npartial apartial b");
    }
}
