package org.jsrvany.core.win32.scm;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.W32ServiceManager;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jsrvany.core.service.FailureActions;
import org.jsrvany.core.service.ServiceManager;
import org.jsrvany.core.win32.Win32CallException;
import org.jsrvany.core.win32.WindowsTestSupport;
import org.jsrvany.core.win32.registry.RegistryKeyAccess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Recovery actions set and then cleared through {@link WindowsServiceManager} on a throw-away
 * service (never started). Clearing sends {@code cActions = 0} with a non-null array, which Windows
 * documents as "delete the reset period and the actions" ({@code lpsaActions = NULL} would be ignored).
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(120)
class FailureActionsWindowsIT {
    private static final FailureActions RESTART_THRICE = new FailureActions(Duration.ofDays(1), List.of(
            new FailureActions.Action(FailureActions.Kind.RESTART, Duration.ofSeconds(5)),
            new FailureActions.Action(FailureActions.Kind.RESTART, Duration.ofSeconds(30)),
            new FailureActions.Action(FailureActions.Kind.RESTART, Duration.ofMinutes(2))), "", "");

    @Test
    void actionsThatWereSetAreClearedByNone() {
        WindowsTestSupport.assumeElevated();
        String name = WindowsTestSupport.uniqueName("jsrvany-fa");
        String key = "SYSTEM\\CurrentControlSet\\Services\\" + name;
        ServiceManager scm = WindowsServiceManager.local();
        create(name);
        try {
            scm.setFailureActions(name, RESTART_THRICE);
            Optional<FailureActions> set = scm.find(name).orElseThrow().failureActions();
            Optional<?> storedAfterSet = RegistryKeyAccess.localMachine().value(key, "FailureActions");

            scm.setFailureActions(name, FailureActions.none());
            Optional<FailureActions> cleared = scm.find(name).orElseThrow().failureActions();
            Optional<?> storedAfterClear = RegistryKeyAccess.localMachine().value(key, "FailureActions");

            if (WindowsTestSupport.isWine()) {
                // Wine differs from Windows: services.exe only logs a FIXME for SERVICE_CONFIG_FAILURE_ACTIONS and
                // stores nothing; QueryServiceConfig2 level 2 fails with 124 (read as "not supported").
                assertThat(set).as("Wine stores no failure actions").isEmpty();
                assertThat(storedAfterSet).as("Wine writes no FailureActions value").isEmpty();
                assertThat(cleared).isEmpty();
                assertThat(storedAfterClear).isEmpty();
            } else {
                assertThat(set).hasValue(RESTART_THRICE);
                assertThat(storedAfterSet).as("Windows keeps them in the service key").isPresent();
                assertThat(cleared).as("cActions = 0 with an array deletes the actions and the reset period")
                        .hasValue(FailureActions.none());
            }
        } finally {
            delete(name);
        }
    }

    private static void create(String name) {
        try (W32ServiceManager manager = new W32ServiceManager()) {
            manager.open(Winsvc.SC_MANAGER_ALL_ACCESS);
            Winsvc.SC_HANDLE h = Advapi32.INSTANCE.CreateService(manager.getHandle(), name, name,
                    Winsvc.SERVICE_ALL_ACCESS, WinNT.SERVICE_WIN32_OWN_PROCESS, WinNT.SERVICE_DEMAND_START,
                    WinNT.SERVICE_ERROR_NORMAL, "C:\\never\\started.exe", null, null, null, null, null);
            if (h == null) {
                throw Win32CallException.lastError("CreateService(" + name + ")");
            }
            Advapi32.INSTANCE.CloseServiceHandle(h);
        }
    }

    private static void delete(String name) {
        try {
            WindowsServiceManager.local().delete(name);
        } finally {
            RegistryKeyAccess.localMachine().deleteTree("SYSTEM\\CurrentControlSet\\Services\\" + name);
        }
    }
}
