package org.jsrvany.core.win32.process;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import org.jsrvany.core.win32.Win32CallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console the wrapper makes for one child ({@code AppConsoleCodePage}, {@link ChildConsole.MadeByWrapper}):
 * {@code AllocConsole}, its window hidden ({@code ShowWindow(SW_HIDE)}), {@code SetConsoleCP} and
 * {@code SetConsoleOutputCP}. The child created meanwhile without a console flag inherits it; {@link #close()}
 * leaves it ({@code FreeConsole}; the console lives on while the child is attached) and puts back the wrapper's
 * standard handles, which {@code AllocConsole} replaced with the new console's.
 *
 * <p>Only under {@link ConsoleCtrl#LOCK} (the wrapper's console attachment is per process, and the Ctrl+C step
 * attaches to children's consoles), and only in a wrapper without a console ({@link ConsoleCtrl.Route#IN_PROCESS}):
 * {@code AllocConsole} fails with {@code ERROR_ACCESS_DENIED} for a process that has one.
 */
final class WrapperConsole implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WrapperConsole.class);
    private static final int[] STD = {Kernel32Ex.STD_INPUT_HANDLE, Kernel32Ex.STD_OUTPUT_HANDLE,
            Kernel32Ex.STD_ERROR_HANDLE};
    private static final int SW_HIDE = 0;

    private final HANDLE[] savedStdHandles;
    private boolean attached = true;

    private WrapperConsole(HANDLE[] savedStdHandles) {
        this.savedStdHandles = savedStdHandles;
    }

    /**
     * Makes the console, hides its window and sets both code pages.
     *
     * @throws Win32CallException naming the call that failed ({@code Native.getLastError()} taken at once); the
     *     wrapper has left the console again and has its own standard handles back
     */
    static WrapperConsole open(int codePage) {
        HANDLE[] saved = new HANDLE[STD.length];
        for (int i = 0; i < STD.length; i++) {
            saved[i] = Kernel32.INSTANCE.GetStdHandle(STD[i]);
        }
        if (!Kernel32.INSTANCE.AllocConsole()) {
            throw Win32CallException.lastError("AllocConsole");
        }
        WrapperConsole console = new WrapperConsole(saved);
        try {
            HWND window = Kernel32.INSTANCE.GetConsoleWindow();
            if (window != null) {
                // Returns whether the window was visible before, not success: nothing to check.
                User32.INSTANCE.ShowWindow(window, SW_HIDE);
            }
            if (!Kernel32.INSTANCE.SetConsoleCP(codePage)) {
                throw Win32CallException.lastError("SetConsoleCP(" + codePage + ")");
            }
            if (!Kernel32.INSTANCE.SetConsoleOutputCP(codePage)) {
                throw Win32CallException.lastError("SetConsoleOutputCP(" + codePage + ")");
            }
            return console;
        } catch (RuntimeException e) {
            console.close();
            throw e;
        }
    }

    /**
     * Leaves the console and restores the wrapper's standard handles. Idempotent; failures are logged. The order
     * matters: {@code FreeConsole} closes the console handles {@code AllocConsole} opened as standard handles
     * (Windows 8 and later, measured in rprichard's win32-console-docs; Wine does the same), so the wrapper's own
     * are put back only after it, and never closed here.
     */
    @Override
    public void close() {
        if (!attached) {
            return;
        }
        attached = false;
        if (!Kernel32.INSTANCE.FreeConsole()) {
            LOG.warn("{}", Win32CallException.lastError("FreeConsole (after making the program's console)").getMessage());
        }
        for (int i = 0; i < STD.length; i++) {
            if (!Kernel32.INSTANCE.SetStdHandle(STD[i], savedStdHandles[i])) {
                LOG.warn("{}", Win32CallException.lastError("SetStdHandle(" + STD[i] + ")").getMessage());
            }
        }
    }
}
