package org.jsrvany.core.process;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The wrapper's end of a child's pipe, read at the pace {@link ReadPacing} decides: after a read that
 * emptied the pipe, the next read first waits while the program fills it further. The pipe's capacity
 * may become known after the stream is in use ({@link #capacity(int)}, from another thread); until then
 * reads never wait. The first read of at least {@link #BUSY} bytes (the program outpaces its reader)
 * hands this stream to {@code onBusy}, once: a program that writes little never costs the pipe's
 * enlargement. Meant for one reading thread.
 */
final class PacedInputStream extends FilterInputStream {

    /** A read this large means a busy program: a default pipe (64 KiB on Linux) was full, or nearly. */
    static final int BUSY = 64 * 1024;

    private final LongSupplier nanoTime;
    private final LongConsumer park;
    private Consumer<PacedInputStream> onBusy;
    private volatile int capacity;
    /** When the previous read returned (System.nanoTime). */
    private long lastRead;
    /** The next read waits until then (System.nanoTime), if {@link #waiting}. */
    private long resumeAt;
    private boolean waiting;

    /**
     * @param capacity what the pipe holds, in bytes; 0 when not known (yet)
     * @param onBusy   given this stream once, on the reading thread, by the first read of at least
     *                 {@link #BUSY} bytes; null for nothing
     */
    PacedInputStream(InputStream in, int capacity, Consumer<PacedInputStream> onBusy) {
        this(in, capacity, onBusy, System::nanoTime, LockSupport::parkNanos);
    }

    /** With the clock and the wait injected (tests). */
    PacedInputStream(InputStream in, int capacity, Consumer<PacedInputStream> onBusy, LongSupplier nanoTime,
                     LongConsumer park) {
        super(in);
        this.capacity = capacity;
        this.onBusy = onBusy;
        this.nanoTime = nanoTime;
        this.park = park;
        this.lastRead = nanoTime.getAsLong();
    }

    /** The pipe's capacity, once known: from now on reads may wait. */
    void capacity(int bytes) {
        capacity = bytes;
    }

    /** What the pipe holds as far as known, 0 when not known. */
    int capacity() {
        return capacity;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (waiting) {
            waiting = false;
            long left = resumeAt - nanoTime.getAsLong();
            if (left > 0) {
                park.accept(left); // may return early (interrupt, spurious): then it reads sooner
            }
        }
        int n = in.read(b, off, len);
        if (n >= BUSY && onBusy != null) {
            Consumer<PacedInputStream> busy = onBusy;
            onBusy = null;
            busy.accept(this);
        }
        long now = nanoTime.getAsLong();
        long pause = ReadPacing.pauseNanos(n, len, now - lastRead, capacity);
        lastRead = now;
        if (pause > 0) {
            waiting = true;
            resumeAt = now + pause;
        }
        return n;
    }
}
