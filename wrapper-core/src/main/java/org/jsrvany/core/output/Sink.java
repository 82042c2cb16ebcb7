package org.jsrvany.core.output;

import java.io.IOException;

/**
 * Where one destination's bytes go. Used only under the owning {@link LineMux}'s lock.
 *
 * <p>The mux hands over units: one or more whole lines of the file (each line: a timestamp prefix, the
 * line's bytes, and what jsrvany adds at its end: a line end, or a marker and a line end). A unit is
 * accepted whole or refused whole ({@link #write} throws before taking any of it), and a sink may rotate
 * only before a unit, so a unit is never split between files and a file holds only whole lines. The mux
 * puts several lines into one unit only as far as {@link #room} allows, so a file rotates before the same
 * line as it would with a unit per line.
 */
interface Sink {

    /**
     * Opens the destination for the first run (after rotation at start, if configured).
     *
     * @throws IOException if it cannot be opened: the service should not start
     */
    default void open(long now) throws IOException {
    }

    /**
     * A later child run starts: rotate at start if configured, and reopen the destination if it is
     * closed or gone. Never throws: what cannot be done now is logged and retried as units come.
     */
    default void startRun(long now) {
    }

    /**
     * Bytes of the program's output that this sink had accepted and then lost (written to a file that
     * was deleted since, or never written before close), counted once: each call returns what was lost
     * since the previous one. May check the destination first, at most about once a second.
     */
    default long takeLost(long now) {
        return 0;
    }

    /**
     * Accepts one unit: {@code prefix} (may be null), {@code length} bytes of {@code data} from
     * {@code offset}, then {@code suffix} (may be null). Rotates first if that is due.
     *
     * @param programBytes how many of the unit's bytes are the program's own (for the loss count)
     * @throws IOException if the unit is refused; then none of it was taken
     */
    void write(byte[] prefix, byte[] data, int offset, int length, byte[] suffix, int programBytes, long now)
            throws IOException;

    /**
     * How many bytes a unit may hold and still not be the one a size rotation comes before: a unit this
     * long or shorter goes into the current file (unless a period rotation is due, which comes before the
     * next unit whatever its length). {@link Long#MAX_VALUE} when no size limit applies.
     */
    default long room(long now) {
        return Long.MAX_VALUE;
    }

    /**
     * Rotates now, between two units (service control 128), if this destination rotates at all.
     *
     * @return whether a rotation was tried
     */
    default boolean rotateNow(long now) {
        return false;
    }

    /** Hand everything accepted so far to the operating system. */
    void flush(long now) throws IOException;

    /** Flush and release. Idempotent. What could not be written is reported by {@link #takeLost} afterwards. */
    void close() throws IOException;

    /** For log messages. */
    String describe();

    /** A sink that drops everything: the stream is drained but not kept. */
    static Sink discard() {
        return new Sink() {
            @Override
            public void write(byte[] prefix, byte[] data, int offset, int length, byte[] suffix, int programBytes,
                              long now) {
            }

            @Override
            public void flush(long now) {
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
