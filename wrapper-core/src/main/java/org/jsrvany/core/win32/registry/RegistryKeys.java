package org.jsrvany.core.win32.registry;

import java.util.List;
import java.util.Map;

/**
 * The registry calls the parameter store makes, so that its mapping is tested against an in-memory
 * registry on any OS; {@link RegistryKeyAccess} is the real one. Paths are relative to HKLM.
 */
interface RegistryKeys {
    boolean keyExists(String path);

    /** Every value of the key; throws {@code Win32CallException} when the key cannot be read. */
    Map<String, RegistryValue> values(String path);

    List<String> subKeyNames(String path);

    void createKey(String path);

    void setValue(String path, String name, RegistryValue value);

    boolean deleteValue(String path, String name);

    boolean deleteTree(String path);
}
