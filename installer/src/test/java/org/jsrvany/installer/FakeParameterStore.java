package org.jsrvany.installer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.win32.Win32CallException;
import org.jsrvany.core.config.ParameterStore;
import org.jsrvany.core.config.StoredParameters;

/** Parameters keys in memory, with failure injection and a log of writes. */
final class FakeParameterStore implements ParameterStore {
    static final class Key {
        final Map<Param, RawValue> values = new EnumMap<>(Param.class);
        final Map<String, String> exits = new LinkedHashMap<>();
        final Map<String, String> foreign = new LinkedHashMap<>();
    }

    final Map<String, Key> keys = new HashMap<>();
    /** The service keys' own Environment values, by lower-case service name. */
    final Map<String, List<String>> serviceEnvironments = new HashMap<>();
    final List<String> writes = new ArrayList<>();
    private final Map<String, Deque<Integer>> failures = new HashMap<>();
    boolean elevated = true;

    FakeParameterStore failNext(String method, int code) {
        failures.computeIfAbsent(method, k -> new ArrayDeque<>()).add(code);
        return this;
    }

    private void write(String method, String service, String what) {
        writes.add(method + " " + service + " " + what);
        if (!elevated) {
            throw new Win32CallException("RegSetValueExW", Failures.ERROR_ACCESS_DENIED, "Access is denied.");
        }
        Deque<Integer> q = failures.get(method);
        if (q != null && !q.isEmpty()) {
            throw new Win32CallException(method + "(" + service + " " + what + ")", q.poll(), "injected");
        }
    }

    Key key(String service) {
        return keys.get(service.toLowerCase(Locale.ROOT));
    }

    /** Stores a value directly, as another tool would have. */
    FakeParameterStore put(String service, Param p, RawValue v) {
        keys.computeIfAbsent(service.toLowerCase(Locale.ROOT), k -> new Key()).values.put(p, v);
        return this;
    }

    FakeParameterStore putForeign(String service, String name, String type) {
        keys.computeIfAbsent(service.toLowerCase(Locale.ROOT), k -> new Key()).foreign.put(name, type);
        return this;
    }

    FakeParameterStore putExit(String service, String code, String action) {
        keys.computeIfAbsent(service.toLowerCase(Locale.ROOT), k -> new Key()).exits.put(code, action);
        return this;
    }

    @Override
    public String describe(String service) {
        return "HKLM\\SYSTEM\\CurrentControlSet\\Services\\" + service + "\\Parameters";
    }

    @Override
    public StoredParameters read(String service) {
        Key k = key(service);
        return k == null ? StoredParameters.none() : new StoredParameters(k.values, k.exits, k.foreign, true);
    }

    @Override
    public void write(String service, Param param, RawValue value) {
        write("write", service, param.registryName());
        keys.computeIfAbsent(service.toLowerCase(Locale.ROOT), k -> new Key()).values.put(param, value);
    }

    @Override
    public void delete(String service, Param param) {
        write("delete", service, param.registryName());
        Key k = key(service);
        if (k != null) {
            k.values.remove(param);
        }
    }

    @Override
    public void writeExitActions(String service, Map<String, String> actions) {
        write("writeExitActions", service, actions.toString());
        Key k = keys.computeIfAbsent(service.toLowerCase(Locale.ROOT), x -> new Key());
        k.exits.clear();
        k.exits.putAll(actions);
    }

    @Override
    public void deleteAll(String service) {
        write("deleteAll", service, "");
        keys.remove(service.toLowerCase(Locale.ROOT));
    }

    /** What the SCM does when it finally removes a service: its whole key goes. */
    void deleteAllSilently(String service) {
        keys.remove(service.toLowerCase(Locale.ROOT));
    }

    @Override
    public List<String> serviceEnvironment(String service) {
        return serviceEnvironments.getOrDefault(service.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public void writeServiceEnvironment(String service, List<String> entries) {
        write("writeServiceEnvironment", service, String.valueOf(entries.size()));
        if (entries.isEmpty()) {
            serviceEnvironments.remove(service.toLowerCase(Locale.ROOT));
        } else {
            serviceEnvironments.put(service.toLowerCase(Locale.ROOT), List.copyOf(entries));
        }
    }
}
