package org.jsrvany.core.win32.session;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import org.jsrvany.core.win32.Win32CallException;

/**
 * Whether this process's token holds a privilege (present, enabled or not): {@code OpenProcessToken},
 * {@code GetTokenInformation(TokenPrivileges)}, {@code LookupPrivilegeValueW}. jsrvany only asks; it never
 * grants or enables one.
 */
public final class Privileges {
    /** {@code SE_TCB_NAME}: "act as part of the operating system", which {@code WTSQueryUserToken} needs. */
    public static final String TCB = "SeTcbPrivilege";

    private Privileges() {
    }

    /** Whether this process's token has {@code privilege} in its list. */
    public static boolean held(String privilege) {
        WinNT.LUID wanted = new WinNT.LUID();
        if (!Advapi32.INSTANCE.LookupPrivilegeValue(null, privilege, wanted)) {
            throw Win32CallException.lastError("LookupPrivilegeValueW(" + privilege + ")");
        }
        HANDLEByReference token = new HANDLEByReference();
        if (!Advapi32.INSTANCE.OpenProcessToken(Kernel32.INSTANCE.GetCurrentProcess(), Advapi32Ex.TOKEN_QUERY, token)) {
            throw Win32CallException.lastError("OpenProcessToken");
        }
        try {
            IntByReference length = new IntByReference();
            Advapi32Ex.instance().GetTokenInformation(token.getValue(), Advapi32Ex.TokenPrivileges, null, 0, length);
            if (length.getValue() <= 0) {
                throw Win32CallException.lastError("GetTokenInformation(TokenPrivileges, size)");
            }
            Memory m = new Memory(length.getValue());
            if (!Advapi32Ex.instance().GetTokenInformation(token.getValue(), Advapi32Ex.TokenPrivileges, m, (int) m.size(),
                    length)) {
                throw Win32CallException.lastError("GetTokenInformation(TokenPrivileges)");
            }
            int count = m.getInt(0);
            for (int i = 0; i < count; i++) {
                long at = 4L + (long) i * Advapi32Ex.LUID_AND_ATTRIBUTES_SIZE;
                if (m.getInt(at) == wanted.LowPart && m.getInt(at + 4) == wanted.HighPart) {
                    return true;
                }
            }
            return false;
        } finally {
            if (!Kernel32.INSTANCE.CloseHandle(token.getValue())) {
                throw Win32CallException.lastError("CloseHandle(process token)");
            }
        }
    }
}
