package org.jsrvany.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The line-cutting core, fed by hand on one thread: every interleaving here is deterministic. */
class LineMuxTest {

    private static final int MAX = LineMux.LINE_MAX;
    private static final String CONT = LineMux.CONTINUES + "\n";

    private final RecordingSink sink = new RecordingSink();
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T13:45:12.345Z"), ZoneOffset.UTC);
    private final List<IOException> failures = new ArrayList<>();
    private final LineMux mux = new LineMux(sink, clock, null, failures::add, "\n");
    private final LineMux.Source a = mux.newSource("a");
    private final LineMux.Source b = mux.newSource("b");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void feed(LineMux m, LineMux.Source s, String text) {
        byte[] data = bytes(text);
        m.accept(s, data, 0, data.length);
    }

    /** Feeds in pieces of {@code piece} bytes, as a pipe delivers them. */
    private static void feedInPieces(LineMux m, LineMux.Source s, byte[] data, int piece) {
        for (int off = 0; off < data.length; off += piece) {
            m.accept(s, data, off, Math.min(piece, data.length - off));
        }
    }

    private static String repeat(char c, int n) {
        char[] chars = new char[n];
        Arrays.fill(chars, c);
        return new String(chars);
    }

    @Test
    void theWholeLinesOfAReadAreOneUnitAndBytesStayAsTheyAre() {
        feed(mux, a, "one\r\ntwo\nthr");
        feed(mux, a, "ee\n\n\u00ff\u0000x\n");
        // the line the first read left unfinished is completed first, then the read's other lines go as one unit
        assertThat(sink.unitStrings()).containsExactly("one\r\ntwo\n", "three\n", "\n\u00ff\u0000x\n");
    }

    @Test
    void aLineSpanningSeveralReadsIsWrittenWholeAndTheLinesAfterItFollowInOrder() {
        feed(mux, a, "first\nsta");
        feed(mux, a, "rt of a long");
        feed(mux, b, "other\n");
        feed(mux, a, " line\nnext\nlast\nunfin");
        feed(mux, a, "ished\n");
        assertThat(sink.unitStrings()).containsExactly("first\n", "other\n", "start of a long line\n", "next\nlast\n",
                "unfinished\n");
    }

