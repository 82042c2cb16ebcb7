package org.jsrvany.core.win32.process;

/**
 * {@code AppConsoleCodePage} at each launch: who makes the program's console, decided in plain Java (tested on
 * any OS, {@code ChildConsoleTest}); {@link WrapperConsole} only makes the calls.
 *
 * <p>A console made by {@code CREATE_NEW_CONSOLE} does not exist while the child is suspended (the child's own
 * start-up creates it), so its code page cannot be set before the program's first instruction from outside.
 * Instead the wrapper makes the console itself ({@code AllocConsole}, window hidden, {@code SetConsoleCP} and
 * {@code SetConsoleOutputCP}), creates the child without a console flag so that it inherits that console, and
 * leaves it ({@code FreeConsole}) before the child runs, all under {@link ConsoleCtrl#LOCK}. NSSM has started
 * every program on a console it allocated itself that way since its first version.
 *
 * <p>That needs a wrapper without a console of its own (a service): a process is on one console at a time, and
 * a wrapper in the foreground would lose the user's console for good by leaving it ({@link ConsoleCtrl}). So
 * the decision is the wrapper's console route, the console mode, and whether the program goes to a user's
 * session.
 */
final class ChildConsole {
    private ChildConsole() {
    }

    /** What happens to the program's console at one launch. */
    sealed interface Decision {
    }

    /** No code page asked for: the console mode as configured, Windows makes the console. */
    record AsWindowsMakesIt() implements Decision {
    }

    /** The wrapper makes the console with {@code codePage} as its input and output code page; the child inherits it. */
    record MadeByWrapper(int codePage) implements Decision {
    }

    /** A code page was asked for but cannot be set here: the console mode as configured, and this warning. */
    record NotApplied(String warning) implements Decision {
    }

    /**
     * @param codePage     AppConsoleCodePage (0 = unset)
     * @param console      the console mode of the plan ({@code AppNoConsole=1} already made it {@link ConsoleMode#NONE})
     * @param route        whether the wrapper is on a console of its own ({@link ConsoleCtrl#currentRoute})
     * @param userSession  the program starts in a user's session ({@code AppSession} Console or Active)
     */
    static Decision decide(int codePage, ConsoleMode console, ConsoleCtrl.Route route, boolean userSession) {
        if (codePage == 0) {
            return new AsWindowsMakesIt();
        }
        String notApplied = "AppConsoleCodePage " + codePage + " is not applied: ";
        String result = "; the program's console has the code page Windows gives it";
        if (console == ConsoleMode.NONE) {
            return new NotApplied(notApplied + "AppNoConsole=1 starts the program without a console" + result + ".");
        }
        if (userSession) {
            return new NotApplied(notApplied + "the program starts in a user's session (AppSession), on a console the"
                    + " service cannot prepare" + result + ".");
        }
        if (route == ConsoleCtrl.Route.HELPER) {
            return new NotApplied(notApplied + "the wrapper runs on a console of its own (in the foreground: run or"
                    + " test), and a process can be on only one console, so it cannot make the program's console"
                    + " without leaving yours" + result + ". A service applies it.");
        }
        if (console != ConsoleMode.NEW_HIDDEN) {
            return new NotApplied(notApplied + "the program gets a console without a window (" + console + "), and"
                    + " a console the wrapper makes always has one" + result + ".");
        }
        return new MadeByWrapper(codePage);
    }
}
