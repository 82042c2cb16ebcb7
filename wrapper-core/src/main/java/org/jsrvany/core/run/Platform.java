package org.jsrvany.core.run;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import org.jsrvany.core.process.ProcessControl;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.win32.process.WindowsProcesses;

/**
 * What a supervision runs on: the process control, the supervisor's clock and its timers.
 *
 * @param processes starts the child (POSIX or Windows)
 * @param clock     the supervisor's clock (run times, restart decisions)
 * @param scheduler the supervisor's timers
 */
public record Platform(ProcessControl processes, Clock clock, Scheduler scheduler) {
    public Platform {
        Objects.requireNonNull(processes, "processes");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
    }

    /** Whether this JVM runs on Windows (or under Wine, which says it is Windows). */
    public static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /**
     * This OS's process control with the system clock and timers.
     *
     * @throws IllegalStateException when the OS cannot contain a child tree (no {@code setsid} or
     *     {@code setpriv} on Linux, say); the message says what is missing
     */
    public static Platform current() {
        ProcessControl processes = windows() ? WindowsProcesses.processControl() : ProcessControl.posix();
        return new Platform(processes, Clock.systemDefaultZone(), Scheduler.system());
    }

    /**
     * {@link #current()} for a supervision in the foreground ({@code run --config}, the installer's
     * {@code test}): on Windows each child's console has no window at all
     * ({@link WindowsProcesses#foregroundProcessControl()}), so that it stays invisible where Windows Terminal
     * is the default terminal.
     *
     * @throws IllegalStateException as {@link #current()}
     */
    public static Platform foreground() {
        ProcessControl processes = windows() ? WindowsProcesses.foregroundProcessControl() : ProcessControl.posix();
        return new Platform(processes, Clock.systemDefaultZone(), Scheduler.system());
    }
}
