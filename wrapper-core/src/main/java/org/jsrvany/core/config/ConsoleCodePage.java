package org.jsrvany.core.config;

import java.util.Optional;
import java.util.Set;

/**
 * {@code AppConsoleCodePage}: the input and output code page of the console the service gives the program
 * (docs/input-rotation-encoding.md). What the loader refuses, and the note {@code test} prints. Pure.
 *
 * <p>Which numbers Windows accepts depends on the code pages installed on the machine, so only what can
 * never work is refused here: a number above 65535 (code page identifiers are 16-bit), and the UTF-16 and
 * UTF-32 code pages, which Microsoft's list of code page identifiers marks "available only to managed
 * applications" (a console cannot use them). Any other number is handed to {@code SetConsoleCP} and
 * {@code SetConsoleOutputCP}; one Windows refuses is a launch warning (the program still starts, on a
 * console as Windows creates it).
 */
public final class ConsoleCodePage {
    /** 0: leave the console as Windows creates it. */
    public static final int UNSET = 0;

    /** UTF-16 LE/BE and UTF-32 LE/BE: code pages for managed applications only, never a console's. */
    private static final Set<Long> NOT_FOR_A_CONSOLE = Set.of(1200L, 1201L, 12000L, 12001L);

    private ConsoleCodePage() {
    }

    /**
     * Why {@code codePage} cannot be used with the rest of the configuration, or empty when it can.
     *
     * @param codePage  the value of AppConsoleCodePage (0 = unset)
     * @param noConsole AppNoConsole=1: the program has no console at all
     * @param session   AppSession: Console and Active start the program in a user's session
     */
    public static Optional<String> problem(long codePage, boolean noConsole, SessionRule session) {
        if (codePage == UNSET) {
            return Optional.empty();
        }
        if (codePage < 0 || codePage > 0xFFFF) {
            return Optional.of("AppConsoleCodePage is " + codePage + ": a Windows code page number is at most 65535."
                    + " Use 0 (the console as Windows creates it) or a code page such as 65001 (UTF-8), 437, 850 or 1252.");
        }
        if (NOT_FOR_A_CONSOLE.contains(codePage)) {
            return Optional.of("AppConsoleCodePage is " + codePage + ", a UTF-16 or UTF-32 code page, which a console"
                    + " cannot use (Windows keeps them for managed applications). Use 65001 for UTF-8, or 0.");
        }
        if (noConsole) {
            return Optional.of("AppConsoleCodePage is " + codePage + " but AppNoConsole is 1, which starts the program"
                    + " without any console whose code page could be set: remove AppConsoleCodePage (set it to 0), or"
                    + " set AppNoConsole to 0.");
        }
        if (session.desktop()) {
            return Optional.of("AppConsoleCodePage is " + codePage + " but AppSession is " + session.mode().registryText()
                    + ": the program then starts in a user's session on a console the service cannot prepare. Remove"
                    + " AppConsoleCodePage (set it to 0), or use AppSession Service.");
        }
        return Optional.empty();
    }

    /**
     * What {@code jsrvany test} says about a set code page: in the foreground the program's console keeps
     * Windows' code page, because the wrapper is on the user's console and must not change it.
     */
    public static Optional<String> foregroundNote(int codePage) {
        if (codePage == UNSET) {
            return Optional.empty();
        }
        return Optional.of("Note: AppConsoleCodePage is " + codePage + "; the service would start the program on a"
                + " console whose input and output code page is " + codePage + ". 'test' runs it in the foreground,"
                + " where the wrapper is on your console and leaves code pages alone: the program's console has"
                + " Windows' default code page here.");
    }
}
