package org.jsrvany.core.win32.registry;

import org.jsrvany.core.win32.Win32CallException;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.platform.win32.WinReg.HKEY;
import com.sun.jna.platform.win32.WinReg.HKEYByReference;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads and writes of registry keys under one root (HKLM for services), with our own
 * {@link RegistryValue} types. Key paths are relative to the root, separated by {@code \}; the
 * value name {@code ""} is the key's {@code (Default)} value.
 *
 * <p>Always the 64-bit registry view. Every failure is a {@link Win32CallException} naming the call
 * and the key.
 */
public final class RegistryKeyAccess implements RegistryKeys {
    private static final int KEY_WOW64_64KEY = 0x0100;
    private static final int READ = WinNT.KEY_READ | KEY_WOW64_64KEY;
    private static final int WRITE = WinNT.KEY_READ | WinNT.KEY_WRITE | KEY_WOW64_64KEY;
    private static final int DELETE_TREE = WinNT.KEY_READ | WinNT.DELETE | KEY_WOW64_64KEY;

    private final HKEY root;
    private final String rootName;

    private RegistryKeyAccess(HKEY root, String rootName) {
        this.root = root;
        this.rootName = rootName;
    }

    /** {@code HKEY_LOCAL_MACHINE}, where services keep their configuration. */
    public static RegistryKeyAccess localMachine() {
        return new RegistryKeyAccess(WinReg.HKEY_LOCAL_MACHINE, "HKLM");
    }

    /** {@code HKEY_CURRENT_USER}. */
    public static RegistryKeyAccess currentUser() {
        return new RegistryKeyAccess(WinReg.HKEY_CURRENT_USER, "HKCU");
    }

    @Override
    public boolean keyExists(String path) {
        Optional<HKEY> key = openIfExists(path, READ);
        key.ifPresent(k -> closeKey(k, path));
        return key.isPresent();
    }

    /** Creates the key and any missing parent; an existing key is left as it is. */
    @Override
    public void createKey(String path) {
        HKEYByReference ref = new HKEYByReference();
        int rc = Advapi32.INSTANCE.RegCreateKeyEx(root, path, 0, null, WinNT.REG_OPTION_NON_VOLATILE,
                WRITE, null, ref, new IntByReference());
        check(rc, "RegCreateKeyExW", path);
        closeKey(ref.getValue(), path);
    }

    /**
     * Deletes the key with all its subkeys and values.
     *
     * @return false if there was no such key
     */
    @Override
    public boolean deleteTree(String path) {
        Optional<HKEY> key = openIfExists(path, DELETE_TREE);
        if (key.isEmpty()) {
            return false;
        }
        List<String> children;
        try {
            children = subKeyNames(key.get(), path);
        } finally {
            closeKey(key.get(), path);
        }
        for (String child : children) {
            deleteTree(path + "\\" + child);
        }
        check(Advapi32.INSTANCE.RegDeleteKey(root, path), "RegDeleteKeyW", path);
        return true;
    }

    /** Names of the key's direct subkeys, in the registry's order. */
    @Override
    public List<String> subKeyNames(String path) {
        HKEY key = open(path, READ);
        try {
            return subKeyNames(key, path);
        } finally {
            closeKey(key, path);
        }
    }

    /** All values of the key, by name in the registry's order; {@code ""} is (Default). */
    @Override
    public Map<String, RegistryValue> values(String path) {
        HKEY key = open(path, READ);
        try {
            IntByReference count = new IntByReference();
            IntByReference maxName = new IntByReference();
            IntByReference maxData = new IntByReference();
            check(Advapi32.INSTANCE.RegQueryInfoKey(key, null, null, null, null, null, null, count,
                    maxName, maxData, null, null), "RegQueryInfoKeyW", path);
            Map<String, RegistryValue> values = new LinkedHashMap<>();
            for (int i = 0; i < count.getValue(); i++) {
                char[] name = new char[maxName.getValue() + 1];
                IntByReference nameLength = new IntByReference(name.length);
                IntByReference type = new IntByReference();
                byte[] data = new byte[Math.max(1, maxData.getValue())];
                IntByReference dataLength = new IntByReference(data.length);
                int rc = Advapi32.INSTANCE.RegEnumValue(key, i, name, nameLength, null, type, data,
                        dataLength);
                if (rc == WinError.ERROR_NO_MORE_ITEMS) {
                    break;
                }
                check(rc, "RegEnumValueW", path);
                values.put(new String(name, 0, nameLength.getValue()),
                        RegistryCodec.decode(type.getValue(), data, dataLength.getValue()));
            }
            return values;
        } finally {
            closeKey(key, path);
        }
    }

