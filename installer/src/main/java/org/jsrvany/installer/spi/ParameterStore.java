package org.jsrvany.installer.spi;

import java.util.Map;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;

/**
 * Typed values under a service's {@code Parameters} key (the registry on Windows, a map in tests).
 * Names come only from {@link Param}; failures are {@link org.jsrvany.core.win32.Win32Exception}s.
 */
public interface ParameterStore {

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
