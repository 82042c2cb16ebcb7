package org.jsrvany.core.win32.scm;

import org.jsrvany.core.win32.Win32CallException;
import org.jsrvany.core.win32.registry.RegistryKeyAccess;
import org.jsrvany.core.win32.registry.RegistryParameterStore;
import org.jsrvany.core.win32.registry.RegistryValue;
import com.sun.jna.Memory;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Winsvc;
import com.sun.jna.ptr.IntByReference;
import java.util.Optional;

/** How long a service gets at shutdown: its preshutdown timeout (SCM) and the system's WaitToKillServiceTimeout (registry). Calls only. */
public final class ShutdownTiming {
    /** {@code SERVICE_CONFIG_PRESHUTDOWN_INFO}. */
    static final int SERVICE_CONFIG_PRESHUTDOWN_INFO = 7;
    /** The value the SCM stores when a preshutdown timeout is set (ChangeServiceConfig2, level 7). */
    public static final String PRESHUTDOWN_TIMEOUT_VALUE = "PreshutdownTimeout";
    /** Where Windows keeps the time it gives services at shutdown ({@code WaitToKillServiceTimeout}, REG_SZ ms). */
    static final String CONTROL_KEY = "SYSTEM\\CurrentControlSet\\Control";
    static final String WAIT_TO_KILL_SERVICE_TIMEOUT = "WaitToKillServiceTimeout";

    private static final int SC_MANAGER_CONNECT = 0x0001;
    private static final int SERVICE_QUERY_CONFIG = 0x0001;

    private ShutdownTiming() {
    }

    /**
     * {@code QueryServiceConfig2(SERVICE_CONFIG_PRESHUTDOWN_INFO)}: the service's preshutdown timeout in
     * milliseconds. Windows answers with its default (10 s on current versions, 3 min before) when none
     * was set, so this alone does not say whether one was configured: see {@link #preshutdownTimeoutStored}.
     *
     * @throws Win32CallException when the SCM cannot be asked
     */
    public static long preshutdownTimeoutMillis(String serviceName) {
        Winsvc.SC_HANDLE scm = Advapi32.INSTANCE.OpenSCManager(null, null, SC_MANAGER_CONNECT);
        if (scm == null) {
            throw Win32CallException.lastError("OpenSCManagerW");
        }
        try {
            Winsvc.SC_HANDLE service = Advapi32.INSTANCE.OpenService(scm, serviceName, SERVICE_QUERY_CONFIG);
            if (service == null) {
                throw Win32CallException.lastError("OpenServiceW(" + serviceName + ")");
            }
            try {
                Memory buffer = new Memory(64);
                buffer.clear();
                IntByReference needed = new IntByReference();
                if (!Advapi32.INSTANCE.QueryServiceConfig2(service, SERVICE_CONFIG_PRESHUTDOWN_INFO, buffer,
                        (int) buffer.size(), needed)) {
                    throw Win32CallException.lastError("QueryServiceConfig2W(" + serviceName + ", PRESHUTDOWN_INFO)");
                }
                return Integer.toUnsignedLong(buffer.getInt(0));
            } finally {
                Advapi32.INSTANCE.CloseServiceHandle(service);
            }
        } finally {
            Advapi32.INSTANCE.CloseServiceHandle(scm);
        }
    }

    /**
     * Whether the service's key holds a {@code PreshutdownTimeout} value: on Windows, the sign that a
     * preshutdown timeout was configured for it. (Wine's SCM stores one for every service.)
     */
    public static boolean preshutdownTimeoutStored(String serviceName) {
        try {
            return RegistryKeyAccess.localMachine()
                    .value(RegistryParameterStore.serviceKey(serviceName), PRESHUTDOWN_TIMEOUT_VALUE)
                    .isPresent();
        } catch (Win32CallException e) {
            return false;
        }
    }

    /**
     * {@code HKLM\SYSTEM\CurrentControlSet\Control\WaitToKillServiceTimeout} as stored (REG_SZ
     * milliseconds), if present.
     */
    public static Optional<String> waitToKillServiceTimeout() {
        try {
            return RegistryKeyAccess.localMachine().value(CONTROL_KEY, WAIT_TO_KILL_SERVICE_TIMEOUT).map(v -> {
                if (v instanceof RegistryValue.Sz sz) {
                    return sz.value();
                } else if (v instanceof RegistryValue.ExpandSz ex) {
                    return ex.raw();
                } else if (v instanceof RegistryValue.Dword d) {
                    return Integer.toUnsignedString(d.value());
                }
                return "";
            });
        } catch (Win32CallException e) {
            return Optional.empty();
        }
    }
}
