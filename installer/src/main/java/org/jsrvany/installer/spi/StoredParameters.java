package org.jsrvany.installer.spi;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;

/**
 * What a service's {@code Parameters} key holds.
 *
 * @param values      the table's parameters that are stored, with their stored types
 * @param exitActions the {@code AppExit} subkey ({@code ""} is the default action)
 * @param foreign     values and subkeys the table does not know (NSSM's {@code AppStdin}, {@code AppEvents}...),
 *                    or whose registry type has no meaning here, by name with their type; kept, never written
 * @param keyExists   whether the {@code Parameters} key exists at all
 */
public record StoredParameters(Map<Param, RawValue> values, Map<String, String> exitActions, Map<String, String> foreign,
                               boolean keyExists) {
    public StoredParameters {
        EnumMap<Param, RawValue> v = new EnumMap<>(Param.class);
        v.putAll(values);
        values = Collections.unmodifiableMap(v);
        exitActions = Collections.unmodifiableMap(new LinkedHashMap<>(exitActions));
        foreign = Collections.unmodifiableMap(new LinkedHashMap<>(foreign));
    }

    /** No {@code Parameters} key. */
    public static StoredParameters none() {
        return new StoredParameters(Map.of(), Map.of(), Map.of(), false);
    }

    /** The same values as a source for {@code ConfigLoader}; names the table does not know are left out. */
    public MapSource toSource(String description) {
        MapSource source = new MapSource(description);
        values.forEach(source::put);
        exitActions.forEach(source::exitAction);
        return source;
    }
}
