package org.jsrvany.core.win32.process;

import org.jsrvany.core.win32.Win32CallException;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl+C to a child's console: the stop ladder's first step.
 *
 * <p>Windows delivers {@code CTRL_C_EVENT} only to the processes of the sender's own console, so
 * the sender must join the child's console: {@code AttachConsole(child)},
 * {@code SetConsoleCtrlHandler(NULL, TRUE)} (the event reaches every process on that console, the
 * wrapper included, and without the shield the wrapper would exit),
 * {@code GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0)}, {@code FreeConsole()}, and
 * {@code SetConsoleCtrlHandler(NULL, FALSE)} again.
 *
 * <p><b>The wrapper's own console.</b> A process can be on one console only. A service has none,
 * so the sequence runs in the wrapper itself and it detaches from exactly what it attached. A
 * wrapper in the foreground ({@code run --config} in a console window) has one; freeing it would
 * lose it for good: the JVM's {@code System.out} holds the old console handles, which a later
 * {@code AttachConsole(ATTACH_PARENT_PROCESS)} does not bring back, and the parent (cmd.exe) may
 * already be gone. So in that case the same sequence runs in a short-lived helper process
 * ({@link CtrlCHelper}, started with no console) and the wrapper's console is never touched.
 * Which case applies is asked before anything is done ({@link #route}: {@code GetConsoleProcessList},
 * {@code GetConsoleWindow}), never inferred from {@code AttachConsole} failing with
 * {@code ERROR_ACCESS_DENIED}: a service that got that error for whatever reason would otherwise start
 * helper JVMs (up to twice 30 s) against a shutdown budget of a few seconds. The helper is bounded by
 * the stop step's budget.
 *
 * <p><b>One at a time.</b> Everything here runs under {@link #LOCK}, process-wide: the wrapper's
 * console attachment and its ignore-Ctrl+C flag are per process, and a child created while the
 * flag is set would inherit "ignore Ctrl+C". Launches take the same lock for that reason (and for
 * the inheritable pipe ends, see {@link ChildStdio}).
 *
 * <p><b>A late event.</b> The console delivers the event asynchronously (a thread it starts in
 * each attached process); one that reaches the wrapper after the flag was restored would find no
 * handler and end the process. A handler that swallows Ctrl+C for {@link #SHIELD} after each send
 * (and passes every other event on) closes that gap; it is registered once and kept for the life
 * of the process.
 */
final class ConsoleCtrl {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleCtrl.class);

    /** Held while sending Ctrl+C and while creating a child (inheritance of handles and of the ignore flag). */
    static final ReentrantLock LOCK = new ReentrantLock();

    /** How long after a send a late Ctrl+C to the wrapper itself is swallowed. */
    static final Duration SHIELD = Duration.ofSeconds(10);

    /** What became of a Ctrl+C. */
    enum Delivery {
        /** Generated on the child's console. */
        SENT,
        /** None of the processes has a console (or all are gone): nothing to send to. */
        NO_CONSOLE,
        /** Attaching worked but sending failed, or the helper failed. */
        FAILED
    }

    /** Where the Ctrl+C sequence runs. */
    enum Route {
        /** The wrapper has no console (a service): it attaches to the child's console itself. */
        IN_PROCESS,
        /** The wrapper is on a console of its own (the foreground): a helper process sends it. */
        HELPER
    }

    /**
     * Whether the wrapper is on a console, from {@code GetConsoleProcessList} (how many processes
     * share the caller's console; 0 when it has none) and {@code GetConsoleWindow} (non-NULL when its
     * console has a window). Either sign of a console means the helper: a console without a window
     * ({@code CREATE_NO_WINDOW}, a pseudoconsole) is still one the wrapper must not free. Pure.
     */
    static Route route(int consoleProcesses, boolean consoleWindow) {
        return consoleProcesses > 0 || consoleWindow ? Route.HELPER : Route.IN_PROCESS;
    }

    /** {@link #route} for this process now. */
    static Route currentRoute() {
        int processes = Kernel32Ex.instance().GetConsoleProcessList(new int[4], 4);
        return route(Math.max(0, processes), Kernel32.INSTANCE.GetConsoleWindow() != null);
    }

    private static volatile long shieldUntil = System.nanoTime();
    /** Registered once, referenced for ever: the console calls it from its own thread. */
    private static Kernel32Ex.HandlerRoutine guard;

    private ConsoleCtrl() {
    }

    /**
     * Sends Ctrl+C to the console of the first of {@code pids} that has one (the main process
     * first; a grandchild on the same console serves if the main process is gone). Through the helper
     * (a wrapper with a console) it takes at most {@code budget}; in-process it takes milliseconds.
     */
    static Delivery sendCtrlC(int[] pids, Duration budget) {
        LOCK.lock();
        try {
            if (currentRoute() == Route.HELPER) {
                LOG.debug("The wrapper has a console of its own; Ctrl+C goes through a helper process");
                return CtrlCHelper.send(pids, budget);
            }
            installGuard();
            for (int pid : pids) {
                if (Kernel32.INSTANCE.AttachConsole(pid)) {
                    return sendWhileAttached(pid);
                }
                int error = Native.getLastError();
                if (error == Kernel32Ex.ERROR_ACCESS_DENIED) {
                    // Documented as "already attached to a console", which route() ruled out: no helper, a failure.
                    LOG.warn("Ctrl+C not sent: {}", Win32CallException.of("AttachConsole(pid " + pid + ")", error)
                            .getMessage());
                    return Delivery.FAILED;
                }
                // ERROR_INVALID_HANDLE: this process has no console; ERROR_INVALID_PARAMETER: it is gone.
                LOG.debug("AttachConsole(pid {}) failed with error {}", pid, error);
            }
            return Delivery.NO_CONSOLE;
        } finally {
            LOCK.unlock();
        }
    }

    private static Delivery sendWhileAttached(int pid) {
        boolean shielded = Kernel32Ex.instance().SetConsoleCtrlHandler(null, true);
        int shieldError = shielded ? 0 : Native.getLastError();
        boolean sent = false;
        int sendError = 0;
        try {
            if (shielded) {
                shieldUntil = System.nanoTime() + SHIELD.toNanos();
                sent = Kernel32.INSTANCE.GenerateConsoleCtrlEvent(Kernel32Ex.CTRL_C_EVENT, 0);
                sendError = sent ? 0 : Native.getLastError();
            }
        } finally {
            if (!Kernel32.INSTANCE.FreeConsole()) {
                LOG.warn("{}", Win32CallException.lastError("FreeConsole (after attaching to pid " + pid + ")").getMessage());
            }
            if (shielded && !Kernel32Ex.instance().SetConsoleCtrlHandler(null, false)) {
                LOG.warn("{}", Win32CallException.lastError("SetConsoleCtrlHandler(NULL, FALSE)").getMessage());
            }
        }
        if (!shielded) {
            LOG.warn("Ctrl+C not sent: {}", Win32CallException.of("SetConsoleCtrlHandler(NULL, TRUE)", shieldError)
                    .getMessage());
            return Delivery.FAILED;
        }
        if (!sent) {
            LOG.warn("Ctrl+C not sent: {}", Win32CallException.of("GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0) on the console"
                    + " of pid " + pid, sendError).getMessage());
            return Delivery.FAILED;
        }
        return Delivery.SENT;
    }

    private static void installGuard() {
        if (guard != null) {
            return;
        }
        Kernel32Ex.HandlerRoutine handler = ctrlType -> (ctrlType == Kernel32Ex.CTRL_C_EVENT
                || ctrlType == Kernel32Ex.CTRL_BREAK_EVENT) && System.nanoTime() - shieldUntil < 0;
        if (Kernel32Ex.instance().SetConsoleCtrlHandler(handler, true)) {
            guard = handler;
        } else {
            LOG.warn("{}", Win32CallException.lastError("SetConsoleCtrlHandler(guard, TRUE)").getMessage());
        }
    }
}
