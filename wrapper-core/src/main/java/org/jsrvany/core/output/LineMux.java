package org.jsrvany.core.output;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the bytes of one or more sources (a child's stdout, stderr) into lines and writes them to one
 * {@link Sink}, so that the destination only ever receives whole lines: lines of different sources
 * never mix, a rotation never splits a line, and whatever the wrapper itself prints between two units
 * starts at a line start.
 *
 * <p>The rules (docs/parameters.md, "How output is written"):
 * <ul>
 *   <li>A line of up to {@link #LINE_MAX} bytes, its {@code '\n'} included, is written whole, once its
 *       {@code '\n'} has arrived. Until then it waits in its source's buffer (which grows with the line,
 *       up to {@link #LINE_MAX}).</li>
 *   <li>A longer line is cut into pieces of {@link #LINE_MAX} bytes (a few less so that no UTF-8
 *       character is split); each piece but the last is ended with {@link #CONTINUES} and a line end,
 *       so it is a line of the file. Other sources' lines and rotations may come between pieces.</li>
 *   <li>When a source ends (its run's pipe reached end-of-file) with an unfinished line, that line is
 *       written with a line end added, so the next run's first line starts on a line of its own.</li>
 *   <li>A timestamp prefix (if configured) starts every line of the file, pieces included.</li>
 * </ul>
 * Line ends that jsrvany adds are {@code lineEnd} (the platform's: CRLF on Windows); the program's own
 * line ends are kept as they are. Memory is bounded: {@link #LINE_MAX} per source at most.
 *
 * <p>What was read is in the OS before the pump waits for more: a step ends with a flush unless the
 * source already holds more bytes (then the next step follows at once and flushes, or the sink's buffer
 * fills and is written), so a busy program's output goes out in large writes and a quiet program's last
 * line is in the file as soon as it was read. Consecutive whole lines go to the sink as one unit where
 * no timestamp and no rotation needs them apart.
 *
 * <p>Write failures never escape: they are logged once per failure episode, reported to
 * {@code failures}, and the program's bytes in refused units are counted ({@link #bytesLost()}) and
 * noted in the destination as soon as it takes lines again ("[jsrvany: N bytes of output were lost
 * here ...]"), so the pumps keep draining the child.
 */
final class LineMux {

    private static final Logger LOG = LoggerFactory.getLogger(LineMux.class);

    /** The longest line written whole, its line end included; longer lines are cut into pieces this long. */
    static final int LINE_MAX = 1024 * 1024;
    /** A source's buffer starts this small and doubles as a line needs it, up to {@link #LINE_MAX}. */
    static final int FIRST_BUFFER = 8 * 1024;
    /** Timestamped lines are collected into units of at most this many bytes (longer lines go alone). */
    static final int SCRATCH = 64 * 1024;
    /** Ends each piece of a cut line except its last (before the added line end). */
    static final String CONTINUES = " [jsrvany: line continues]";

    /** Eight bytes of a byte array as one long, for {@link #stampedLines}. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    /** A prefix of three words is stored as such. */
    private static final int WORD_PREFIX = 24;

    private final Sink sink;
    private final Clock clock;
    private final TimestampFormat timestamps;
    private final Consumer<IOException> failures;
    private final byte[] lineEnd;
    private final byte[] continues;
    private final List<Source> sources = new ArrayList<>();
    /** Where timestamped lines are collected into one unit (only with timestamps). */
    private final byte[] scratch;

    private boolean closed;
    private boolean failing;
    /** The program's bytes lost since open. Written under the lock, read without it. */
    private volatile long lost;
    private long lostInEpisode;
    /** Lost bytes not yet noted in the destination. */
    private long unnoted;
    private long discardedAfterClose;

    /** One input's unfinished line. Touched only under the mux's lock. */
    static final class Source {
        private final String name;
        private byte[] pending = new byte[FIRST_BUFFER];
        private int length;
        /** pending[0, scanned) holds no newline. */
        private int scanned;

        private Source(String name) {
            this.name = name;
        }

        /** Current buffer size (grows with long lines, never past {@link #LINE_MAX}). */
        int capacity() {
            return pending.length;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * @param timestamps line prefix, or null for none
     * @param failures   told about the first failure of each failure episode
     * @param lineEnd    what jsrvany writes where it ends a line ({@code System.lineSeparator()})
     */
    LineMux(Sink sink, Clock clock, TimestampFormat timestamps, Consumer<IOException> failures, String lineEnd) {
        this.sink = sink;
        this.clock = clock;
        this.timestamps = timestamps;
        this.failures = failures;
        this.lineEnd = lineEnd.getBytes(StandardCharsets.US_ASCII);
        this.continues = (CONTINUES + lineEnd).getBytes(StandardCharsets.US_ASCII);
        this.scratch = timestamps == null ? null : new byte[SCRATCH + 8]; // 8: slack for a word copied past a line
    }

    synchronized Source newSource(String name) {
        Source source = new Source(name);
        if (!closed) {
            sources.add(source);
        }
        return source;
    }

    /** Opens the destination for the first run. */
    synchronized void open() throws IOException {
        sink.open(clock.millis());
    }

    /** A later child run starts: the sink rotates at start if configured and reopens if needed. Never throws. */
    synchronized void startRun() {
        if (closed) {
            throw new IllegalStateException("output to " + sink.describe() + " is closed");
        }
        sink.startRun(clock.millis());
    }

    /** Rotates the destination now, between two lines (service control 128); false if nothing was rotated. */
    synchronized boolean rotateNow() {
        return !closed && sink.rotateNow(clock.millis());
    }

    /** The program's bytes that could not be written since open (refused, written to a deleted file, discarded). */
    long bytesLost() {
        return lost;
    }

    /** Bytes read from {@code source}, flushed at once. Never throws for a write failure. */
    synchronized void accept(Source source, byte[] bytes, int offset, int length) {
        accept(source, bytes, offset, length, false);
    }

    /**
     * Bytes read from {@code source}. Never throws for a write failure.
     *
     * @param moreWaiting the source already holds more bytes (the next read will not wait): the
     *                    flush may wait for them, so that a busy program's output goes out in large
     *                    writes. Whatever is buffered is flushed by the first call without it, that
     *                    is, before the pump waits for the program.
     */
    synchronized void accept(Source source, byte[] bytes, int offset, int length, boolean moreWaiting) {
        if (closed) {
            discardAfterClose(length);
            return;
        }
        long now = clock.millis();
        int off = offset;
        int end = offset + length;
        while (off < end) {
            if (source.length == 0 && end - off <= LINE_MAX) {
                off = linesInPlace(bytes, off, end, now); // no unfinished line before them: no copy needed
                if (off == end) {
                    break;
                }
            }
            if (source.length == source.pending.length) {
                grow(source); // full without a newline and below LINE_MAX (drain empties a full LINE_MAX buffer)
            }
            int n = Math.min(end - off, source.pending.length - source.length);
            if (source.length > 0) {
                int newline = indexOfNewline(bytes, off, off + n);
                if (newline >= 0) {
                    n = newline + 1 - off; // only up to the end of the unfinished line: the next need no copy
                }
            }
            System.arraycopy(bytes, off, source.pending, source.length, n);
            source.length += n;
            off += n;
            drain(source, false, now);
        }
        if (!moreWaiting) {
            flush(now);
        }
    }

    /**
     * Writes the whole lines of {@code bytes[from, to)} from where they are (no line of a source is
     * unfinished before them, and none of them is longer than {@link #LINE_MAX}); returns where the
     * unfinished rest starts ({@code to} when there is none), which the caller buffers.
     */
    private int linesInPlace(byte[] bytes, int from, int to, long now) {
        int last = lastIndexOfNewline(bytes, from, to);
        if (last < 0) {
            return from;
        }
        wholeLines(bytes, from, last + 1, now);
        return last + 1;
    }

    /**
     * One whole line from outside the sources (a hook's output, {@code AppRedirectHook}), written at once
     * as a unit of its own: the sources' unfinished lines stay in their buffers, so no line is torn.
     * {@code line[0, length)} ends with its own line end, or gets {@code lineEnd}. Never throws for a
     * write failure; its bytes count as lost then, like the program's.
     */
    synchronized void acceptLine(byte[] line, int length) {
        if (closed) {
            discardAfterClose(length);
            return;
        }
        long now = clock.millis();
        boolean ended = length > 0 && line[length - 1] == '\n';
        unit(line, 0, length, ended ? null : lineEnd, now);
        flush(now);
    }

    /** {@code source} reached its end: write what is left of it, an unfinished line with a line end added. */
    synchronized void end(Source source) {
        if (closed) {
            return;
        }
        long now = clock.millis();
        drain(source, true, now);
        sources.remove(source);
        flush(now);
    }

    /** Writes every source's remainder (line ends added), flushes and closes the sink. Later input is discarded. Idempotent. */
    synchronized void close() {
        if (closed) {
            return;
        }
        long now = clock.millis();
        for (Source source : sources) {
            drain(source, true, now);
        }
        sources.clear();
        closed = true;
        try {
            sink.close();
        } catch (IOException e) {
            failed(e);
        }
        long unwritten = sink.takeLost(now);
        if (unwritten > 0) {
            lost += unwritten;
            LOG.error("Closing {} failed; {} bytes of the program's output could not be written", sink.describe(),
                    unwritten);
        }
    }

    private static void grow(Source s) {
        byte[] bigger = new byte[Math.min(LINE_MAX, s.pending.length * 2)];
        System.arraycopy(s.pending, 0, bigger, 0, s.length);
        s.pending = bigger;
    }

    private void drain(Source s, boolean atEnd, long now) {
        byte[] p = s.pending;
        int end = s.length;
        int pos = 0;
        int first = indexOfNewline(p, s.scanned, end);
        if (first >= 0) {
            pos = lastIndexOfNewline(p, first, end) + 1;
            wholeLines(p, 0, pos, now);
        }
        if (pos < end && atEnd) {
            unit(p, pos, end - pos, lineEnd, now);
            pos = end;
        } else if (pos == 0 && end == LINE_MAX) {
            int cut = cutPoint(p, end);
            unit(p, 0, cut, continues, now);
            pos = cut;
        }
        if (pos > 0) {
            System.arraycopy(p, pos, p, 0, end - pos);
            s.length = end - pos;
        }
        s.scanned = s.length; // what is left holds no newline
    }

    /**
     * Writes the whole lines {@code p[from, to)} (the last ends at {@code to - 1}) in as few units as the
     * rules allow: a unit is the longest run of whole lines that fits into the {@link Sink#room} left
     * before a rotation is due (at least one line), so that files rotate before exactly the line they
     * would rotate before if every line were a unit of its own. Without timestamps only the newlines
     * that end a unit are looked for (from the end backwards); with timestamps, each line gets its
     * prefix in the scratch buffer.
     */
    private void wholeLines(byte[] p, int from, int to, long now) {
        int pos = from;
        while (pos < to) {
            long room = sink.room(now);
            if (timestamps != null) {
                pos = stampedLines(p, pos, to, room, now);
            } else {
                int cut = room >= to - pos ? to : lastIndexOfNewline(p, pos, pos + (int) room) + 1;
                if (cut <= pos) {
                    cut = indexOfNewline(p, pos, to) + 1; // one line, alone
                }
                unit(p, pos, cut - pos, null, now);
                pos = cut;
            }
        }
    }

    /**
     * Lines from {@code p[pos]} with a timestamp each, collected into {@link #scratch} while they fit into
     * it and into {@code room}, then written as one unit (at least one line; a line too long for the
     * scratch buffer is a unit of its own). Returns the new position.
     *
     * <p>This runs once per line of the program (20 million lines for 169 MB of {@code seq}) under the
     * client compiler only (the service's {@code -XX:TieredStopAtLevel=1}), where a byte loop and two
     * {@code System.arraycopy} calls per line cost about 20 ns. So the bytes are moved eight at a time:
     * the prefix as three words, and the line word by word from where it was read, each word checked
     * for a newline as it is copied (the zero-byte test on {@code word ^ 0x0A..0A}: the lowest flagged
     * byte is the first newline; borrows can flag only bytes above it). A word may copy bytes past the
     * line's end into the scratch buffer's slack or where the next prefix goes: they are overwritten or
     * never written out. Near the end of the read or of the scratch buffer the rest of a line is found
     * byte by byte. The loop stays in this method: a call per line (a method for the word copy) cost
     * more than the copy itself under C1 (0.39 against 0.24 s of CPU per 20 M lines). Interpreted, before
     * the compiler's queue at start-up gets to it, a line costs some 4 us this way against 0.3 us for a
     * byte loop; compiled, half the byte loop's time.
     */
    private int stampedLines(byte[] p, int pos, int to, long room, long now) {
        byte[] prefix = timestamps.prefix(now);
        byte[] s = scratch;
        int limit = (int) Math.min(SCRATCH, room); // no unit longer, except one of a single line
        boolean words = prefix.length == WORD_PREFIX;
        long p0 = words ? (long) LONGS.get(prefix, 0) : 0;
        long p1 = words ? (long) LONGS.get(prefix, 8) : 0;
        long p2 = words ? (long) LONGS.get(prefix, 16) : 0;
        int lastWord = words ? to - 8 : -1; // where the last whole word of the read starts (none: -1)
        int lastSlot = s.length - 8; // and of the scratch buffer
        int used = 0;
        int at = pos;
        while (at < to) {
            int i = at;
            int o = used + prefix.length;
            int end = -1; // just after the line's newline
            while (i <= lastWord && o <= lastSlot) {
                long word = (long) LONGS.get(p, i);
                LONGS.set(s, o, word);
                long x = word ^ NEWLINES;
                long found = (x - ONES) & ~x & HIGHS;
                if (found != 0) {
                    end = i + newlineEnd(found);
                    break;
                }
                i += 8;
                o += 8;
            }
            boolean copied = end >= 0; // the whole line is in s[used + prefix.length, ...) already
            if (!copied) {
                end = indexOfNewline(p, i, to) + 1;
            }
            int length = end - at;
            int total = prefix.length + length;
            if (used > 0 && used + total > limit) {
                break;
            }
            if (total > SCRATCH) { // a long line, with nothing collected before it
                unit(prefix, p, at, length, null, length, now);
                return end;
            }
            if (words) {
                LONGS.set(s, used, p0);
                LONGS.set(s, used + 8, p1);
                LONGS.set(s, used + 16, p2);
            } else {
                System.arraycopy(prefix, 0, s, used, prefix.length);
            }
            if (!copied) {
                System.arraycopy(p, at, s, used + prefix.length, length);
            }
            used += total;
            at = end;
        }
        unit(null, s, 0, used, null, at - pos, now); // at - pos: the program's bytes, the rest are prefixes
        return at;
    }

    /**
     * 1 + the index of the lowest byte flagged in {@code found} (bits 7, 15, .., 63 only): its lowest bit
     * alone, moved to bit 8k, times the bytes 8, 7, .., 1 from the lowest, puts k + 1 in the top byte.
     * {@code Long.numberOfTrailingZeros} would say the same, but the client compiler makes it a call.
     */
    static int newlineEnd(long found) {
        return (int) ((((found & -found) >>> 7) * 0x0102030405060708L) >>> 56);
    }

    private static int lastIndexOfNewline(byte[] bytes, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfNewline(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where to cut {@code bytes[0, length)}, a piece of an over-long line: at {@code length}, or a little
     * earlier (at most 3 bytes) when the piece would otherwise end inside a UTF-8 character. Bytes that
     * are not UTF-8 are cut at {@code length}.
     */
    static int cutPoint(byte[] bytes, int length) {
        int lead = length - 1;
        while (lead > 0 && length - lead < 4 && (bytes[lead] & 0xC0) == 0x80) {
            lead--;
        }
        int b = bytes[lead] & 0xFF;
        int charLength = b >= 0xF0 && b < 0xF8 ? 4 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xC0 && b < 0xE0 ? 2 : 1;
        boolean unfinished = charLength > 1 && lead + charLength > length;
        return unfinished && lead > 0 ? lead : length;
    }

    private void unit(byte[] data, int offset, int length, byte[] suffix, long now) {
        unit(timestamps == null ? null : timestamps.prefix(now), data, offset, length, suffix, length, now);
    }

    /** One unit: {@code programBytes} of its bytes are the program's (the rest are timestamps jsrvany added). */
    private void unit(byte[] prefix, byte[] data, int offset, int length, byte[] suffix, int programBytes, long now) {
        long sinkLost = sink.takeLost(now);
        if (sinkLost > 0) {
            lost += sinkLost;
            unnoted += sinkLost;
        }
        try {
            if (unnoted > 0) {
                byte[] note = lossNote(unnoted);
                sink.write(prefix, note, 0, note.length, null, 0, now);
                unnoted = 0;
            }
            sink.write(prefix, data, offset, length, suffix, programBytes, now);
        } catch (IOException e) {
            lost += programBytes;
            lostInEpisode += programBytes;
            unnoted += programBytes;
            failed(e);
        }
    }

    /** The line that marks where output was lost. */
    byte[] lossNote(long bytes) {
        String text = "[jsrvany: " + bytes + " bytes of output were lost here; see the wrapper's log]";
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        byte[] note = new byte[t.length + lineEnd.length];
        System.arraycopy(t, 0, note, 0, t.length);
        System.arraycopy(lineEnd, 0, note, t.length, lineEnd.length);
        return note;
    }

    private void flush(long now) {
        try {
            sink.flush(now);
            if (failing) {
                failing = false;
                LOG.warn("Writing the child's output to {} works again; {} bytes were lost meanwhile",
                        sink.describe(), lostInEpisode);
                lostInEpisode = 0;
            }
        } catch (IOException e) {
            failed(e);
        }
    }

    private void failed(IOException e) {
        if (failing) {
            return;
        }
        failing = true;
        LOG.error("Writing the child's output to {} failed; the child's pipe is still drained, output is"
                + " counted and dropped until writing works again (retried every second)", sink.describe(), e);
        failures.accept(e);
    }

    private void discardAfterClose(int length) {
        if (discardedAfterClose == 0) {
            LOG.warn("Child output arrived for {} after the capture was closed; it is discarded", sink.describe());
        }
        discardedAfterClose += length;
        lost += length;
    }
}
