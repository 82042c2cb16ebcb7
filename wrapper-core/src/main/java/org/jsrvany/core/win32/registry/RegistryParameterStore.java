package org.jsrvany.core.win32.registry;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.ParamKind;
import org.jsrvany.core.config.ParameterStore;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.StoredParameters;

/**
 * The one reader and writer of a service's parameters:
 * {@code HKLM\SYSTEM\CurrentControlSet\Services\<service>\Parameters} and its {@code AppExit} subkey.
 * The service (at every start), {@code get}/{@code set}/{@code reset}, {@code dump}, {@code adopt} and
 * {@code test NAME} all read through it, so what the installer validates is what the service loads.
 *
 * <ul>
 *   <li>A missing {@code Parameters} key holds no values ({@link StoredParameters#none()}); a key that
 *       exists but cannot be read throws, and is never taken for a missing one.</li>
 *   <li>Value names are matched to the parameter table case-insensitively, as the registry compares
 *       them. REG_SZ and REG_EXPAND_SZ keep their difference (only REG_EXPAND_SZ is expanded later, as
 *       NSSM does).</li>
 *   <li>Names the table does not know (NSSM's {@code AppStdin}, {@code AppEvents} ...), values of a type
 *       no parameter uses, and other subkeys are kept as {@link StoredParameters#foreign()}: never
 *       written, never deleted by a write, and reported as warnings by the reader's caller.</li>
 *   <li>{@code AppExit}: its {@code (Default)} value is the key {@code ""}, other values are named after
 *       exit codes; only string values count.</li>
 * </ul>
 */
public final class RegistryParameterStore implements ParameterStore {
    /** Where services keep their keys, relative to HKLM. */
    public static final String SERVICES_KEY = "SYSTEM\\CurrentControlSet\\Services";

    private final RegistryKeys registry;

    RegistryParameterStore(RegistryKeys registry) {
        this.registry = registry;
    }

    /** The services' keys in HKLM (64-bit view). */
    public static RegistryParameterStore localMachine() {
        return new RegistryParameterStore(RegistryKeyAccess.localMachine());
    }

    /** {@code SYSTEM\CurrentControlSet\Services\<service>}, relative to HKLM. */
    public static String serviceKey(String service) {
        return SERVICES_KEY + "\\" + service;
    }

    /** {@code SYSTEM\CurrentControlSet\Services\<service>\Parameters}, relative to HKLM. */
    public static String parametersKey(String service) {
        return serviceKey(service) + "\\Parameters";
    }

    private static String exitKey(String service) {
        return parametersKey(service) + "\\" + Param.APP_EXIT.registryName();
    }

    @Override
    public String describe(String service) {
        return "HKLM\\" + parametersKey(service);
    }

    @Override
    public StoredParameters read(String service) {
        String key = parametersKey(service);
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
                foreign.put(name.isEmpty() ? StoredParameters.DEFAULT_VALUE : name, value.typeName());
            }
        });
        Map<String, String> exits = new LinkedHashMap<>();
        for (String sub : registry.subKeyNames(key)) {
            if (sub.equalsIgnoreCase(EVENTS)) {
                readHooks(key + "\\" + sub, values, foreign);
                continue;
            }
            if (!sub.equalsIgnoreCase(Param.APP_EXIT.registryName())) {
                foreign.put(sub, StoredParameters.SUBKEY);
                continue;
            }
            registry.values(key + "\\" + sub).forEach((code, value) -> {
                if (value instanceof RegistryValue.Sz s) {
                    exits.put(code, s.value());
                } else if (value instanceof RegistryValue.ExpandSz s) {
                    exits.put(code, s.raw());
                } else {
                    foreign.put(Param.APP_EXIT.registryName() + "\\" + (code.isEmpty() ? StoredParameters.DEFAULT_VALUE : code),
                            value.typeName());
                }
            });
        }
        return new StoredParameters(values, exits, foreign, true);
    }

    /** NSSM's hooks: {@code AppEvents\<Event>} subkeys holding one value per action. */
    private static final String EVENTS = "AppEvents";

    private void readHooks(String eventsKey, Map<Param, RawValue> values, Map<String, String> foreign) {
        for (String event : registry.subKeyNames(eventsKey)) {
            registry.values(eventsKey + "\\" + event).forEach((action, value) -> {
                String name = EVENTS + "\\" + event + "\\" + action;
                Optional<Param> p = Param.byName(name).filter(Param::isHook);
                Optional<RawValue> raw = raw(value).filter(r -> r instanceof RawValue.Text);
                if (p.isPresent() && raw.isPresent()) {
                    values.put(p.get(), raw.get());
                } else {
                    foreign.put(name, value.typeName());
                }
            });
        }
    }

    /** The key and value name a parameter is stored under: a hook in its event's subkey, as NSSM stores it. */
    private static String[] location(String service, Param param) {
        if (!param.isHook()) {
            return new String[] {parametersKey(service), param.registryName()};
        }
        int last = param.registryName().lastIndexOf('\\');
        return new String[] {parametersKey(service) + "\\" + param.registryName().substring(0, last),
                param.registryName().substring(last + 1)};
    }

    /**
     * A registry value as the configuration loader takes it: REG_SZ is text that is never expanded,
     * REG_EXPAND_SZ text that is, REG_MULTI_SZ a list, REG_DWORD an unsigned number. Empty for the
     * types no parameter uses.
     */
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
        String[] at = location(service, param);
        registry.createKey(at[0]);
        registry.setValue(at[0], at[1], registryValue(value));
    }

    @Override
    public void delete(String service, Param param) {
        String[] at = location(service, param);
        if (registry.keyExists(at[0])) {
            registry.deleteValue(at[0], at[1]);
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
        registry.deleteTree(parametersKey(service));
    }

    @Override
    public List<String> serviceEnvironment(String service) {
        String key = serviceKey(service);
        if (!registry.keyExists(key)) {
            return List.of();
        }
        RegistryValue v = registry.values(key).entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(SERVICE_ENVIRONMENT)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        return v instanceof RegistryValue.MultiSz m ? m.values() : List.of();
    }

    @Override
    public void writeServiceEnvironment(String service, List<String> entries) {
        if (entries.isEmpty()) {
            registry.deleteValue(serviceKey(service), SERVICE_ENVIRONMENT);
        } else {
            registry.setValue(serviceKey(service), SERVICE_ENVIRONMENT, new RegistryValue.MultiSz(entries));
        }
    }
}
