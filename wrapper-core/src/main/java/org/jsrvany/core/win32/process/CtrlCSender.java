package org.jsrvany.core.win32.process;

import com.sun.jna.platform.win32.Kernel32;

/**
 * The Ctrl+C helper process's main ({@link CtrlCHelper} starts it with no console): arguments are
 * process ids, tried in order. No logging library: it must start fast with JNA alone.
 *
 * <p>Exit codes: {@value #SENT} sent, {@value #USAGE} bad arguments, {@value #NO_CONSOLE} no
 * process had a console, {@value #FAILED} attaching worked but sending did not.
 */
final class CtrlCSender {
    static final int SENT = 0;
    static final int USAGE = 1;
    static final int NO_CONSOLE = 2;
    static final int FAILED = 3;

    private CtrlCSender() {
    }

    /**
     * In the helper: ignore Ctrl+C (the event reaches this process too), join the console of the
     * first pid that has one, send, leave.
     */
    public static void main(String[] args) {
        int[] pids = new int[args.length];
        try {
            for (int i = 0; i < args.length; i++) {
                pids[i] = Integer.parseInt(args[i]);
            }
        } catch (NumberFormatException e) {
            Runtime.getRuntime().halt(USAGE);
        }
        if (pids.length == 0 || !Kernel32Ex.instance().SetConsoleCtrlHandler(null, true)) {
            Runtime.getRuntime().halt(pids.length == 0 ? USAGE : FAILED);
        }
        Kernel32.INSTANCE.FreeConsole(); // started without one; harmless if so
        for (int pid : pids) {
            if (Kernel32.INSTANCE.AttachConsole(pid)) {
                boolean sent = Kernel32.INSTANCE.GenerateConsoleCtrlEvent(Kernel32Ex.CTRL_C_EVENT, 0);
                Kernel32.INSTANCE.FreeConsole();
                Runtime.getRuntime().halt(sent ? SENT : FAILED);
            }
        }
        Runtime.getRuntime().halt(NO_CONSOLE);
    }
}
