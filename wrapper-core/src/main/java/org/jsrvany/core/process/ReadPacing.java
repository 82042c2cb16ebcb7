package org.jsrvany.core.process;

/**
 * How long the reader of a child's pipe waits before its next read, so that one read takes many of a
 * busy program's writes instead of one each: a pure decision, table-tested.
 *
 * <p>A reader that is faster than the program empties the pipe at every read and sleeps until the next
 * write; a program that writes 4 KiB at a time (what the C library does into a pipe) then wakes the
 * reader for every 4 KiB, and each wake-up costs both processes more than the copy. Waiting a little
 * before the next read lets the pipe collect what the program writes meanwhile, without ever making
 * the program wait: the wait is at most the time the program needs, at the rate just seen, to fill
 * half of the pipe's capacity, and never more than {@link #MAX_PAUSE_NANOS}. Nothing read is held back:
 * the capture writes what it read before it reads again, so the wait only delays the next read.
 */
final class ReadPacing {

    /** The longest wait before a read: what a line written into a quiet pipe may wait at most. */
    static final long MAX_PAUSE_NANOS = 1_000_000;
    /** Shorter waits are not worth a sleep (a timer's own cost and slack are about this much). */
    static final long MIN_PAUSE_NANOS = 100_000;

    private ReadPacing() {
    }

    /**
     * @param got          bytes the read returned (0 or less: none, the end, or nothing known)
     * @param asked        bytes the read asked for: a read that filled its buffer may have left more
     *                     in the pipe, so the next one follows at once
     * @param sinceLast    nanoseconds since the previous read returned (the time in which {@code got}
     *                     bytes arrived)
     * @param capacity     bytes the pipe holds, 0 or less when not known (then never wait: a wait could
     *                     fill a small pipe and stop the program)
     * @return nanoseconds to wait before the next read, 0 for none
     */
    static long pauseNanos(int got, int asked, long sinceLast, int capacity) {
        if (capacity <= 0 || got <= 0 || got >= asked) {
            return 0;
        }
        // At the rate just seen (got bytes in sinceLast ns), half the pipe fills in this long.
        double halfFull = (capacity / 2.0) * Math.max(1, sinceLast) / got;
        long pause = (long) Math.min(MAX_PAUSE_NANOS, halfFull);
        return pause < MIN_PAUSE_NANOS ? 0 : pause;
    }
}
