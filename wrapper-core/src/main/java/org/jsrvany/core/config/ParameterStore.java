package org.jsrvany.core.config;

import java.util.List;
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

    /** The value name of the service key's own environment ({@link #serviceEnvironment}). */
    String SERVICE_ENVIRONMENT = "Environment";

    /**
     * The service key's own {@code Environment} value (REG_MULTI_SZ of {@code KEY=VALUE}, beside
     * {@code ImagePath}, not under {@code Parameters}): the service manager adds it to the service
     * process's environment. Empty when absent (or not a REG_MULTI_SZ) and in stores without a service key.
     */
    default List<String> serviceEnvironment(String service) {
        return List.of();
    }

    /** Writes the service key's {@code Environment} value; an empty list deletes it. */
    default void writeServiceEnvironment(String service, List<String> entries) {
        throw new UnsupportedOperationException("this store has no service key");
    }
}
