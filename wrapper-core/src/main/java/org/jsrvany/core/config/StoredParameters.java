package org.jsrvany.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * What a service's {@code Parameters} key holds.
 *
 * @param values      the table's parameters that are stored, with their stored types
 * @param exitActions the {@code AppExit} subkey ({@code ""} is the default action)
 * @param foreign     values and subkeys the table does not know (NSSM's {@code AppStdin}, {@code AppEvents}...),
 *                    or whose registry type has no meaning here, by name with their type name ({@code REG_QWORD},
 *                    {@value #SUBKEY}); kept, never written
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

    /** The type name {@link #foreign()} gives a subkey. */
    public static final String SUBKEY = "subkey";
    /** How the registry's unnamed value is named in {@link #foreign()}. */
    public static final String DEFAULT_VALUE = "(Default)";

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

    /**
     * One sentence per stored value jsrvany ignores (an unknown name, with a "did you mean"; a known
     * name stored with a type it cannot read): they stay in the registry and the service starts without
     * them, as NSSM and srvany-ng services keep values of their own.
     *
     * @param where the key, for the sentence
     */
    public List<String> ignoredValues(String where) {
        List<String> notes = new ArrayList<>();
        foreign.forEach((name, type) -> {
            Optional<Param> known = Param.byName(name);
            if (known.isPresent() && known.get().kind() == ParamKind.SUBKEY) {
                notes.add("'" + name + "' in " + where + " is a value, but " + known.get().registryName()
                        + " must be a subkey holding one string value per exit code; it is ignored.");
            } else if (known.isPresent() && !type.equals(SUBKEY)) {
                notes.add(known.get().registryName() + " in " + where + " is stored as " + type
                        + ", which jsrvany does not read; it is ignored"
                        + known.get().defaultText().map(d -> " and the default " + (d.isEmpty() ? "(empty)" : d)
                        + " is used").orElse("") + ". Store it again as " + known.get().kind().registryType() + ".");
            } else if (name.startsWith(Param.APP_EXIT.registryName() + "\\")) {
                notes.add("The value '" + name.substring(Param.APP_EXIT.registryName().length() + 1) + "' of the "
                        + Param.APP_EXIT.registryName() + " subkey in " + where + " is stored as " + type
                        + "; it is ignored. Store the action (Restart, Ignore, Exit or Suicide) as REG_SZ.");
            } else {
                notes.add("'" + name + "' (" + type + ") in " + where + " is not a jsrvany parameter"
                        + Param.didYouMean(name)
                        + "; it is ignored and stays where it is. See docs/parameters.md for the names.");
            }
        });
        return notes;
    }
}
