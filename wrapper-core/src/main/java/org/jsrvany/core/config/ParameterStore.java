package org.jsrvany.core.config;

import java.util.Map;

/**
 * Typed values under a service's {@code Parameters} key (the registry on Windows, a map in tests).
 * Names come only from {@link Param}. The Windows store is
 * {@code org.jsrvany.core.win32.registry.RegistryParameterStore}; its failures are
 * {@code Win32CallException}s.
 */
public interface ParameterStore {

    /** Where the service's values are, for messages (the registry key). */
    String describe(String service);

    /** Everything stored for the service; empty when it has no {@code Parameters} key. */
    StoredParameters read(String service);

    /** Writes one value with the type the table gives it (creating the key when missing). */
    void write(String service, Param param, RawValue value);

    /** Deletes one value; nothing happens when it is absent. */
    void delete(String service, Param param);

    /**
     * Replaces the {@code AppExit} subkey with these entries (key {@code ""} is the default action);
     * an empty map removes the subkey.
     */
    void writeExitActions(String service, Map<String, String> actions);

    /** Removes the whole {@code Parameters} key; nothing happens when it is absent. */
    void deleteAll(String service);
}
