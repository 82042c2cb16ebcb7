package org.jsrvany.core.win32;

import java.time.LocalTime;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J provider that prints to stdout, for the Windows lane: its JRE has no
 * {@code java.naming} module, and Logback cannot read {@code logback-test.xml} without it (Joran
 * links its JNDI handler: {@code NoClassDefFoundError: javax/naming/NamingException}). Selected
 * through {@code slf4j.provider} by {@link WindowsTestSupport#useMinimalLoggingIfLogbackCannotConfigure()}.
 * Level: INFO, or {@code -Djsrvany.test.log=DEBUG}.
 */
public final class MinimalLogging implements SLF4JServiceProvider {
    private static final Level THRESHOLD = Level.valueOf(
            System.getProperty("jsrvany.test.log", "INFO").toUpperCase(Locale.ROOT));

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return name -> loggers.computeIfAbsent(name, PrintingLogger::new);
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up
    }

    private static final class PrintingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        PrintingLogger(String name) {
            this.name = name;
        }

        private static boolean on(Level level) {
            return level.toInt() >= THRESHOLD.toInt();
        }

        @Override
        public boolean isTraceEnabled() {
            return on(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return on(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return on(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return on(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return on(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                Throwable throwable) {
            String text = MessageFormatter.basicArrayFormat(pattern, args);
            String shortName = name.substring(name.lastIndexOf('.') + 1);
            StringBuilder line = new StringBuilder().append(LocalTime.now()).append(' ').append(level).append(" [")
                    .append(Thread.currentThread().getName()).append("] ").append(shortName).append(" - ").append(text);
            synchronized (System.out) {
                System.out.println(line);
                if (throwable != null) {
                    throwable.printStackTrace(System.out);
                }
            }
        }
    }
}
