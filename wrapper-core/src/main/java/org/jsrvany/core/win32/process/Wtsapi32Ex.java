package org.jsrvany.core.win32.process;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** wtsapi32.dll: the logged-on user's token, which jna-platform's {@code Wtsapi32} lacks. Loaded on first use. */
interface Wtsapi32Ex extends StdCallLibrary {

    final class Holder {
        static final Wtsapi32Ex INSTANCE = Native.load("wtsapi32", Wtsapi32Ex.class, W32APIOptions.DEFAULT_OPTIONS);

        private Holder() {
        }
    }

    static Wtsapi32Ex instance() {
        return Holder.INSTANCE;
    }

    /** {@code GetLastError} when nobody is logged on to the session (or it is logging off). */
    int ERROR_NO_TOKEN = 1008;
    /** {@code GetLastError} when the caller lacks SeTcbPrivilege (not LocalSystem). */
    int ERROR_PRIVILEGE_NOT_HELD = 1314;

    /**
     * {@code WTSQueryUserToken}: the primary token of the user logged on to {@code sessionId}; LocalSystem with
     * SeTcbPrivilege only. The handle must be closed.
     */
    boolean WTSQueryUserToken(int sessionId, HANDLEByReference token);
}
