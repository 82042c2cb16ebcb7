package org.jsrvany.core.win32.session;

import com.sun.jna.Native;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** kernel32.dll: the console's session, which jna-platform's {@code Kernel32} lacks. Loaded on first use. */
interface Kernel32Ex extends StdCallLibrary {

    final class Holder {
        static final Kernel32Ex INSTANCE = Native.load("kernel32", Kernel32Ex.class, W32APIOptions.DEFAULT_OPTIONS);

        private Holder() {
        }
    }

    static Kernel32Ex instance() {
        return Holder.INSTANCE;
    }

    /** What {@code WTSGetActiveConsoleSessionId} returns while the console is being attached or detached. */
    int NO_CONSOLE_SESSION = 0xFFFFFFFF;

    /** {@code WTSGetActiveConsoleSessionId}: the session attached to the physical console. */
    int WTSGetActiveConsoleSessionId();
}
