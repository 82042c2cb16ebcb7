package org.jsrvany.core.win32.process;

/**
 * Which console a child gets. Never {@code CREATE_NEW_PROCESS_GROUP}: Windows turns Ctrl+C off
 * for such a child, and Ctrl+C is the stop ladder's first, graceful step.
 */
enum ConsoleMode {
    /**
     * A console of its own with a hidden window ({@code CREATE_NEW_CONSOLE}, {@code SW_HIDE}): the
     * default. Because the console has a window (hidden), a Java child's own children share it
     * (the JDK starts them with {@code CREATE_NO_WINDOW} when {@code GetConsoleWindow()} is NULL),
     * so one Ctrl+C reaches the whole tree.
     */
    NEW_HIDDEN(Kernel32Ex.CREATE_NEW_CONSOLE, Kernel32Ex.STARTF_USESHOWWINDOW),
    /**
     * A console of its own without any window ({@code CREATE_NO_WINDOW}). Ctrl+C reaches the
     * child, but a Java child then starts each of its own children on yet another console.
     */
    NO_WINDOW(Kernel32Ex.CREATE_NO_WINDOW, 0),
    /** No console at all ({@code DETACHED_PROCESS}, {@code AppNoConsole=1}): Ctrl+C cannot reach it. */
    NONE(Kernel32Ex.DETACHED_PROCESS, 0),
    /**
     * The console the wrapper has just made for it ({@code AppConsoleCodePage}, {@link ChildConsole}): no console
     * flag, so the child inherits the wrapper's console (a hidden window, its code pages already set), which the
     * wrapper leaves right after {@code CreateProcessW}. Never chosen by configuration: {@link ChildConsole} turns
     * {@link #NEW_HIDDEN} into it for one launch. Ctrl+C reaches it like {@link #NEW_HIDDEN}.
     */
    INHERITED(0, Kernel32Ex.STARTF_USESHOWWINDOW);

    private final int creationFlag;
    private final int startupFlag;

    ConsoleMode(int creationFlag, int startupFlag) {
        this.creationFlag = creationFlag;
        this.startupFlag = startupFlag;
    }

    int creationFlag() {
        return creationFlag;
    }

    /** {@code STARTUPINFO.dwFlags} bits this mode needs besides {@code STARTF_USESTDHANDLES}. */
    int startupFlag() {
        return startupFlag;
    }

    boolean hasConsole() {
        return this != NONE;
    }
}
