package org.jsrvany.launcher.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The wrapper's logging set up in code, found by Logback through {@code META-INF/services}: the
 * console appender {@code CONSOLE} on stderr, jsrvany's loggers at INFO and everything else at WARN.
 *
 * <p>Not a {@code logback.xml}: Logback's XML configurator needs {@code javax.naming}
 * (the java.naming module), which small jlink runtimes lack; the launcher then died before it could
 * even connect to the service manager. In service mode {@code ServiceLogging} replaces the console
 * appender with the service's log file.
 */
public final class LogbackSetup extends ContextAwareBase implements Configurator {
    /** The console appender's name (service mode removes it). */
    public static final String CONSOLE = "CONSOLE";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LayoutWrappingEncoder<ILoggingEvent> encoder = LineLayout.encoder(context, LineLayout.console());
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(CONSOLE);
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        context.getLogger("org.jsrvany").setLevel(Level.INFO);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
