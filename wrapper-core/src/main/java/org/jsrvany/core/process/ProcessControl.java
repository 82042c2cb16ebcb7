package org.jsrvany.core.process;

import java.util.Locale;
import org.jsrvany.core.config.ServiceConfig;

/** Starts children the way the platform allows: the process-control SPI. */
public interface ProcessControl {

    /** Starts the configured program with its exact arguments, environment and working directory. */
    ChildProcess launch(ServiceConfig config) throws LaunchException;

    /** The implementation for this OS. */
    static ProcessControl forCurrentOs() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return org.jsrvany.core.win32.WindowsProcesses.processControl();
        }
        return PosixProcessControl.create();
    }
}
