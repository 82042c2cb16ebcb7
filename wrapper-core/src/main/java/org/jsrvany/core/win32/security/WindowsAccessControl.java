package org.jsrvany.core.win32.security;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef.BOOLByReference;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.file.Path;
import org.jsrvany.core.security.AccessControl;
import org.jsrvany.core.security.Descriptor;
import org.jsrvany.core.security.Sids;
import org.jsrvany.core.security.UnsafeFolderException;
import org.jsrvany.core.win32.Win32CallException;

/**
 * {@link AccessControl} with the Win32 calls: {@code GetNamedSecurityInfoW} (files, folders, registry
 * keys), {@code CreateFileW} + {@code SetSecurityInfo} on the folder's own handle (opened with
 * {@code FILE_FLAG_OPEN_REPARSE_POINT}, and refused when it is a reparse point, so nothing is changed
 * through a junction), {@code SeTakeOwnershipPrivilege} and {@code SeRestorePrivilege} enabled around it
 * so that an administrator can take a folder someone else owns, {@code LookupAccountNameW}.
 */
final class WindowsAccessControl implements AccessControl {
    private static final int ERROR_FILE_NOT_FOUND = 2;
    private static final int ERROR_PATH_NOT_FOUND = 3;
    private static final int READ_CONTROL = 0x20000;
    private static final int WRITE_DAC = 0x40000;
    private static final int WRITE_OWNER = 0x80000;
    private static final int FILE_READ_ATTRIBUTES = 0x80;
    private static final int FILE_SHARE_ALL = 0x7;
    private static final int OPEN_EXISTING = 3;
    private static final int FILE_FLAG_BACKUP_SEMANTICS = 0x02000000;
    private static final int FILE_FLAG_OPEN_REPARSE_POINT = 0x00200000;
    private static final int FILE_BASIC_INFO_CLASS = 0;
    /** FILE_BASIC_INFO: four LARGE_INTEGER times, then the DWORD FileAttributes (40 bytes with padding). */
    static final int FILE_BASIC_INFO_SIZE = 40;
    static final int FILE_BASIC_INFO_ATTRIBUTES = 32;
    private static final int FILE_ATTRIBUTE_DIRECTORY = 0x10;
    private static final int FILE_ATTRIBUTE_REPARSE_POINT = 0x400;

    @Override
    public Reading file(String path) {
        return read(path, Advapi32Ex.SE_FILE_OBJECT);
    }

    @Override
    public Reading registryKey(String keyBelowLocalMachine) {
        return read("MACHINE\\" + keyBelowLocalMachine, Advapi32Ex.SE_REGISTRY_KEY);
    }

    private static Reading read(String objectName, int type) {
        Advapi32Ex api = Advapi32Ex.instance();
        int info = Advapi32Ex.OWNER_SECURITY_INFORMATION | Advapi32Ex.DACL_SECURITY_INFORMATION;
        PointerByReference sd = new PointerByReference();
        int rc = api.GetNamedSecurityInfo(objectName, type, info, null, null, null, null, sd);
        if (rc == ERROR_FILE_NOT_FOUND || rc == ERROR_PATH_NOT_FOUND) {
            return new Reading.Missing();
        }
        if (rc != 0) {
            return new Reading.Unreadable(Win32CallException.of("GetNamedSecurityInfo(" + objectName + ")", rc).getMessage());
        }
        try {
            PointerByReference text = new PointerByReference();
            if (!api.ConvertSecurityDescriptorToStringSecurityDescriptor(sd.getValue(), Advapi32Ex.SDDL_REVISION_1, info,
                    text, new IntByReference())) {
                return new Reading.Unreadable(Win32CallException.lastError(
                        "ConvertSecurityDescriptorToStringSecurityDescriptor(" + objectName + ")").getMessage());
            }
            String sddl;
            try {
                sddl = text.getValue().getWideString(0);
            } finally {
                Kernel32.INSTANCE.LocalFree(text.getValue());
            }
            try {
                return new Reading.Found(Descriptor.parse(sddl));
            } catch (IllegalArgumentException e) {
                return new Reading.Unreadable("its security descriptor cannot be read (" + e.getMessage() + ")");
            }
        } finally {
            Kernel32.INSTANCE.LocalFree(sd.getValue());
        }
    }

