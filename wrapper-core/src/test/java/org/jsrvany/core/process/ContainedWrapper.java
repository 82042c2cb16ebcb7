package org.jsrvany.core.process;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.PropertiesSource;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.supervisor.DiscardOutput;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.supervisor.ServiceState;
import org.jsrvany.core.supervisor.Supervisor;
import org.slf4j.LoggerFactory;

/**
 * A wrapper process for the tests that kill it: supervises {@code CONFIG} with the POSIX control held at
 * {@code LEVEL}, logs the containment at DEBUG on stdout, and runs until killed.
 * Usage: {@code ContainedWrapper LEVEL CONFIG}.
 */
public final class ContainedWrapper {
    private ContainedWrapper() {
    }

    public static void main(String[] args) throws Exception {
        ((Logger) LoggerFactory.getLogger("org.jsrvany.core.process")).setLevel(Level.DEBUG);
        ServiceConfig config = new ConfigLoader(System.getenv(), false, w -> {
        }).load("contained", PropertiesSource.load(Path.of(args[1])));
        PosixProcessControl control = PosixProcessControl.create(ContainmentLevel.valueOf(args[0]));
        System.out.println("level " + control.level());
        Supervisor supervisor = Supervisor.create(config, control, new DiscardOutput(),
                (ServiceState state, Duration hint) -> System.out.println("state " + state),
                Clock.systemUTC(), Scheduler.system());
        supervisor.start();
        System.out.println("outcome " + supervisor.outcome().join());
    }

    /** This module's classes and test classes and what they need, for a wrapper JVM started by a test. */
    static String classpath() throws java.net.URISyntaxException {
        java.util.Set<String> entries = new java.util.LinkedHashSet<>();
        for (Class<?> type : java.util.List.of(ContainedWrapper.class, Supervisor.class, DiscardOutput.class,
                LoggerFactory.class, Logger.class, ch.qos.logback.core.Appender.class, com.sun.jna.Native.class,
                com.sun.jna.platform.win32.WinDef.class, org.apache.commons.exec.CommandLine.class)) {
            entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
