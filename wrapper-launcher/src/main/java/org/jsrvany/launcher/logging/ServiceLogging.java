package org.jsrvany.launcher.logging;

import org.jsrvany.core.service.DataFolders;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jsrvany.core.win32.security.SecureFolder;
import org.slf4j.LoggerFactory;

/**
 * The wrapper's own log in service mode: {@code %ProgramData%\jsrvany\logs\<service>.log} (or the
 * folder the {@value #LOG_DIR_PROPERTY} system property names), rotated at 10 MB keeping five old
 * files ({@code <service>.1.log} newest); the console appender is removed (a service has no console).
 */
public final class ServiceLogging {
    /** System property that moves the log folder: {@code -Djsrvany.logdir=D:\logs} in ImagePath. */
    public static final String LOG_DIR_PROPERTY = "jsrvany.logdir";
    static final String MAX_FILE_SIZE = "10MB";
    static final int KEEP = 5;
    private static final String APPENDER = "SERVICE_FILE";
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private ServiceLogging() {
    }

    /**
     * The log folder: the {@value #LOG_DIR_PROPERTY} property when set, else
     * {@code <ProgramData>\jsrvany\logs}, else {@code C:\ProgramData\jsrvany\logs}.
     */
    public static Path folder(String logDirProperty, UnaryOperator<String> env) {
        if (logDirProperty != null && !logDirProperty.isBlank()) {
            return Path.of(logDirProperty.strip());
        }
        String programData = env.apply("ProgramData");
        if (programData == null || programData.isBlank()) {
            programData = "C:\\ProgramData";
        }
        return new DataFolders(Path.of(programData)).logs();
    }

    /**
     * A file name for the service's log: characters Windows forbids in file names become '_', and so
     * do trailing dots and spaces; a reserved device name (CON, NUL, COM1 ...) gets a leading '_'.
     */
    public static String baseName(String serviceName) {
        StringBuilder sb = new StringBuilder();
        for (char c : serviceName.toCharArray()) {
            sb.append(c < 32 || "<>:\"/\\|?*".indexOf(c) >= 0 ? '_' : c);
        }
        int end = sb.length();
        while (end > 0 && (sb.charAt(end - 1) == '.' || sb.charAt(end - 1) == ' ')) {
            sb.setCharAt(--end, '_');
        }
        String name = sb.length() == 0 ? "_" : sb.toString();
        String stem = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        return RESERVED.contains(stem.toUpperCase(Locale.ROOT)) ? "_" + name : name;
    }

    /**
     * Sends the wrapper's log to the service's file and nowhere else.
     *
     * @return the log file
     * @throws IOException when the folder cannot be created, or is a junction or symbolic link
     */
    public static Path start(String serviceName) throws IOException {
        Path dir = folder(System.getProperty(LOG_DIR_PROPERTY), System::getenv).toAbsolutePath();
        // Protected permissions when new; a junction planted there is refused (the caller logs without a file).
        SecureFolder.prepareForService(dir);
        String base = baseName(serviceName);
        Path file = dir.resolve(base + ".log");

        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n");
        encoder.start();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(dir.resolve(base + ".%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(KEEP);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf(MAX_FILE_SIZE));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.start();
        if (!appender.isStarted()) {
            throw new IOException("the log file " + file + " cannot be opened");
        }
        root.addAppender(appender);
        root.detachAppender(LogbackSetup.CONSOLE);
        return file;
    }

    /** Without a file: at least no console appender writing into the void. */
    public static void consoleOff() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(LogbackSetup.CONSOLE);
    }

    /** Flushes and closes every appender (before the process ends). */
    public static void stop() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
}
