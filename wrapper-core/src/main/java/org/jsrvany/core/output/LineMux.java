package org.jsrvany.core.output;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the bytes of one or more sources (a child's stdout, stderr) into units and writes them to one
 * {@link Sink}, so that lines of different sources never mix within a line.
 *
 * <p>A unit is a line up to and including {@code '\n'}, written as a whole. A source's unfinished
 * line waits in that source's buffer of {@link #LINE_MAX} bytes; when the buffer is full without a
 * newline, it is written as a chunk (an over-long line), and the source then "owns" the destination
 * until its line ends: other sources' lines wait in their own buffers, and are written as soon as the
 * owner's line ends. Only if another source's buffer also fills meanwhile (or it reaches its end) does
 * it write anyway: memory stays bounded and the child is never blocked, at the price of mixing inside
 * an over-long line in that rare case.
 *
 * <p>A timestamp prefix is added only at a real line start, never before a continuation chunk.
 * Every step ends with a flush, so what was read is in the OS before the next read.
 *
 * <p>Write failures never escape: they are logged, reported once per failure episode to
 * {@code failures}, and the bytes that could not be accepted are counted and dropped, so the pumps keep
 * draining the child.
 */
final class LineMux {

    private static final Logger LOG = LoggerFactory.getLogger(LineMux.class);

    /** Per-source line buffer: the longest line written as one unit. */
    static final int LINE_MAX = 64 * 1024;

    private final Sink sink;
    private final Clock clock;
    private final TimestampFormat timestamps;
    private final Consumer<IOException> failures;
    private final List<Source> sources = new ArrayList<>();

    private Source owner;
    private boolean closed;
    private boolean failing;
    private long droppedBytes;
    private long discardedAfterClose;

    /** One input's unfinished line. Touched only under the mux's lock. */
    static final class Source {
        private final String name;
        private final byte[] pending = new byte[LINE_MAX];
        private int length;
        /** pending[0, scanned) holds no newline. */
        private int scanned;
        private boolean atLineStart = true;

        private Source(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * @param timestamps line prefix, or null for none
     * @param failures   told about the first failure of each failure episode
     */
    LineMux(Sink sink, Clock clock, TimestampFormat timestamps, Consumer<IOException> failures) {
        this.sink = sink;
        this.clock = clock;
        this.timestamps = timestamps;
        this.failures = failures;
    }

    synchronized Source newSource(String name) {
        Source source = new Source(name);
        if (!closed) {
            sources.add(source);
        }
        return source;
    }

    /** A child run starts: the sink rotates at start if configured and opens. */
    synchronized void startRun() throws IOException {
        if (closed) {
            throw new IllegalStateException("output to " + sink.describe() + " is closed");
        }
        sink.startRun(clock.millis());
    }

    /** Bytes read from {@code source}. Never throws for a write failure. */
    synchronized void accept(Source source, byte[] bytes, int offset, int length) {
        if (closed) {
            discardAfterClose(length);
            return;
        }
        long now = clock.millis();
        Source ownerBefore = owner;
        int off = offset;
        int left = length;
        while (left > 0) {
            int n = Math.min(left, LINE_MAX - source.length);
            System.arraycopy(bytes, off, source.pending, source.length, n);
            source.length += n;
            off += n;
            left -= n;
            drain(source, false, now);
        }
        handOff(ownerBefore, now);
        flush();
    }

    /** {@code source} reached its end: write what is left of it, even an unfinished line. */
    synchronized void end(Source source) {
        if (closed) {
            return;
        }
        long now = clock.millis();
        Source ownerBefore = owner;
        drain(source, true, now);
        if (owner == source) {
            owner = null;
        }
        sources.remove(source);
        handOff(ownerBefore, now);
        flush();
    }

    /** Writes every source's remainder, flushes and closes the sink. Later input is discarded. Idempotent. */
    synchronized void close() {
        if (closed) {
            return;
        }
        long now = clock.millis();
        for (Source source : sources) {
            drain(source, true, now);
        }
        sources.clear();
        owner = null;
        closed = true;
        int unwritten = sink instanceof FileSink file ? file.buffered() : 0;
        try {
            sink.close();
        } catch (IOException e) {
            if (unwritten > 0) {
                LOG.error("Closing {} failed; {} bytes of the child's output could not be written",
                        sink.describe(), unwritten);
            }
            failed(e);
        }
    }

    /** After the owner's line ended, other sources' waiting lines go out at once. */
    private void handOff(Source ownerBefore, long now) {
        if (ownerBefore == null || owner != null) {
            return;
        }
        for (Source other : sources) {
            if (other != ownerBefore && other.length > 0) {
                drain(other, false, now);
            }
        }
    }

    private void drain(Source s, boolean atEnd, long now) {
        boolean mayWrite = owner == null || owner == s || atEnd || s.length == LINE_MAX;
        if (!mayWrite) {
            return;
        }
        byte[] p = s.pending;
        int end = s.length;
        int pos = 0;
        while (pos < end) {
            int newline = indexOfNewline(p, Math.max(pos, s.scanned), end);
            if (newline >= 0) {
                unit(s, pos, newline + 1 - pos, now);
                s.atLineStart = true;
                if (owner == s) {
                    owner = null;
                }
                pos = newline + 1;
            } else if (atEnd || (pos == 0 && end == LINE_MAX)) {
                unit(s, pos, end - pos, now);
                s.atLineStart = false;
                if (!atEnd) {
                    owner = s;
                } else if (owner == s) {
                    owner = null;
                }
                pos = end;
            } else {
                break;
            }
        }
        if (pos > 0) {
            System.arraycopy(p, pos, p, 0, end - pos);
            s.length = end - pos;
        }
        s.scanned = s.length; // what is left holds no newline
    }

    private static int indexOfNewline(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void unit(Source s, int offset, int length, long now) {
        boolean prefixed = timestamps != null && s.atLineStart;
        int total = length + (prefixed ? TimestampFormat.LENGTH : 0);
        try {
            sink.beginUnit(total, now);
            if (prefixed) {
                sink.write(timestamps.prefix(now), 0, TimestampFormat.LENGTH);
            }
            sink.write(s.pending, offset, length);
        } catch (IOException e) {
            droppedBytes += length;
            failed(e);
        }
    }

    private void flush() {
        try {
            sink.flush();
            if (failing) {
                failing = false;
                LOG.warn("Writing the child's output to {} works again; {} bytes were lost meanwhile",
                        sink.describe(), droppedBytes);
                droppedBytes = 0;
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
                + " dropped until writing works again", sink.describe(), e);
        failures.accept(e);
    }

    private void discardAfterClose(int length) {
        if (discardedAfterClose == 0) {
            LOG.warn("Child output arrived for {} after the capture was closed; it is discarded", sink.describe());
        }
        discardedAfterClose += length;
    }
}
