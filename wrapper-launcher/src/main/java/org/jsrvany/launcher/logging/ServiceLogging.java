package org.jsrvany.launcher.logging;

import org.jsrvany.core.service.DataFolders;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.jsrvany.core.win32.security.SecureFolder;
import org.slf4j.LoggerFactory;

/**
 * The wrapper's own log in service mode: {@code %ProgramData%\jsrvany\logs\<service>\<service>.log}
 * (the service's own log folder, {@link DataFolders#serviceLogs}), or {@code <service>.log} in the folder
 * the {@value #LOG_DIR_PROPERTY} system property names; rotated at 10 MB keeping five old files
 * ({@code <service>.1.log} newest); the console appender is removed (a service has no console).
 * {@code <service>} is {@link DataFolders#folderName}.
 */
public final class ServiceLogging {
    /** System property that moves the log folder: {@code -Djsrvany.logdir=D:\logs} in ImagePath. */
    public static final String LOG_DIR_PROPERTY = "jsrvany.logdir";
    static final String MAX_FILE_SIZE = "10MB";
    static final int KEEP = 5;
    private static final String APPENDER = "SERVICE_FILE";

    private ServiceLogging() {
    }

    /**
     * The log folder: the {@value #LOG_DIR_PROPERTY} property when set, else the service's own folder
     * {@code <programData>\jsrvany\logs\<service>}, with {@code programData} asked for only then.
     */
    public static Path folder(String logDirProperty, Supplier<Path> programData, String service) {
        if (logDirProperty != null && !logDirProperty.isBlank()) {
            return Path.of(logDirProperty.strip());
        }
        return new DataFolders(programData.get()).serviceLogs(service);
    }

    /** The log file's name without {@code .log}: the service's folder name (no character Windows forbids). */
    public static String baseName(String serviceName) {
        return DataFolders.folderName(serviceName);
    }

    /**
     * Sends the wrapper's log to the service's file and nowhere else.
     *
     * @return the log file
     * @throws IOException when the folder cannot be created, or is a junction or symbolic link
     */
    public static Path start(String serviceName) throws IOException {
        Path dir = folder(System.getProperty(LOG_DIR_PROPERTY), SecureFolder::programData, serviceName).toAbsolutePath();
        // The service's own folder (made by the installer, or here by the same rule); a junction planted
        // there is refused (the caller logs without a file).
        SecureFolder.prepareForService(dir);
        String base = baseName(serviceName);
        Path file = dir.resolve(base + ".log");

        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        LayoutWrappingEncoder<ILoggingEvent> encoder = LineLayout.encoder(context, LineLayout.file());
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
