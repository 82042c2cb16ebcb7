package org.jsrvany.core.win32.process;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinBase.SECURITY_ATTRIBUTES;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * advapi32.dll calls for a child started with a user's token: {@code CreateProcessAsUserW} with a
 * {@code STARTUPINFOEXW} (jna-platform's takes the plain {@code STARTUPINFO} only) and
 * {@code GetTokenInformation} into plain memory. Loaded on first use.
 */
interface Advapi32Ex extends StdCallLibrary {

    final class Holder {
        static final Advapi32Ex INSTANCE = Native.load("advapi32", Advapi32Ex.class, W32APIOptions.DEFAULT_OPTIONS);

        private Holder() {
        }
    }

    static Advapi32Ex instance() {
        return Holder.INSTANCE;
    }

    /** {@code TOKEN_INFORMATION_CLASS} values. */
    int TokenUser = 1;
    int TokenSessionId = 12;
    int TokenElevationType = 18;
    int TokenLinkedToken = 19;

    /** {@code TOKEN_ELEVATION_TYPE}: no linked token (UAC off, or a standard user). */
    int TokenElevationTypeDefault = 1;
    /** The token is the elevated half of a split token. */
    int TokenElevationTypeFull = 2;
    /** The token is the filtered half; {@code TokenLinkedToken} gives the elevated one. */
    int TokenElevationTypeLimited = 3;

    int TOKEN_ASSIGN_PRIMARY = 0x0001;
    int TOKEN_DUPLICATE = 0x0002;
    int TOKEN_QUERY = 0x0008;
    int TOKEN_ADJUST_DEFAULT = 0x0080;
    int TOKEN_ADJUST_SESSIONID = 0x0100;
    /** {@code SECURITY_IMPERSONATION_LEVEL.SecurityImpersonation}. */
    int SecurityImpersonation = 2;
    /** {@code TOKEN_TYPE.TokenPrimary}. */
    int TokenPrimary = 1;

    /** {@code CreateProcessAsUserW}: {@code startupInfo.StartupInfo.lpDesktop} names the desktop. */
    boolean CreateProcessAsUserW(HANDLE token, String applicationName, char[] commandLine,
            SECURITY_ATTRIBUTES processAttributes, SECURITY_ATTRIBUTES threadAttributes, boolean inheritHandles,
            int creationFlags, Pointer environment, String currentDirectory, Kernel32Ex.STARTUPINFOEX startupInfo,
            WinBase.PROCESS_INFORMATION processInformation);

    boolean GetTokenInformation(HANDLE token, int informationClass, Pointer information, int length,
            IntByReference returnLength);

    /** {@code TOKEN_LINKED_TOKEN}: one handle, 8 bytes on x64. */
    @FieldOrder({"LinkedToken"})
    class TOKEN_LINKED_TOKEN extends Structure {
        public HANDLE LinkedToken;
    }
}