    @Override
    public void secureFolder(Path dir, Descriptor wanted) throws UnsafeFolderException {
        String what = dir.toString();
        Advapi32Util.Privilege privileges = enablePrivileges();
        try {
            WinNT.HANDLE h = Kernel32.INSTANCE.CreateFile(what, READ_CONTROL | WRITE_DAC | WRITE_OWNER | FILE_READ_ATTRIBUTES,
                    FILE_SHARE_ALL, null, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, null);
            if (WinBase.INVALID_HANDLE_VALUE.equals(h)) {
                throw cannot(dir, Win32CallException.lastError("CreateFile(" + what + ")"));
            }
            try {
                Memory basic = new Memory(FILE_BASIC_INFO_SIZE);
                if (!Kernel32.INSTANCE.GetFileInformationByHandleEx(h, FILE_BASIC_INFO_CLASS, basic,
                        new DWORD(FILE_BASIC_INFO_SIZE))) {
                    throw cannot(dir, Win32CallException.lastError("GetFileInformationByHandleEx(" + what + ")"));
                }
                int attributes = basic.getInt(FILE_BASIC_INFO_ATTRIBUTES);
                if ((attributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0 || (attributes & FILE_ATTRIBUTE_DIRECTORY) == 0) {
                    throw new UnsafeFolderException(dir + " is not a plain folder (a junction, link or file was put"
                            + " there while jsrvany worked on it); jsrvany does not change what a link points to."
                            + " Delete it and try again.");
                }
                set(h, dir, wanted);
            } finally {
                Kernel32.INSTANCE.CloseHandle(h);
            }
        } finally {
            if (privileges != null) {
                privileges.close();
            }
        }
    }

    private static void set(WinNT.HANDLE h, Path dir, Descriptor wanted) throws UnsafeFolderException {
        Advapi32Ex api = Advapi32Ex.instance();
        String sddl = wanted.toSddl();
        PointerByReference sd = new PointerByReference();
        if (!api.ConvertStringSecurityDescriptorToSecurityDescriptor(sddl, Advapi32Ex.SDDL_REVISION_1, sd, null)) {
            throw Win32CallException.lastError("ConvertStringSecurityDescriptorToSecurityDescriptor(" + sddl + ")");
        }
        try {
            PointerByReference owner = new PointerByReference();
            PointerByReference dacl = new PointerByReference();
            if (!api.GetSecurityDescriptorOwner(sd.getValue(), owner, new BOOLByReference())) {
                throw Win32CallException.lastError("GetSecurityDescriptorOwner");
            }
            if (!api.GetSecurityDescriptorDacl(sd.getValue(), new BOOLByReference(), dacl, new BOOLByReference())) {
                throw Win32CallException.lastError("GetSecurityDescriptorDacl");
            }
            int info = Advapi32Ex.OWNER_SECURITY_INFORMATION | Advapi32Ex.DACL_SECURITY_INFORMATION
                    | (wanted.daclProtected() ? Advapi32Ex.PROTECTED_DACL_SECURITY_INFORMATION
                    : Advapi32Ex.UNPROTECTED_DACL_SECURITY_INFORMATION);
            int rc = api.SetSecurityInfo(h, Advapi32Ex.SE_FILE_OBJECT, info, owner.getValue(), null, dacl.getValue(), null);
            if (rc != 0) {
                throw cannot(dir, Win32CallException.of("SetSecurityInfo(" + dir + ", " + sddl + ")", rc));
            }
        } finally {
            Kernel32.INSTANCE.LocalFree(sd.getValue());
        }
    }

    /**
     * Take-ownership and restore on this thread, so that a folder another account owns can be given to
     * Administrators ("Owner of a New Object"); null when they cannot be enabled (not an administrator:
     * the calls then need the rights the folder's DACL gives).
     */
    private static Advapi32Util.Privilege enablePrivileges() {
        try {
            return new Advapi32Util.Privilege(WinNT.SE_TAKE_OWNERSHIP_NAME, WinNT.SE_RESTORE_NAME).enable();
        } catch (Win32Exception | IllegalArgumentException e) {
            return null;
        }
    }

    private static UnsafeFolderException cannot(Path dir, Win32CallException e) {
        return new UnsafeFolderException(dir + " cannot be made safe (" + e.getMessage() + "). From an elevated"
                + " prompt, take it for Administrators (takeown /f \"" + dir + "\" /a) and try again, or delete it"
                + " (rmdir /s /q \"" + dir + "\") if nothing in it is needed.", e);
    }

    @Override
    public String currentUser() {
        WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
        if (!Advapi32.INSTANCE.OpenProcessToken(Kernel32.INSTANCE.GetCurrentProcess(), WinNT.TOKEN_QUERY, token)) {
            throw Win32CallException.lastError("OpenProcessToken");
        }
        try {
            return Advapi32Util.getTokenAccount(token.getValue()).sidString;
        } catch (Win32Exception e) {
            throw Win32CallException.of("GetTokenInformation(TokenUser)", e.getErrorCode());
        } finally {
            Kernel32.INSTANCE.CloseHandle(token.getValue());
        }
    }

    @Override
    public String accountSid(String objectName) {
        return Sids.ofServiceAccount(objectName).orElseGet(() -> {
            String name = objectName.strip();
            if (name.startsWith(".\\")) {
                name = name.substring(2);
            }
            try {
                return Advapi32Util.getAccountByName(name).sidString;
            } catch (Win32Exception e) {
                throw new IllegalArgumentException("The account '" + objectName + "' cannot be found ("
                        + Win32CallException.of("LookupAccountName(" + name + ")", e.getErrorCode()).getMessage() + ").", e);
            }
        });
    }
}
