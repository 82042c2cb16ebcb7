package org.jsrvany.launcher.logging;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * The wrapper's two log line formats, written by hand instead of by Logback's {@code PatternLayout}:
 * that class registers some sixty converters through lambdas and parses its pattern and a
 * {@code DateTimeFormatter} when it starts, a good part of the time before the child is started
 * (issue 12). The lines are exactly what the patterns made:
 *
 * <ul>
 *   <li>{@link #console()}: {@code %d{HH:mm:ss.SSS} %-5level %msg%n}</li>
 *   <li>{@link #file()}: {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n}</li>
 * </ul>
 *
 * followed, as there, by the stack trace of an exception logged with the line.
 */
public final class LineLayout extends LayoutBase<ILoggingEvent> {
    private final boolean full;
    private final ZoneRules zone;
    private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(24);

    private LineLayout(boolean full, ZoneRules zone) {
        this.full = full;
        this.zone = zone;
    }

    /** {@code HH:mm:ss.SSS LEVEL message}, in the default time zone. */
    public static LineLayout console() {
        return new LineLayout(false, ZoneId.systemDefault().getRules());
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSS+hh:mm LEVEL [thread] logger - message}, in the default time zone. */
    public static LineLayout file() {
        return new LineLayout(true, ZoneId.systemDefault().getRules());
    }

    /** {@link #file()} in {@code zone} (tests). */
    static LineLayout file(ZoneId zone) {
        return new LineLayout(true, zone.getRules());
    }

    /** {@link #console()} in {@code zone} (tests). */
    static LineLayout console(ZoneId zone) {
        return new LineLayout(false, zone.getRules());
    }

    /** A started encoder writing {@code layout}'s lines, for an appender of {@code context}. */
    static LayoutWrappingEncoder<ILoggingEvent> encoder(Context context, LineLayout layout) {
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder b = new StringBuilder(128);
        long millis = event.getTimeStamp();
        Instant instant = Instant.ofEpochMilli(millis);
        ZoneOffset offset = zone.getOffset(instant);
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000, offset);
        if (full) {
            int year = t.getYear();
            if (year < 0 || year > 9999) {
                b.append(year);
            } else {
                pad(b, year, 4);
            }
            b.append('-');
            pad(b, t.getMonthValue(), 2);
            b.append('-');
            pad(b, t.getDayOfMonth(), 2);
            b.append('T');
        }
        pad(b, t.getHour(), 2);
        b.append(':');
        pad(b, t.getMinute(), 2);
        b.append(':');
        pad(b, t.getSecond(), 2);
        b.append('.');
        pad(b, t.getNano() / 1_000_000, 3);
        if (full) {
            appendOffset(b, offset.getTotalSeconds());
        }
        b.append(' ');
        String level = event.getLevel().toString();
        b.append(level);
        for (int i = level.length(); i < 5; i++) {
            b.append(' ');
        }
        b.append(' ');
        if (full) {
            b.append('[').append(event.getThreadName()).append("] ");
            b.append(abbreviator.abbreviate(event.getLoggerName())).append(" - ");
        }
        b.append(event.getFormattedMessage());
        b.append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            b.append(ThrowableProxyUtil.asString(thrown));
        }
        return b.toString();
    }

    /** {@code XXX}: {@code Z} for UTC, else {@code +hh:mm} (seconds of an old offset dropped, as there). */
    private static void appendOffset(StringBuilder b, int totalSeconds) {
        if (totalSeconds == 0) {
            b.append('Z');
            return;
        }
        int abs = Math.abs(totalSeconds);
        b.append(totalSeconds < 0 ? '-' : '+');
        pad(b, abs / 3600, 2);
        b.append(':');
        pad(b, abs / 60 % 60, 2);
    }

    private static void pad(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        b.append(s);
    }
}