    @Test
    void linesCutAtEveryPossiblePlaceComeOutExactlyOnceInOrder() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            text.append(i).append(i % 7 == 0 ? "\r\n" : "\n");
        }
        byte[] data = bytes(text.toString());
        for (int piece : new int[] {1, 2, 3, 5, 8, 13, 4093, 8192, data.length}) {
            RecordingSink out = new RecordingSink();
            LineMux m = new LineMux(out, clock, null, failures::add, "\n");
            feedInPieces(m, m.newSource("s"), data, piece);
            assertThat(out.text()).as("reads of %d bytes", piece).isEqualTo(text.toString());
            for (String unit : out.unitStrings()) {
                assertThat(unit).as("reads of %d bytes: whole lines only", piece).endsWith("\n");
            }
        }
    }

    /**
     * With timestamps and many short lines per read, a size limit is still kept line by line: every "file"
     * holds whole lines within the limit, and the line after it would not have fitted.
     */
    @ParameterizedTest(name = "timestamps={0}, reads of {1} bytes")
    @CsvSource({"false, 4093", "true, 4093", "true, 262144", "true, 7", "false, 262144"})
    void aSizeLimitIsKeptLineByLineWhateverTheReads(boolean stamped, int piece) {
        sink.rotateBytes = 1000;
        LineMux m = new LineMux(sink, clock, stamped ? new TimestampFormat(ZoneOffset.UTC) : null, failures::add, "\n");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 20_000; i++) {
            text.append(i).append('\n');
        }
        feedInPieces(m, m.newSource("s"), bytes(text.toString()), piece);
        List<String> files = sink.files();
        assertThat(files).hasSizeGreaterThan(stamped ? 300 : 100);
        int prefix = stamped ? TimestampFormat.LENGTH : 0;
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < files.size(); i++) {
            String file = files.get(i);
            assertThat(file.length()).as("file %d within the limit", i).isLessThanOrEqualTo(1000);
            if (i < files.size() - 1) {
                assertThat(file.length() + files.get(i + 1).indexOf('\n') + 1).as("file %d full", i).isGreaterThan(1000);
            }
            for (String line : file.split("(?<=\n)")) {
                all.append(line, prefix, line.length());
            }
        }
        assertThat(all.toString()).isEqualTo(text.toString());
    }

    /**
     * Timestamped lines are copied eight bytes at a time: lines of every length around a word (0 to 40
     * bytes), bytes that look like a newline in part (0x0A with the high bit, 0x0B, 0x09, 0x8A), lines
     * ending exactly at the end of a read and near the end of the 64 KiB scratch buffer, and lines too
     * long for it, all come out whole, each with its prefix, in order, whatever the reads.
     */
    @Test
    void stampedLinesOfEveryLengthComeOutWholeWithTheirPrefixWhateverTheReads() {
        java.util.Random random = new java.util.Random(12);
        StringBuilder text = new StringBuilder();
        String alphabet = "abc\t\u000b\u008a\u00ff\u0000\r0123456789";
        for (int i = 0; i < 40_000; i++) {
            int length = i % 10 == 9 ? random.nextInt(3000) : i % 41;
            if (i % 5000 == 4999) {
                length = LineMux.SCRATCH + random.nextInt(100) - 50; // around the scratch buffer's size
            }
            for (int k = 0; k < length; k++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            text.append('\n');
        }
        byte[] data = bytes(text.toString());
        StringBuilder stampedExpected = new StringBuilder();
        for (String line : text.toString().split("(?<=\n)")) {
            stampedExpected.append("2024-05-01T13:45:12.345 ").append(line);
        }
        for (int piece : new int[] {1, 7, 8, 9, 4093, 65536, 262144, data.length}) {
            RecordingSink out = new RecordingSink();
            LineMux m = new LineMux(out, clock, new TimestampFormat(ZoneOffset.UTC), failures::add, "\n");
            feedInPieces(m, m.newSource("s"), data, piece);
            assertThat(out.text()).as("reads of %d bytes", piece).isEqualTo(stampedExpected.toString());
            assertThat(out.programBytes).as("reads of %d bytes: the program's bytes", piece).isEqualTo(data.length);
            for (String unit : out.unitStrings()) {
                assertThat(unit).as("reads of %d bytes: whole lines only", piece).endsWith("\n")
                        .startsWith("2024-05-01T13:45:12.345 ");
                if (unit.length() > LineMux.SCRATCH) {
                    assertThat(unit.indexOf('\n')).as("a unit over the scratch size holds one line").isEqualTo(unit.length() - 1);
                }
            }
        }
    }

    @Test
    void theEndOfTheFirstNewlineInAWordIsFoundWhateverTheBytesAboveIt() {
        for (int k = 0; k < 8; k++) {
            for (long above : new long[] {0, -1L, 0x8080808080808080L, 0x0A0A0A0A0A0A0A0AL}) {
                long flagged = 0x80L << (8 * k);
                long higher = k == 7 ? 0 : (above & 0x8080808080808080L) << (8 * (k + 1));
                assertThat(LineMux.newlineEnd(flagged | higher)).as("newline at byte %d", k).isEqualTo(k + 1);
            }
        }
    }

    @Test
    void everyLineOfAReadIsStampedWithTheTimeOfThatReadAndALineSpanningReadsWithTheTimeItsEndArrived() {
        LineMux stamped = new LineMux(sink, clock, new TimestampFormat(ZoneOffset.UTC), failures::add, "\n");
        LineMux.Source s = stamped.newSource("s");
        feed(stamped, s, "a\nb\nsp");
        clock.advance(Duration.ofMillis(1));
        feed(stamped, s, "lit\nc\nd\n");
        clock.advance(Duration.ofMillis(998)); // the second changes too
        feed(stamped, s, "e\n");
        assertThat(sink.text()).isEqualTo(
                "2024-05-01T13:45:12.345 a\n2024-05-01T13:45:12.345 b\n"
                + "2024-05-01T13:45:12.346 split\n2024-05-01T13:45:12.346 c\n2024-05-01T13:45:12.346 d\n"
                + "2024-05-01T13:45:13.344 e\n");
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
    void aLineOfExactlyLineMaxBytesIsWrittenWholeWhileTheOtherStreamWritesAround() {
        String line = repeat('L', MAX - 1) + "\n";
        byte[] data = bytes(line);
        for (int off = 0; off < data.length; off += 100_000) {
            mux.accept(a, data, off, Math.min(100_000, data.length - off));
            feed(mux, b, "b " + off + "\n"); // the other stream goes on meanwhile
        }
        List<String> units = sink.unitStrings();
        assertThat(units).filteredOn(u -> u.startsWith("L")).containsExactly(line);
        assertThat(units).filteredOn(u -> u.startsWith("b ")).hasSize(11).allMatch(u -> u.indexOf('\n') == u.length() - 1);
        assertThat(a.capacity()).isEqualTo(MAX);
    }

    @Test
    void aLongerLineIsCutIntoMarkedPiecesThatAreLinesOfTheirOwn() {
        String line = repeat('L', 2 * MAX + 10);
        byte[] data = bytes(line + "\n");
        feedInPieces(mux, a, Arrays.copyOf(data, MAX + 5), 1000);
        // memory stays bounded: the first piece is out before any newline came
        assertThat(sink.unitStrings()).containsExactly(repeat('L', MAX) + CONT);
        feed(mux, b, "b1\n"); // may come between pieces: every unit is a whole line of the file
        feedInPieces(mux, a, Arrays.copyOfRange(data, MAX + 5, data.length), 1000);
        feed(mux, a, "next\n");
        assertThat(sink.unitStrings()).containsExactly(repeat('L', MAX) + CONT, "b1\n", repeat('L', MAX) + CONT,
                repeat('L', 10) + "\n", "next\n");
    }

    @Test
    void memoryStaysBoundedWhateverTheChildWrites() {
        byte[] chunk = new byte[256 * 1024];
        Arrays.fill(chunk, (byte) 'z');
        for (int i = 0; i < 40; i++) { // 10 MiB without a newline
            mux.accept(a, chunk, 0, chunk.length);
            assertThat(a.capacity()).isLessThanOrEqualTo(MAX);
        }
        assertThat(sink.units).hasSize(10).allSatisfy(u -> assertThat(u).hasSize(MAX + CONT.length()));
    }

    @ParameterizedTest(name = "{0} -> cut at {1}")
    @CsvSource({
            // hex bytes of a full piece | where it is cut
            "616263,         3", // ASCII
            "61E282AC,       4", // a complete 3-byte character at the end
            "6162E282,       2", // a 3-byte character missing its last byte: cut before it
            "61E2,           1", // only its lead byte
            "61C3A9,         3", // a complete 2-byte character
            "6161C3,         2", // a 2-byte character cut after its lead
            "61F09F9880,     5", // a complete 4-byte character
            "61F09F98,       1", // a 4-byte character missing one byte
            "6180808080,     5", // continuation bytes without a lead: not UTF-8, cut at the end
            "FF,             1", // not UTF-8
    })
    void cutPointNeverSplitsAUtf8Character(String hex, int cut) {
        byte[] piece = HexFormat.of().parseHex(hex.strip());
        assertThat(LineMux.cutPoint(piece, piece.length)).isEqualTo(cut);
    }

    @Test
    void aCutUtf8LineKeepsEveryCharacterWhole() throws CharacterCodingException {
        String euros = "\u20ac".repeat(MAX); // 3 bytes each: MAX is no multiple of 3
        byte[] data = (euros + "\n").getBytes(StandardCharsets.UTF_8);
        feedInPieces(mux, a, data, 64 * 1024);
        StringBuilder joined = new StringBuilder();
        for (byte[] unit : sink.units) {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(unit)).toString();
            joined.append(text.endsWith(CONT) ? text.substring(0, text.length() - CONT.length()) : text);
        }
        assertThat(sink.units).hasSize(4);
        assertThat(joined).hasToString(euros + "\n");
    }

    @Test
    void theEndOfASourceCompletesItsUnfinishedLine() {
        feed(mux, a, "done\nno newline");
        mux.end(a);
        feed(mux, b, "next run\n");
        assertThat(sink.unitStrings()).containsExactly("done\n", "no newline\n", "next run\n");
    }

    @Test
    void addedLineEndsAreThePlatformsOnesAndTheProgramsOwnStayAsTheyAre() {
        LineMux crlf = new LineMux(sink, clock, null, failures::add, "\r\n");
        LineMux.Source s = crlf.newSource("s");
        feed(crlf, s, "unix\nwindows\r\n" + repeat('x', MAX + 1) + "\nlast");
        crlf.end(s);
        assertThat(sink.unitStrings()).containsExactly("unix\nwindows\r\n",
                repeat('x', MAX) + LineMux.CONTINUES + "\r\n", "x\n", "last\r\n");
    }

    @Test
    void aHooksLineIsAUnitOfItsOwnAndNeverTearsTheProgramsUnfinishedLine() {
        feed(mux, a, "prog-");
        byte[] hook = bytes("hook line\r\n");
        mux.acceptLine(hook, hook.length);
        byte[] unended = bytes("no end");
        mux.acceptLine(unended, unended.length);
        feed(mux, a, "rest\n");
        assertThat(sink.unitStrings()).containsExactly("hook line\r\n", "no end\n", "prog-rest\n");
    }

    @Test
    void aHooksLineGetsTheTimestampAndIsCountedAsLostAfterClose() {
        LineMux stamped = new LineMux(sink, clock, new TimestampFormat(ZoneOffset.UTC), failures::add, "\n");
        byte[] hook = bytes("hook\n");
        stamped.acceptLine(hook, hook.length);
        assertThat(sink.unitStrings()).containsExactly("2024-05-01T13:45:12.345 hook\n");
        stamped.close();
        stamped.acceptLine(hook, hook.length);
        assertThat(stamped.bytesLost()).isEqualTo(hook.length);
    }

    @Test
    void aTimestampStartsEveryLineOfTheFilePiecesIncluded() {
        LineMux stamped = new LineMux(sink, clock, new TimestampFormat(ZoneOffset.UTC), failures::add, "\n");
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
                ts2 + longLine.substring(0, MAX) + CONT,
                ts2 + longLine.substring(MAX) + "\n",
                ts2 + "end\n");
    }

    @Test
    void aWriteFailureIsCountedNotedWhereWritingResumesAndReportedOncePerEpisode() {
        feed(mux, a, "kept\n");
        sink.failing = true;
        feed(mux, a, "lost1\n");
        feed(mux, b, "lost2\n");
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).hasMessageContaining("disk full");
        assertThat(mux.bytesLost()).isEqualTo(12);
        sink.failing = false;
        feed(mux, a, "back\n");
        assertThat(sink.text()).isEqualTo("kept\n"
                + "[jsrvany: 12 bytes of output were lost here; see the wrapper's log]\n"
                + "back\n");
        assertThat(sink.programBytes).as("the note is not the program's").isEqualTo(10);
        sink.failing = true;
        feed(mux, a, "again\n");
        assertThat(failures).hasSize(2);
        assertThat(mux.bytesLost()).isEqualTo(18);
    }

    @Test
    void bytesTheSinkLostAfterAcceptingThemAreCountedAndNoted() {
        feed(mux, a, "one\n");
        sink.lostToReport = 4; // e.g. "one\n" went to a file deleted since
        feed(mux, a, "two\n");
        assertThat(mux.bytesLost()).isEqualTo(4);
        assertThat(sink.text()).isEqualTo("one\n[jsrvany: 4 bytes of output were lost here; see the wrapper's log]\ntwo\n");
        assertThat(failures).as("not a write failure").isEmpty();
    }

    @Test
    void closeCompletesWhatIsPendingAndCountsLaterInputAsLost() {
        feed(mux, a, "line\npartial a");
        feed(mux, b, "partial b");
        mux.close();
        assertThat(sink.closed).isTrue();
        assertThat(sink.text()).isEqualTo("line\npartial a\npartial b\n");
        feed(mux, a, "late\n");
        mux.end(a);
        mux.close();
        assertThat(sink.text()).isEqualTo("line\npartial a\npartial b\n");
        assertThat(mux.bytesLost()).isEqualTo(5);
    }
}
