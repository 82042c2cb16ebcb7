package org.jsrvany.core.win32.session;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** advapi32.dll: {@code GetTokenInformation} into plain memory, for the service's own privileges. Loaded on first use. */
interface Advapi32Ex extends StdCallLibrary {

    final class Holder {
        static final Advapi32Ex INSTANCE = Native.load("advapi32", Advapi32Ex.class, W32APIOptions.DEFAULT_OPTIONS);

        private Holder() {
        }
    }

    static Advapi32Ex instance() {
        return Holder.INSTANCE;
    }

    /** {@code TOKEN_INFORMATION_CLASS.TokenPrivileges}. */
    int TokenPrivileges = 3;
    int TOKEN_QUERY = 0x0008;
    /** {@code LUID_AND_ATTRIBUTES}: LUID (8 bytes) and DWORD attributes, 12 bytes, after the DWORD count. */
    int LUID_AND_ATTRIBUTES_SIZE = 12;

    boolean GetTokenInformation(HANDLE token, int informationClass, Pointer information, int length,
            IntByReference returnLength);
}
