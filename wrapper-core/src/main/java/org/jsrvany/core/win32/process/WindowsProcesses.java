package org.jsrvany.core.win32.process;

import org.jsrvany.core.process.ProcessControl;

/** The Windows implementation of the process-control SPI. */
public final class WindowsProcesses {
    private WindowsProcesses() {
    }

    /**
     * Process control for Windows: each child on a console of its own with a hidden window (none
     * with {@code AppNoConsole=1}), in a kill-on-close job object unless {@code AppKillProcessTree=0}.
     */
    public static ProcessControl processControl() {
        return new WindowsProcessControl(ConsoleMode.NEW_HIDDEN);
    }
}