    /** One value, or empty if the key has no value of that name. The key must exist. */
    public Optional<RegistryValue> value(String path, String name) {
        HKEY key = open(path, READ);
        try {
            IntByReference type = new IntByReference();
            IntByReference size = new IntByReference();
            int rc = Advapi32.INSTANCE.RegQueryValueEx(key, name, 0, type, (byte[]) null, size);
            if (rc == WinError.ERROR_FILE_NOT_FOUND) {
                return Optional.empty();
            }
            check(rc, "RegQueryValueExW", path + " value '" + name + "'");
            byte[] data = new byte[Math.max(1, size.getValue())];
            size.setValue(data.length);
            rc = Advapi32.INSTANCE.RegQueryValueEx(key, name, 0, type, data, size);
            check(rc, "RegQueryValueExW", path + " value '" + name + "'");
            return Optional.of(RegistryCodec.decode(type.getValue(), data, size.getValue()));
        } finally {
            closeKey(key, path);
        }
    }

    /** Writes (creates or replaces) one value of an existing key. */
    @Override
    public void setValue(String path, String name, RegistryValue value) {
        RegistryCodec.Encoded encoded = RegistryCodec.encode(value);
        HKEY key = open(path, WRITE);
        try {
            check(Advapi32.INSTANCE.RegSetValueEx(key, name, 0, encoded.type(), encoded.data(),
                    encoded.data().length), "RegSetValueExW", path + " value '" + name + "'");
        } finally {
            closeKey(key, path);
        }
    }

    /**
     * Deletes one value.
     *
     * @return false if there was no such value
     */
    @Override
    public boolean deleteValue(String path, String name) {
        HKEY key = open(path, WRITE);
        try {
            int rc = Advapi32.INSTANCE.RegDeleteValue(key, name);
            if (rc == WinError.ERROR_FILE_NOT_FOUND) {
                return false;
            }
            check(rc, "RegDeleteValueW", path + " value '" + name + "'");
            return true;
        } finally {
            closeKey(key, path);
        }
    }

    private List<String> subKeyNames(HKEY key, String path) {
        IntByReference count = new IntByReference();
        IntByReference maxName = new IntByReference();
        check(Advapi32.INSTANCE.RegQueryInfoKey(key, null, null, null, count, maxName, null, null,
                null, null, null, null), "RegQueryInfoKeyW", path);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count.getValue(); i++) {
            char[] name = new char[maxName.getValue() + 1];
            IntByReference length = new IntByReference(name.length);
            int rc = Advapi32.INSTANCE.RegEnumKeyEx(key, i, name, length, null, null, null, null);
            if (rc == WinError.ERROR_NO_MORE_ITEMS) {
                break;
            }
            check(rc, "RegEnumKeyExW", path);
            names.add(new String(name, 0, length.getValue()));
        }
        return names;
    }

    private HKEY open(String path, int access) {
        HKEYByReference ref = new HKEYByReference();
        check(Advapi32.INSTANCE.RegOpenKeyEx(root, path, 0, access, ref), "RegOpenKeyExW", path);
        return ref.getValue();
    }

    private Optional<HKEY> openIfExists(String path, int access) {
        HKEYByReference ref = new HKEYByReference();
        int rc = Advapi32.INSTANCE.RegOpenKeyEx(root, path, 0, access, ref);
        if (rc == WinError.ERROR_FILE_NOT_FOUND) {
            return Optional.empty();
        }
        check(rc, "RegOpenKeyExW", path);
        return Optional.of(ref.getValue());
    }

    private void closeKey(HKEY key, String path) {
        check(Advapi32.INSTANCE.RegCloseKey(key), "RegCloseKey", path);
    }

    private void check(int rc, String call, String what) {
        if (rc != WinError.ERROR_SUCCESS) {
            throw Win32CallException.of(call + "(" + rootName + "\\" + what + ")", rc);
        }
    }
}
