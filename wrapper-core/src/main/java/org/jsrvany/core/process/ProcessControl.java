package org.jsrvany.core.process;

import org.jsrvany.core.config.ServiceConfig;

/** Starts children the way the platform allows: the process-control SPI. */
public interface ProcessControl {

    /** Starts the configured program with its exact arguments, environment and working directory. */
    ChildProcess launch(ServiceConfig config) throws LaunchException;

    /**
     * No child will follow (the service ended): gives back what was made ahead for a next run (on Linux, the
     * next run's cgroup and watchdog). A later {@link #launch} still works.
     */
    default void releasePrepared() {
    }

    /**
     * The POSIX implementation (process group, parent-death signal, watchdog). The Windows one is
     * {@code org.jsrvany.core.win32.process.WindowsProcesses}; {@code org.jsrvany.core.run.Platform}
     * picks the one for this OS.
     */
    static ProcessControl posix() {
        return PosixProcessControl.create();
    }
}
