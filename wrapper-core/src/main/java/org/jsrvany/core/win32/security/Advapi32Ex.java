package org.jsrvany.core.win32.security;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinDef.BOOLByReference;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * advapi32.dll functions jna-platform lacks or maps with types we cannot use: security descriptors
 * as SDDL text, the owner and DACL inside a self-relative descriptor, reading an object's security by
 * name and setting it through a handle. Used by {@link WindowsAccessControl}.
 */
interface Advapi32Ex extends StdCallLibrary {

    /** Loaded on first use only. */
    final class Holder {
        static final Advapi32Ex INSTANCE = Native.load("advapi32", Advapi32Ex.class, W32APIOptions.DEFAULT_OPTIONS);

        private Holder() {
        }
    }

    static Advapi32Ex instance() {
        return Holder.INSTANCE;
    }

    int SDDL_REVISION_1 = 1;
    int SE_FILE_OBJECT = 1;
    int SE_REGISTRY_KEY = 4;
    int OWNER_SECURITY_INFORMATION = 0x1;
    int DACL_SECURITY_INFORMATION = 0x4;
    int PROTECTED_DACL_SECURITY_INFORMATION = 0x80000000;
    int UNPROTECTED_DACL_SECURITY_INFORMATION = 0x20000000;

    /** SDDL to a self-relative descriptor; free {@code descriptor} with LocalFree. */
    boolean ConvertStringSecurityDescriptorToSecurityDescriptor(String sddl, int revision,
            PointerByReference descriptor, IntByReference size);

    /** A descriptor to SDDL; free {@code sddl} with LocalFree. */
    boolean ConvertSecurityDescriptorToStringSecurityDescriptor(Pointer descriptor, int revision, int information,
            PointerByReference sddl, IntByReference length);

    /** The DACL inside {@code descriptor} (points into it, not to be freed). */
    boolean GetSecurityDescriptorDacl(Pointer descriptor, BOOLByReference present, PointerByReference dacl,
            BOOLByReference defaulted);

    /** The owner inside {@code descriptor} (points into it, not to be freed). */
    boolean GetSecurityDescriptorOwner(Pointer descriptor, PointerByReference owner, BOOLByReference defaulted);

    /** Sets parts of the security of the object behind {@code handle}; returns the error code (0 = success). */
    int SetSecurityInfo(HANDLE handle, int objectType, int information, Pointer owner, Pointer group, Pointer dacl,
            Pointer sacl);

    /** Reads parts of an object's security; returns the error code; free {@code descriptor} with LocalFree. */
    int GetNamedSecurityInfo(String objectName, int objectType, int information, PointerByReference owner,
            PointerByReference group, PointerByReference dacl, PointerByReference sacl, PointerByReference descriptor);
}
