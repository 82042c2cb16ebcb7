package org.jsrvany.core.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One {@link FileSink}'s background writer: writes one full buffer at a time to the file on a thread of
 * its own, so that the pump formats the next buffer (timestamps, line cutting) while the kernel takes the
 * previous one, on the two cores at once. The sink hands a buffer over with {@link #submit} and touches
 * neither that buffer nor the channel again before {@link #await} has returned; everything else (which
 * buffer goes when, failures, retries, the loss count) stays with the sink, on the pump's side.
 *
 * <p>The thread starts with the first buffer (a program that never fills one never starts it) and ends
 * after {@link #IDLE_MILLIS} without work, or at {@link #shutdown}. A daemon: it never keeps the JVM alive.
 */
final class WriteBehind {

    /** The thread ends after this long without a buffer to write, and starts again with the next one. */
    static final long IDLE_MILLIS = 10_000;

    private final String name;
    // All guarded by this.
    private Thread thread;
    private FileChannel channel;
    /** The buffer being written, from its position to its limit; null when there is none. */
    private ByteBuffer job;
    private IOException failure;
    private boolean shutdown;

    WriteBehind(String name) {
        this.name = name;
    }

    /**
     * Starts writing {@code buffer} (from its position to its limit) to {@code channel}. The previous
     * buffer must have been {@link #await awaited}.
     */
    synchronized void submit(FileChannel channel, ByteBuffer buffer) {
        if (job != null) {
            throw new IllegalStateException("the previous buffer is still being written to " + name);
        }
        this.channel = channel;
        this.job = buffer;
        this.failure = null;
        if (thread == null) {
            shutdown = false;
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        } else {
            notifyAll();
        }
    }

    /**
     * Waits until the buffer last submitted is written, or its write failed.
     *
     * @return the failure, or null: then the buffer was written whole; after a failure its position is
     *         where writing stopped, so what is left is exactly what the file did not get
     */
    synchronized IOException await() {
        boolean interrupted = false;
        while (job != null) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // a write ends soon; the sink's state must not be left half-known
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        IOException f = failure;
        failure = null;
        channel = null;
        return f;
    }

    /**
     * Ends the thread, after the buffer being written (if any), and waits until it has ended. A later
     * {@link #submit} starts a new one.
     */
    void shutdown() {
        Thread t;
        synchronized (this) {
            shutdown = true;
            notifyAll();
            t = thread;
        }
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the thread ends at once: it only waits for work
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            FileChannel c;
            ByteBuffer b;
            synchronized (this) {
                long idleUntil = System.nanoTime() + IDLE_MILLIS * 1_000_000;
                while (job == null) {
                    long left = idleUntil - System.nanoTime();
                    if (shutdown || left <= 0) {
                        thread = null;
                        notifyAll();
                        return;
                    }
                    try {
                        wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        thread = null; // nobody interrupts it; if someone does, end and let submit start another
                        notifyAll();
                        return;
                    }
                }
                c = channel;
                b = job;
            }
            IOException f = null;
            try {
                while (b.hasRemaining()) {
                    c.write(b);
                }
            } catch (IOException e) {
                f = e;
            } catch (RuntimeException | Error e) {
                f = new IOException("writing " + name + " failed unexpectedly", e);
            }
            synchronized (this) {
                failure = f;
                job = null;
                notifyAll();
            }
        }
    }
}
