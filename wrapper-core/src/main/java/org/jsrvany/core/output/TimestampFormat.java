package org.jsrvany.core.output;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The line prefix {@code yyyy-MM-ddTHH:mm:ss.SSS } (ISO-8601 local date-time with milliseconds and a
 * space) as ASCII bytes, formatted by hand and cached per millisecond. Not thread-safe: one per
 * destination, used under its lock.
 */
final class TimestampFormat {

    static final int LENGTH = 24;

    private final ZoneId zone;
    private final byte[] bytes = new byte[LENGTH];
    private long cachedMillis = Long.MIN_VALUE;

    TimestampFormat(ZoneId zone) {
        this.zone = zone;
    }

    /** The prefix for {@code epochMillis}; the returned array is reused by the next call. */
    byte[] prefix(long epochMillis) {
        if (epochMillis != cachedMillis) {
            format(LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone));
            cachedMillis = epochMillis;
        }
        return bytes;
    }

    private void format(LocalDateTime t) {
        digits(0, t.getYear(), 4);
        bytes[4] = '-';
        digits(5, t.getMonthValue(), 2);
        bytes[7] = '-';
        digits(8, t.getDayOfMonth(), 2);
        bytes[10] = 'T';
        digits(11, t.getHour(), 2);
        bytes[13] = ':';
        digits(14, t.getMinute(), 2);
        bytes[16] = ':';
        digits(17, t.getSecond(), 2);
        bytes[19] = '.';
        digits(20, t.getNano() / 1_000_000, 3);
        bytes[23] = ' ';
    }

    private void digits(int at, int value, int width) {
        int v = Math.floorMod(value, width == 4 ? 10_000 : width == 3 ? 1_000 : 100);
        for (int i = at + width - 1; i >= at; i--) {
            bytes[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }
}
