package org.jsrvany.core.win32;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.ParamKind;
import org.jsrvany.core.config.ParameterSource;
import org.jsrvany.core.config.RawValue;

/**
 * A service's parameters as the registry holds them:
 * {@code HKLM\SYSTEM\CurrentControlSet\Services\<service>\Parameters} and its {@code AppExit} subkey,
 * read once into typed {@link RawValue}s (REG_SZ and REG_EXPAND_SZ keep their difference, so only
 * REG_EXPAND_SZ values are expanded later, as NSSM does).
 *
 * <ul>
 *   <li>A missing {@code Parameters} key holds no values: {@code ConfigLoader} then says that
 *       Application is not set.</li>
 *   <li>Value names are matched to the parameter table case-insensitively, as the registry compares
 *       them. A name the table does not know is ignored with a warning, not an error: NSSM and
 *       srvany-ng store values of their own (AppStdin, AppEvents ...), and such a service must keep
 *       starting when pointed at jsrvany.</li>
 *   <li>A value of a type jsrvany never reads (REG_BINARY, REG_QWORD ...) is ignored with a warning
 *       and the default applies, as for any value of the wrong type.</li>
 *   <li>{@code AppExit}: its {@code (Default)} value is the key {@code ""}, other values are named
 *       after exit codes; only string values count.</li>
 * </ul>
 *
 * <p>Warnings are collected in {@link #warnings()}, one sentence each, for the caller to log.
 */
public final class RegistrySource implements ParameterSource {
    /** Where services keep their keys, relative to HKLM. */
    public static final String SERVICES_KEY = "SYSTEM\\CurrentControlSet\\Services";

    private static final int ERROR_FILE_NOT_FOUND = 2;

    /** Reads all values of one key (relative to HKLM); empty when the key does not exist. */
    @FunctionalInterface
    public interface KeyReader {
        Optional<Map<String, RegistryValue>> values(String path);
    }

    private final String description;
    private final Map<Param, RawValue> values;
    private final Map<String, String> exitActions;
    private final List<String> warnings;

    private RegistrySource(String description, Map<Param, RawValue> values, Map<String, String> exitActions,
                           List<String> warnings) {
        this.description = description;
        this.values = Collections.unmodifiableMap(values);
        this.exitActions = Collections.unmodifiableMap(exitActions);
        this.warnings = List.copyOf(warnings);
    }

    /** {@code SYSTEM\CurrentControlSet\Services\<service>\Parameters}, relative to HKLM. */
    public static String parametersKey(String serviceName) {
        return SERVICES_KEY + "\\" + serviceName + "\\Parameters";
    }

    /**
     * Reads the service's parameters from HKLM (64-bit view).
     *
     * @throws Win32Exception when a key exists but cannot be read (access denied, say)
     */
    public static RegistrySource read(String serviceName) {
        return read(serviceName, localMachine(RegistryKeyAccess.localMachine()));
    }

    /** Reads the service's parameters through {@code reader} (an in-memory one in tests). */
    public static RegistrySource read(String serviceName, KeyReader reader) {
        Objects.requireNonNull(serviceName, "serviceName");
        String key = parametersKey(serviceName);
        String description = "HKLM\\" + key;
        List<String> warnings = new ArrayList<>();
        Map<Param, RawValue> values = new EnumMap<>(Param.class);
        for (Map.Entry<String, RegistryValue> e : reader.values(key).orElse(Map.of()).entrySet()) {
            String name = e.getKey();
            Optional<Param> param = Param.byName(name);
            if (param.isEmpty()) {
                warnings.add(unknownName(name, description));
                continue;
            }
            if (param.get().kind() == ParamKind.SUBKEY) {
                warnings.add("'" + name + "' in " + description + " is a value, but " + param.get().registryName()
                        + " must be a subkey holding one string value per exit code; the value is ignored.");
                continue;
            }
            Optional<RawValue> raw = toRawValue(e.getValue());
            if (raw.isEmpty()) {
                warnings.add(param.get().registryName() + " in " + description + " is stored as "
                        + e.getValue().typeName() + ", which jsrvany does not read; it is ignored"
                        + param.get().defaultText().map(d -> " and the default " + (d.isEmpty() ? "(empty)" : d)
                        + " is used").orElse("") + ". Store it again as " + param.get().kind().registryType() + ".");
                continue;
            }
            values.put(param.get(), raw.get());
        }
        Map<String, String> exitActions = new LinkedHashMap<>();
        String exitKey = key + "\\" + Param.APP_EXIT.registryName();
        for (Map.Entry<String, RegistryValue> e : reader.values(exitKey).orElse(Map.of()).entrySet()) {
            String where = e.getKey().isEmpty() ? "The (Default) value" : "The value '" + e.getKey() + "'";
            if (e.getValue() instanceof RegistryValue.Sz sz) {
                exitActions.put(e.getKey(), sz.value());
            } else if (e.getValue() instanceof RegistryValue.ExpandSz ex) {
                exitActions.put(e.getKey(), ex.raw());
            } else {
                warnings.add(where + " of HKLM\\" + exitKey + " is stored as " + e.getValue().typeName()
                        + "; it is ignored. Store the action (Restart, Ignore, Exit or Suicide) as REG_SZ.");
            }
        }
        return new RegistrySource(description, values, exitActions, warnings);
    }

    /**
     * A registry value as the configuration loader takes it: REG_SZ is text that is never expanded,
     * REG_EXPAND_SZ text that is, REG_MULTI_SZ a list, REG_DWORD an unsigned number. Empty for the
     * types no parameter uses.
     */
    static Optional<RawValue> toRawValue(RegistryValue value) {
        if (value instanceof RegistryValue.Sz sz) {
            return Optional.of(new RawValue.Text(sz.value(), false));
        } else if (value instanceof RegistryValue.ExpandSz ex) {
            return Optional.of(new RawValue.Text(ex.raw(), true));
        } else if (value instanceof RegistryValue.MultiSz multi) {
            return Optional.of(new RawValue.MultiText(multi.values()));
        } else if (value instanceof RegistryValue.Dword dword) {
            return Optional.of(new RawValue.Dword(Integer.toUnsignedLong(dword.value())));
        }
        return Optional.empty();
    }

    /** HKLM through {@link RegistryKeyAccess}; a key that does not exist reads as empty. */
    static KeyReader localMachine(RegistryKeyAccess registry) {
        return path -> {
            try {
                return Optional.of(registry.values(path));
            } catch (Win32Exception e) {
                if (e.errorCode() == ERROR_FILE_NOT_FOUND) {
                    return Optional.empty();
                }
                throw e;
            }
        };
    }

    private static String unknownName(String name, String description) {
        if (name.isEmpty()) {
            return "The (Default) value of " + description + " is not a jsrvany parameter; it is ignored.";
        }
        return "'" + name + "' in " + description + " is not a jsrvany parameter"
                + Param.closest(name).map(p -> " (did you mean " + p.registryName() + "?)").orElse("")
                + "; it is ignored. See docs/parameters.md for the names.";
    }

    /** One sentence per value that was ignored while reading (unknown name, unreadable type). */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Optional<RawValue> value(Param param) {
        return Optional.ofNullable(values.get(param));
    }

    @Override
    public Map<String, String> exitActions() {
        return exitActions;
    }

    /** Always empty: unknown registry values are warnings ({@link #warnings()}), not errors. */
    @Override
    public Set<String> unknownNames() {
        return Set.of();
    }

    @Override
    public boolean typed() {
        return true;
    }

    @Override
    public Optional<Path> baseDirectory() {
        return Optional.empty();
    }
}
