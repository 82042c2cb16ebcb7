package org.jsrvany.core.win32.process;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The window steps' helper process's main, for a program in a user's session ({@link UserSessionSteps} starts it
 * there with the user's token, on the user's desktop, where {@code EnumWindows} and {@code PostThreadMessageW} reach
 * the program): {@code close pid...} posts {@code WM_CLOSE} to the top-level windows of those processes,
 * {@code quit pid...} posts {@code WM_QUIT} to their threads ({@link WindowMessages}, the same code as for a program
 * in the service's session). No logging library: it must start fast with JNA alone.
 *
 * <p>Exit codes: {@value #POSTED} posted to at least one, {@value #USAGE} bad arguments, {@value #NOBODY} no window
 * or thread took it, {@value #FAILED} the enumeration failed.
 */
final class WindowStepSender {
    static final int POSTED = 0;
    static final int USAGE = 1;
    static final int NOBODY = 2;
    static final int FAILED = 3;

    static final String CLOSE = "close";
    static final String QUIT = "quit";

    private WindowStepSender() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || !(args[0].equals(CLOSE) || args[0].equals(QUIT))) {
            Runtime.getRuntime().halt(USAGE);
        }
        Set<Integer> pids = new LinkedHashSet<>();
        try {
            for (int i = 1; i < args.length; i++) {
                pids.add(Integer.parseInt(args[i]));
            }
        } catch (NumberFormatException e) {
            Runtime.getRuntime().halt(USAGE);
        }
        int posted;
        try {
            posted = args[0].equals(CLOSE) ? WindowMessages.closeWindows(pids) : WindowMessages.quitThreads(pids);
        } catch (RuntimeException e) {
            Runtime.getRuntime().halt(FAILED);
            return;
        }
        Runtime.getRuntime().halt(posted > 0 ? POSTED : NOBODY);
    }
}
