package org.jsrvany.core.win32.scm;

import org.jsrvany.core.win32.Win32CallException;
import org.jsrvany.core.win32.WindowsTestSupport;
import org.jsrvany.core.win32.registry.RegistryKeyAccess;
import org.jsrvany.core.win32.registry.RegistryParameterStore;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.W32ServiceManager;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** A service's preshutdown timeout as the launcher reads it, on a throw-away (never started) service. */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(60)
class ShutdownTimingWindowsIT {

    /** {@code SERVICE_PRESHUTDOWN_INFO}: jna-platform has no such structure. */
    @Structure.FieldOrder("dwPreshutdownTimeout")
    public static final class PreshutdownInfo extends Winsvc.ChangeServiceConfig2Info {
        public int dwPreshutdownTimeout;
    }

    @Test
    void preshutdownTimeoutIsQueriedAndItsStorageTellsWhetherItWasConfigured() {
        WindowsTestSupport.assumeElevated();
        String name = WindowsTestSupport.uniqueName("jsrvany-test");
        try (W32ServiceManager scm = new W32ServiceManager()) {
            scm.open(Winsvc.SC_MANAGER_ALL_ACCESS);
            Winsvc.SC_HANDLE handle = Advapi32.INSTANCE.CreateService(scm.getHandle(), name, name,
                    Winsvc.SERVICE_ALL_ACCESS, WinNT.SERVICE_WIN32_OWN_PROCESS, WinNT.SERVICE_DEMAND_START,
                    WinNT.SERVICE_ERROR_NORMAL, "C:\\jsrvany-never-started.exe", null, null, null, null, null);
            if (handle == null) {
                throw Win32CallException.lastError("CreateService(" + name + ")");
            }
            try {
                long initial = ShutdownTiming.preshutdownTimeoutMillis(name);
                assertThat(initial).as("the system's default").isIn(10_000L, 180_000L);
                if (WindowsTestSupport.isWine()) {
                    assertThat(ShutdownTiming.preshutdownTimeoutStored(name))
                            .as("Wine differs: its SCM stores PreshutdownTimeout (180000) for every service it creates")
                            .isTrue();
                } else {
                    assertThat(ShutdownTiming.preshutdownTimeoutStored(name))
                            .as("Windows stores PreshutdownTimeout only once it is configured").isFalse();
                }

                PreshutdownInfo info = new PreshutdownInfo();
                info.dwPreshutdownTimeout = 25_000;
                if (!Advapi32.INSTANCE.ChangeServiceConfig2(handle, ShutdownTiming.SERVICE_CONFIG_PRESHUTDOWN_INFO, info)) {
                    throw Win32CallException.lastError("ChangeServiceConfig2W(PRESHUTDOWN_INFO)");
                }
                assertThat(ShutdownTiming.preshutdownTimeoutMillis(name)).isEqualTo(25_000L);
                assertThat(ShutdownTiming.preshutdownTimeoutStored(name)).isTrue();
            } finally {
                Advapi32.INSTANCE.DeleteService(handle);
                Advapi32.INSTANCE.CloseServiceHandle(handle);
            }
        } finally {
            RegistryKeyAccess.localMachine().deleteTree(RegistryParameterStore.serviceKey(name));
        }
        // Any answer is fine here (Wine has no such value); what matters is that asking never throws.
        ShutdownTiming.waitToKillServiceTimeout();
    }
}
