package org.jsrvany.launcher.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.ZoneId;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The hand-written layout writes exactly the lines Logback's PatternLayout made from the patterns it replaces. */
class LineLayoutTest {
    private static final String CONSOLE = "%d{HH:mm:ss.SSS} %-5level %msg%n";
    private static final String FILE = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n";

    private final LoggerContext context = new LoggerContext();

    @Test
    void theLinesAreThePatternsLinesInEveryKindOfZone() {
        List<String> zones = List.of("UTC", "Europe/Berlin", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham",
                "America/Sao_Paulo", "Africa/Monrovia");
        // Midnight, a summer day, a DST change in Berlin, a time before 1972 (Monrovia had an offset with seconds).
        long[] times = {0L, 1_751_370_123_456L, 1_743_296_399_999L, 1_743_296_400_000L, -1_000_000_000_123L,
                86_399_999L};
        TimeZone saved = TimeZone.getDefault();
        try {
            for (String zone : zones) {
                // PatternLayout's %d uses the default zone: set it, as the service's JVM has one.
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                for (long t : times) {
                    for (Level level : List.of(Level.INFO, Level.WARN, Level.ERROR, Level.DEBUG)) {
                        LoggingEvent e = event(level, t, "org.jsrvany.core.supervisor.Supervisor", null);
                        assertThat(LineLayout.console(ZoneId.of(zone)).doLayout(e)).as(zone + " " + t)
                                .isEqualTo(pattern(CONSOLE).doLayout(e));
                        assertThat(LineLayout.file(ZoneId.of(zone)).doLayout(e)).as(zone + " " + t)
                                .isEqualTo(pattern(FILE).doLayout(e));
                    }
                }
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void anExceptionsStackTraceFollowsItsLineAsBefore() {
        Exception cause = new IllegalStateException("inner");
        LoggingEvent e = event(Level.ERROR, 1_751_370_123_456L, "org.jsrvany.launcher.service.ServiceRun",
                new java.io.IOException("outer", cause));
        String line = LineLayout.file(ZoneId.systemDefault()).doLayout(e);
        assertThat(line).isEqualTo(pattern(FILE).doLayout(e));
        assertThat(line).contains("java.io.IOException: outer").contains("Caused by: java.lang.IllegalStateException: inner")
                .contains("\tat org.jsrvany.launcher.logging.LineLayoutTest");
    }

    @Test
    void shortLoggerNamesAndThreadNamesAreKept() {
        LoggingEvent e = event(Level.WARN, 1_751_370_123_456L, "Short", null, "jsrvany-supervisor");
        assertThat(LineLayout.file(ZoneId.systemDefault()).doLayout(e)).isEqualTo(pattern(FILE).doLayout(e))
                .contains(" WARN  [jsrvany-supervisor] Short - message 42");
    }

    private LoggingEvent event(Level level, long millis, String logger, Throwable thrown) {
        return event(level, millis, logger, thrown, "main");
    }

    private LoggingEvent event(Level level, long millis, String logger, Throwable thrown, String thread) {
        LoggingEvent e = new LoggingEvent();
        e.setLoggerContext(context);
        e.setLoggerName(logger);
        e.setLevel(level);
        e.setMessage("message {}");
        e.setArgumentArray(new Object[] {42});
        e.setTimeStamp(millis);
        e.setThreadName(thread);
        if (thrown != null) {
            e.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(thrown));
        }
        return e;
    }

    private PatternLayout pattern(String pattern) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        return layout;
    }
}
