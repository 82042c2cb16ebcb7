package org.jsrvany.core.output;

import java.io.IOException;

/**
 * Where one destination's bytes go. Used only under the owning {@link LineMux}'s lock.
 *
 * <p>A unit (a line, or a chunk of an over-long line, with its timestamp prefix) is announced by
 * {@link #beginUnit} and then written by one or two {@link #write} calls; a sink may rotate only in
 * {@code beginUnit}, so a unit is never split between files.
 */
interface Sink {

    /** A child run starts: rotate-on-start if configured, and make sure the destination is open. */
    default void startRun(long now) throws IOException {
    }

    /**
     * The next unit has {@code length} bytes. May rotate first; must leave room for the whole unit,
     * or throw before any of it is written.
     */
    default void beginUnit(int length, long now) throws IOException {
    }

    void write(byte[] bytes, int offset, int length) throws IOException;

    /** Hand everything written so far to the operating system. */
    void flush() throws IOException;

    /** Flush and release. Idempotent. */
    void close() throws IOException;

    /** For log messages. */
    String describe();

    /** A sink that drops everything: the stream is drained but not kept. */
    static Sink discard() {
        return new Sink() {
            @Override
            public void write(byte[] bytes, int offset, int length) {
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }

            @Override
            public String describe() {
                return "nowhere (discarded)";
            }
        };
    }
}
