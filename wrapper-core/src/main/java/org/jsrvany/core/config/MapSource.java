package org.jsrvany.core.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed parameters held in memory, as the registry would hand them over. The registry reader fills
 * one of these (so the mapping from raw values to a configuration is the same code on every OS), and
 * tests and the installer's fakes use it directly.
 */
public final class MapSource implements ParameterSource {
    private final String description;
    private final Map<Param, RawValue> values = new LinkedHashMap<>();
    private final Map<String, String> exitActions = new LinkedHashMap<>();

    public MapSource(String description) {
        this.description = description;
    }

    /** Stores a value under the parameter's name, replacing any previous one. */
    public MapSource put(Param param, RawValue value) {
        values.put(param, value);
        return this;
    }

    /** Convenience: a REG_SZ, or a REG_EXPAND_SZ when the table types the parameter so. */
    public MapSource put(Param param, String text) {
        return put(param, new RawValue.Text(text, param.kind() == ParamKind.EXPAND_STRING));
    }

    /** Stores an {@code AppExit} entry; {@code ""} is the default. */
    public MapSource exitAction(String code, String action) {
        exitActions.put(code, action);
        return this;
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
        return Collections.unmodifiableMap(exitActions);
    }

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
