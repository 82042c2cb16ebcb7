package org.jsrvany.core.win32.scm;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * advapi32 calls jna-platform lacks, or has only with {@code String} passwords (which cannot be wiped):
 * {@code CreateServiceW} and {@code ChangeServiceConfigW} with raw wide-string pointers for the password
 * and the double-NUL dependency list, {@code QueryServiceConfigW}, {@code ChangeServiceConfig2W} and
 * {@code QueryServiceConfig2W} with our own info structures, {@code LogonUserW}, and the LSA calls that
 * grant "Log on as a service".
 */
interface Advapi32Ex extends StdCallLibrary {
    Advapi32Ex INSTANCE = Native.load("advapi32", Advapi32Ex.class, W32APIOptions.DEFAULT_OPTIONS);

    int SERVICE_NO_CHANGE = 0xFFFF_FFFF;
    int SERVICE_WIN32_OWN_PROCESS = 0x10;
    int SERVICE_ERROR_NORMAL = 1;
    int DELETE = 0x0001_0000;
    int LOGON32_LOGON_SERVICE = 5;
    int LOGON32_PROVIDER_DEFAULT = 0;
    int POLICY_CREATE_ACCOUNT = 0x0000_0010;
    int POLICY_LOOKUP_NAMES = 0x0000_0800;

    Winsvc.SC_HANDLE CreateServiceW(Winsvc.SC_HANDLE manager, String serviceName, String displayName, int desiredAccess,
                                    int serviceType, int startType, int errorControl, String binaryPathName,
                                    String loadOrderGroup, IntByReference tagId, Pointer dependencies,
                                    String serviceStartName, Pointer password);

    boolean ChangeServiceConfigW(Winsvc.SC_HANDLE service, int serviceType, int startType, int errorControl,
                                 String binaryPathName, String loadOrderGroup, IntByReference tagId, Pointer dependencies,
                                 String serviceStartName, Pointer password, String displayName);

    boolean QueryServiceConfigW(Winsvc.SC_HANDLE service, Pointer buffer, int bufSize, IntByReference bytesNeeded);

    boolean QueryServiceConfig2W(Winsvc.SC_HANDLE service, int infoLevel, Pointer buffer, int bufSize,
                                 IntByReference bytesNeeded);

    boolean ChangeServiceConfig2W(Winsvc.SC_HANDLE service, int infoLevel, Structure info);

    boolean LogonUserW(String user, String domain, Pointer password, int logonType, int logonProvider,
                       WinNT.HANDLEByReference token);

    int LsaOpenPolicy(WinsvcEx.LSA_UNICODE_STRING systemName, WinsvcEx.LSA_OBJECT_ATTRIBUTES attributes, int desiredAccess,
                      PointerByReference policy);

    int LsaAddAccountRights(Pointer policy, Pointer accountSid, WinsvcEx.LSA_UNICODE_STRING[] rights, int count);

    int LsaClose(Pointer policy);

    int LsaNtStatusToWinError(int status);
}
