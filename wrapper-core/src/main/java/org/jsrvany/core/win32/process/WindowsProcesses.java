package org.jsrvany.core.win32.process;

import org.jsrvany.core.process.ProcessControl;
import org.jsrvany.core.process.SessionTarget;

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

    /**
     * Process control for a wrapper in the foreground ({@code run --config}, {@code test}): each child on a
     * console of its own without any window ({@code CREATE_NO_WINDOW}). Where Windows Terminal is the default
     * terminal (Windows 11), a new console with a window is handed to Terminal, which does not keep it hidden
     * ({@code SW_HIDE}); a console without a window is never shown. Ctrl+C still reaches the child through its
     * console (see docs/windows-process-control.md for what it costs a Java child's own children).
     */
    public static ProcessControl foregroundProcessControl() {
        return new WindowsProcessControl(ConsoleMode.NO_WINDOW);
    }

    /**
     * Process control for a service whose program runs in a user's session ({@code AppSession} Console or Active):
     * each run is started with {@code CreateProcessAsUserW} and the user's own token in the session {@code target}
     * names now, on {@code winsta0\\default}, with the user's environment block under the configured entries, into a
     * fresh kill-on-close job (its first process is the child, so the job belongs to the user's session). Its console
     * has no window ({@code CREATE_NO_WINDOW}, no {@code SW_HIDE}, which would hide a GUI program's first window).
     */
    public static ProcessControl userSessionProcessControl(SessionTarget target) {
        return new WindowsProcessControl(ConsoleMode.NO_WINDOW, java.util.Optional.of(target));
    }
}
