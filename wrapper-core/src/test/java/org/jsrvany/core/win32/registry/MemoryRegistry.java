package org.jsrvany.core.win32.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jsrvany.core.win32.Win32CallException;

/**
 * An in-memory registry for the parameter store's tests: keys by path (compared case-insensitively,
 * as the registry does), each an ordered map of values. Only what {@link RegistryKeys} needs.
 */
class MemoryRegistry implements RegistryKeys {
    private final Map<String, Map<String, RegistryValue>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /** The key's values, creating the key (and its parents) when missing. */
    Map<String, RegistryValue> key(String path) {
        createKey(path);
        return keys.get(path);
    }

    @Override
    public boolean keyExists(String path) {
        return keys.containsKey(path);
    }

    @Override
    public Map<String, RegistryValue> values(String path) {
        Map<String, RegistryValue> values = keys.get(path);
        if (values == null) {
            throw new Win32CallException("RegOpenKeyExW(HKLM\\" + path + ")", 2, "not found");
        }
        return new LinkedHashMap<>(values);
    }

    @Override
    public List<String> subKeyNames(String path) {
        String prefix = path.toLowerCase(Locale.ROOT) + "\\";
        List<String> names = new ArrayList<>();
        for (String k : keys.keySet()) {
            if (k.toLowerCase(Locale.ROOT).startsWith(prefix) && k.indexOf('\\', prefix.length()) < 0) {
                names.add(k.substring(prefix.length()));
            }
        }
        return names;
    }

    @Override
    public void createKey(String path) {
        int i = -1;
        while ((i = path.indexOf('\\', i + 1)) > 0) {
            keys.computeIfAbsent(path.substring(0, i), p -> new LinkedHashMap<>());
        }
        keys.computeIfAbsent(path, p -> new LinkedHashMap<>());
    }

    @Override
    public void setValue(String path, String name, RegistryValue value) {
        Map<String, RegistryValue> values = keys.get(path);
        if (values == null) {
            throw new Win32CallException("RegSetValueExW(HKLM\\" + path + ")", 2, "not found");
        }
        values.put(name, value);
    }

    @Override
    public boolean deleteValue(String path, String name) {
        Map<String, RegistryValue> values = keys.get(path);
        return values != null && values.remove(name) != null;
    }

    @Override
    public boolean deleteTree(String path) {
        String prefix = path.toLowerCase(Locale.ROOT) + "\\";
        boolean existed = keys.remove(path) != null;
        keys.keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).startsWith(prefix));
        return existed;
    }
}
