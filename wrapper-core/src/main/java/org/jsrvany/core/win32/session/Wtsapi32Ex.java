package org.jsrvany.core.win32.session;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** wtsapi32.dll: listing the sessions and their users (W functions). Loaded on first use. */
interface Wtsapi32Ex extends StdCallLibrary {

    final class Holder {
        static final Wtsapi32Ex INSTANCE = Native.load("wtsapi32", Wtsapi32Ex.class, W32APIOptions.DEFAULT_OPTIONS);

        private Holder() {
        }
    }

    static Wtsapi32Ex instance() {
        return Holder.INSTANCE;
    }

    /** {@code WTS_CURRENT_SERVER_HANDLE}: this machine. */
    HANDLE WTS_CURRENT_SERVER_HANDLE = null;
    /** {@code WTS_INFO_CLASS.WTSUserName}. */
    int WTSUserName = 5;
    /** {@code WTS_INFO_CLASS.WTSDomainName}. */
    int WTSDomainName = 7;

    /** {@code WTSEnumerateSessionsW}: Reserved 0, Version 1; free the array with {@link #WTSFreeMemory}. */
    boolean WTSEnumerateSessionsW(HANDLE server, int reserved, int version, PointerByReference sessionInfo,
            IntByReference count);

    /** {@code WTSQuerySessionInformationW}; free the buffer with {@link #WTSFreeMemory}. */
    boolean WTSQuerySessionInformationW(HANDLE server, int sessionId, int infoClass, PointerByReference buffer,
            IntByReference bytesReturned);

    void WTSFreeMemory(Pointer memory);

    /**
     * {@code WTS_SESSION_INFOW}: {@code DWORD SessionId; LPWSTR pWinStationName; WTS_CONNECTSTATE_CLASS State},
     * 24 bytes on x64 (the pointer aligned to 8), 12 on x86.
     */
    @FieldOrder({"SessionId", "pWinStationName", "State"})
    class WTS_SESSION_INFOW extends Structure {
        public int SessionId;
        public Pointer pWinStationName;
        public int State;

        WTS_SESSION_INFOW() {
        }

        WTS_SESSION_INFOW(Pointer p) {
            super(p);
            read();
        }

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }
}
