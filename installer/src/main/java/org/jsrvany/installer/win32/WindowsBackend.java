package org.jsrvany.installer.win32;

import org.jsrvany.core.win32.RegistryKeyAccess;
import org.jsrvany.installer.spi.EventSources;
import org.jsrvany.installer.spi.ParameterStore;
import org.jsrvany.installer.spi.ServiceManager;

/** The one factory of the Windows implementations of the installer's interfaces. */
public final class WindowsBackend {
    private WindowsBackend() {
    }

    /** The local SCM. */
    public static ServiceManager serviceManager() {
        return new WindowsServiceManager();
    }

    /** The Application log's event sources. */
    public static EventSources eventSources() {
        return new WindowsEventSources();
    }

    /** The services' Parameters keys in HKLM. */
    public static ParameterStore parameterStore() {
        return new WindowsParameterStore(RegistryKeyAccess.localMachine());
    }
}
