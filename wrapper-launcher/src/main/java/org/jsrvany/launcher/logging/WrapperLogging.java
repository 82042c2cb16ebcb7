package org.jsrvany.launcher.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The wrapper's own log: the console (stderr, from logback.xml) in the foreground, plus a file when
 * one is given. The context is Logback's own, so it already has its MDC adapter.
 */
public final class WrapperLogging {
    private WrapperLogging() {
    }

    /** Adds a file appender for {@code file} to the root logger. */
    public static void addFile(Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LayoutWrappingEncoder<ILoggingEvent> encoder = LineLayout.encoder(context, LineLayout.file());
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(file.toAbsolutePath().toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            throw new IllegalArgumentException("the wrapper log " + file.toAbsolutePath()
                    + " cannot be written: check that its folder exists and is writable, or drop --log");
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    /** Flushes and closes every appender. */
    public static void stop() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
}
