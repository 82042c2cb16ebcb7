package org.jsrvany.core.win32.process;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinDef.LPARAM;
import com.sun.jna.platform.win32.WinDef.WPARAM;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * user32.dll functions as jna-platform lacks them: its {@code PostMessage} returns nothing and
 * its {@code PostThreadMessage} hides the failure, and the stop ladder needs to know whether
 * anything took the message.
 */
interface User32Ex extends StdCallLibrary {

    /** Loaded on first use only: user32 is not touched unless a WM_CLOSE/WM_QUIT step runs. */
    final class Holder {
        static final User32Ex INSTANCE = Native.load("user32", User32Ex.class, W32APIOptions.DEFAULT_OPTIONS);

        private Holder() {
        }
    }

    static User32Ex instance() {
        return Holder.INSTANCE;
    }

    int WM_CLOSE = 0x0010;
    int WM_QUIT = 0x0012;

    /** Thread has no message queue (PostThreadMessage). */
    int ERROR_INVALID_THREAD_ID = 1444;

    boolean PostMessageW(HWND window, int message, WPARAM wParam, LPARAM lParam);

    boolean PostThreadMessageW(int threadId, int message, WPARAM wParam, LPARAM lParam);
}
