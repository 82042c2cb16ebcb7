package org.jsrvany.installer.win32;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.ParamKind;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.win32.RegistryKeyAccess;
import org.jsrvany.core.win32.RegistryValue;
import org.jsrvany.installer.spi.ParameterStore;
import org.jsrvany.installer.spi.StoredParameters;

/** {@code HKLM\SYSTEM\CurrentControlSet\Services\<name>\Parameters} through {@link RegistryKeyAccess}. */
final class WindowsParameterStore implements ParameterStore {
    private final RegistryKeyAccess registry;

    WindowsParameterStore(RegistryKeyAccess registry) {
        this.registry = registry;
    }

    static String key(String service) {
        return "SYSTEM\\CurrentControlSet\\Services\\" + service + "\\Parameters";
    }

    private static String exitKey(String service) {
        return key(service) + "\\" + Param.APP_EXIT.registryName();
    }

    @Override
    public StoredParameters read(String service) {
        String key = key(service);
        if (!registry.keyExists(key)) {
            return StoredParameters.none();
        }
        Map<Param, RawValue> values = new EnumMap<>(Param.class);
        Map<String, String> foreign = new LinkedHashMap<>();
        registry.values(key).forEach((name, value) -> {
            Optional<Param> p = Param.byName(name).filter(q -> q.kind() != ParamKind.SUBKEY);
            Optional<RawValue> raw = raw(value);
            if (p.isPresent() && raw.isPresent()) {
                values.put(p.get(), raw.get());
            } else {
                foreign.put(name.isEmpty() ? "(Default)" : name, value.typeName()
                        + (p.isPresent() ? ", a type jsrvany cannot read" : ""));
            }
        });
        Map<String, String> exits = new LinkedHashMap<>();
        for (String sub : registry.subKeyNames(key)) {
            if (!sub.equalsIgnoreCase(Param.APP_EXIT.registryName())) {
                foreign.put(sub, "subkey");
                continue;
            }
            registry.values(key + "\\" + sub).forEach((code, value) -> {
                if (value instanceof RegistryValue.Sz s) {
                    exits.put(code, s.value());
                } else if (value instanceof RegistryValue.ExpandSz s) {
                    exits.put(code, s.raw());
                } else {
                    foreign.put(Param.APP_EXIT.registryName() + "\\" + (code.isEmpty() ? "(Default)" : code), value.typeName());
                }
            });
        }
        return new StoredParameters(values, exits, foreign, true);
    }

    static Optional<RawValue> raw(RegistryValue v) {
        if (v instanceof RegistryValue.Sz s) {
            return Optional.of(new RawValue.Text(s.value(), false));
        }
        if (v instanceof RegistryValue.ExpandSz s) {
            return Optional.of(new RawValue.Text(s.raw(), true));
        }
        if (v instanceof RegistryValue.MultiSz m) {
            return Optional.of(new RawValue.MultiText(m.values()));
        }
        if (v instanceof RegistryValue.Dword d) {
            return Optional.of(new RawValue.Dword(Integer.toUnsignedLong(d.value())));
        }
        return Optional.empty();
    }

    static RegistryValue registryValue(RawValue v) {
        if (v instanceof RawValue.Text t) {
            return t.expandable() ? new RegistryValue.ExpandSz(t.value()) : new RegistryValue.Sz(t.value());
        }
        if (v instanceof RawValue.MultiText m) {
            return new RegistryValue.MultiSz(m.values());
        }
        return new RegistryValue.Dword((int) ((RawValue.Dword) v).value());
    }

    @Override
    public void write(String service, Param param, RawValue value) {
        registry.createKey(key(service));
        registry.setValue(key(service), param.registryName(), registryValue(value));
    }

    @Override
    public void delete(String service, Param param) {
        if (registry.keyExists(key(service))) {
            registry.deleteValue(key(service), param.registryName());
        }
    }

    @Override
    public void writeExitActions(String service, Map<String, String> actions) {
        registry.deleteTree(exitKey(service));
        if (actions.isEmpty()) {
            return;
        }
        registry.createKey(exitKey(service));
        actions.forEach((code, action) -> registry.setValue(exitKey(service), code, new RegistryValue.Sz(action)));
    }

    @Override
    public void deleteAll(String service) {
        registry.deleteTree(key(service));
    }
}
