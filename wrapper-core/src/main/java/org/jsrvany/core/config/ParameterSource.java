package org.jsrvany.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A store of service parameters: the registry's {@code Parameters} key, a properties file, or an
 * in-memory map. It only hands out raw values; {@link ConfigLoader} validates them.
 */
public interface ParameterSource {

    /** Where the values come from, for messages: a registry key path or a file path. */
    String describe();

    /** The raw value stored under this parameter's name, if any. */
    Optional<RawValue> value(Param param);

    /**
     * The {@code AppExit} entries: key {@code ""} is the default action, other keys are exit codes
     * written in decimal. Empty when the store has none.
     */
    Map<String, String> exitActions();

    /** Names the store holds that the parameter table does not know (reported by typed-text stores). */
    Set<String> unknownNames();

    /**
     * Whether values carry registry types. A typed store (the registry) falls back to the default,
     * with a warning, when a value has the wrong type, as NSSM does; an untyped store (a file someone
     * typed) rejects a malformed value instead.
     */
    boolean typed();

    /** The folder relative paths are taken from (a properties file's folder), if the store has one. */
    Optional<Path> baseDirectory();

    /** The file the store is, if it is one (so that output is never written into it). */
    default Optional<Path> file() {
        return Optional.empty();
    }

    /**
     * Problems the store found in its own text (a key given twice, a line that cannot be read), one
     * sentence each; the loader reports them with every other problem.
     */
    default List<String> problems() {
        return List.of();
    }
}
