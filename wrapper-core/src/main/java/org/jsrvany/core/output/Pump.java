package org.jsrvany.core.output;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one child stream until EOF and hands what it reads to a {@link LineMux}. It keeps reading
 * whatever happens downstream, so the child never blocks on a full pipe; a read failure ends it and is
 * reported, never swallowed.
 */
final class Pump implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Pump.class);
    /**
     * Bytes asked for per read: a busy program's pipe (1 MiB, and on Linux read after it had time to
     * fill) often holds this much; one read takes it at once.
     */
    static final int READ_SIZE = 256 * 1024;

    private final InputStream in;
    private final LineMux mux;
    private final LineMux.Source source;
    private final Consumer<IOException> failures;
    private final LongConsumer dropped;
    private final BooleanSupplier closing;
    private final CountDownLatch done;

    /** @param dropped told about bytes read and dropped because the mux itself broke (a bug) */
    Pump(InputStream in, LineMux mux, LineMux.Source source, Consumer<IOException> failures, LongConsumer dropped,
         BooleanSupplier closing, CountDownLatch done) {
        this.in = in;
        this.mux = mux;
        this.source = source;
        this.failures = failures;
        this.dropped = dropped;
        this.closing = closing;
        this.done = done;
    }

    /**
     * Whether the next read will not wait (the program wrote more meanwhile): then the mux may keep its
     * flush for the next step. False when the stream cannot tell, so the flush is never put off then.
     */
    private boolean moreWaiting() {
        try {
            return in.available() > 0;
        } catch (IOException e) {
            return false; // the next read reports it
        }
    }

    @Override
    public void run() {
        byte[] buffer = new byte[READ_SIZE];
        boolean muxBroken = false;
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n == 0) {
                    continue;
                }
                if (muxBroken) {
                    dropped.accept(n); // keep draining the pipe whatever happened downstream
                    continue;
                }
                try {
                    mux.accept(source, buffer, 0, n, moreWaiting());
                } catch (RuntimeException e) {
                    muxBroken = true;
                    dropped.accept(n);
                    LOG.error("Capturing the child's {} failed unexpectedly; its output is drained and dropped from now on",
                            source, e);
                    failures.accept(new IOException("capturing the child's " + source + " failed", e));
                }
            }
        } catch (IOException e) {
            if (closing.getAsBoolean()) {
                LOG.debug("Reading the child's {} ended by close: {}", source, e.toString());
            } else {
                LOG.error("Reading the child's {} failed; nothing more of it can be captured", source, e);
                failures.accept(e);
            }
        } finally {
            try {
                mux.end(source);
            } catch (RuntimeException e) {
                LOG.error("Finishing the child's {} failed", source, e);
                failures.accept(new IOException("finishing the child's " + source + " failed", e));
            }
            try {
                in.close();
            } catch (IOException e) {
                LOG.warn("Closing the child's {} pipe failed", source, e);
            }
            done.countDown();
        }
    }
}
