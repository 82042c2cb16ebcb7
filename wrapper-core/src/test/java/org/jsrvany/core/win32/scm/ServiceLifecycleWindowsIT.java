package org.jsrvany.core.win32.scm;

import org.jsrvany.core.win32.Win32CallException;
import org.jsrvany.core.win32.WindowsTestSupport;
import org.jsrvany.core.win32.registry.RegistryKeyAccess;
import org.jsrvany.core.win32.registry.RegistryValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.W32Service;
import com.sun.jna.platform.win32.W32ServiceManager;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A throw-away service, created, started, queried, stopped and deleted through the SCM API (under
 * Wine, {@code sc} and {@code net} lack most of that). The service program is
 * {@link ThrowAwayServiceMain}, which proves it read its own Parameters key.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(180)
class ServiceLifecycleWindowsIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String MARKER = "ünïcødé ✓ marker";

    @TempDir
    Path temp;

    @Test
    void createStartQueryStopDelete() throws Exception {
        WindowsTestSupport.assumeElevated();
        String name = WindowsTestSupport.uniqueName("jsrvany-test");
        String parameters = "SYSTEM\\CurrentControlSet\\Services\\" + name + "\\Parameters";
        Path proof = temp.resolve("proof.properties");
        RegistryKeyAccess registry = RegistryKeyAccess.localMachine();

        try (W32ServiceManager scm = new W32ServiceManager()) {
            scm.open(Winsvc.SC_MANAGER_ALL_ACCESS);
            Winsvc.SC_HANDLE handle = Advapi32.INSTANCE.CreateService(scm.getHandle(), name,
                    "jsrvany throw-away test service", Winsvc.SERVICE_ALL_ACCESS,
                    WinNT.SERVICE_WIN32_OWN_PROCESS, WinNT.SERVICE_DEMAND_START,
                    WinNT.SERVICE_ERROR_NORMAL, binPath(), null, null, null, null, null);
            if (handle == null) {
                throw Win32CallException.lastError("CreateService(" + name + ")");
            }
            W32Service service = new W32Service(handle);
            int servicePid = 0;
            try {
                registry.createKey(parameters);
                registry.setValue(parameters, "ProofFile", new RegistryValue.Sz(proof.toString()));
                registry.setValue(parameters, "Marker", new RegistryValue.Sz(MARKER));

                if (!Advapi32.INSTANCE.StartService(handle, 0, null)) {
                    throw Win32CallException.lastError("StartService(" + name + ")");
                }
                Winsvc.SERVICE_STATUS_PROCESS running = awaitSettled(service);
                servicePid = running.dwProcessId;
                assertThat(running.dwCurrentState)
                        .as("state after start (exit code %d, proof %s)", running.dwWin32ExitCode, describe(proof))
                        .isEqualTo(Winsvc.SERVICE_RUNNING);
                assertThat(running.dwControlsAccepted).isEqualTo(Winsvc.SERVICE_ACCEPT_STOP);
                assertThat(running.dwProcessId).isNotZero();
                Properties started = WindowsTestSupport.load(proof);
                assertThat(started.getProperty("service")).isEqualTo(name);
                assertThat(started.getProperty("marker")).as("read from its own Parameters key").isEqualTo(MARKER);
                assertThat(started.getProperty("state")).isEqualTo("running");

                if (!Advapi32.INSTANCE.ControlService(handle, Winsvc.SERVICE_CONTROL_STOP,
                        new Winsvc.SERVICE_STATUS())) {
                    throw Win32CallException.lastError("ControlService(" + name + ", STOP)");
                }
                // Not awaitSettled: right after ControlService returns the service may still say RUNNING.
                Winsvc.SERVICE_STATUS_PROCESS stopped = awaitState(service, Winsvc.SERVICE_STOPPED);
                assertThat(stopped.dwCurrentState).isEqualTo(Winsvc.SERVICE_STOPPED);
                assertThat(stopped.dwWin32ExitCode).as("Win32 exit code").isEqualTo(WinError.NO_ERROR);
                assertThat(stopped.dwServiceSpecificExitCode).isZero();
                assertThat(WindowsTestSupport.load(proof).getProperty("state")).isEqualTo("stopped");
            } finally {
                cleanUp(service, handle, servicePid);
            }
            assertDeleted(scm, name);
        } finally {
            registry.deleteTree("SYSTEM\\CurrentControlSet\\Services\\" + name);
        }
    }

    /** {@code "<java.exe>" -Xrs -cp "<classpath>" <main>}: only what the service program needs. */
    private static String binPath() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java.exe").toString();
        String classpath = String.join(";", List.of(
                WindowsTestSupport.codeSource(ThrowAwayServiceMain.class),
                WindowsTestSupport.codeSource(RegistryKeyAccess.class),
                WindowsTestSupport.codeSource(Native.class),
                WindowsTestSupport.codeSource(Advapi32.class)));
        return "\"" + java + "\" -Xrs -cp \"" + classpath + "\" " + ThrowAwayServiceMain.class.getName();
    }

    /** Polls until the state is no longer pending, within {@link #BOUND}. */
    private static Winsvc.SERVICE_STATUS_PROCESS awaitSettled(W32Service service) throws InterruptedException {
        Winsvc.SERVICE_STATUS_PROCESS[] last = {service.queryStatus()};
        WindowsTestSupport.await(BOUND, () -> {
            last[0] = service.queryStatus();
            int s = last[0].dwCurrentState;
            return s == Winsvc.SERVICE_RUNNING || s == Winsvc.SERVICE_STOPPED || s == Winsvc.SERVICE_PAUSED;
        });
        return last[0];
    }

    /** Polls until the service reports {@code state}, within {@link #BOUND}; returns the last status seen. */
    private static Winsvc.SERVICE_STATUS_PROCESS awaitState(W32Service service, int state) throws InterruptedException {
        Winsvc.SERVICE_STATUS_PROCESS[] last = {service.queryStatus()};
        WindowsTestSupport.await(BOUND, () -> {
            last[0] = service.queryStatus();
            return last[0].dwCurrentState == state;
        });
        return last[0];
    }

    /** Stops (or kills) the service process if a failure left it running, then deletes the service. */
    private static void cleanUp(W32Service service, Winsvc.SC_HANDLE handle, int pid) throws InterruptedException {
        try {
            if (service.queryStatus().dwCurrentState != Winsvc.SERVICE_STOPPED) {
                Advapi32.INSTANCE.ControlService(handle, Winsvc.SERVICE_CONTROL_STOP, new Winsvc.SERVICE_STATUS());
                if (awaitState(service, Winsvc.SERVICE_STOPPED).dwCurrentState != Winsvc.SERVICE_STOPPED && pid != 0) {
                    WinNT.HANDLE process = Kernel32.INSTANCE.OpenProcess(WinNT.PROCESS_TERMINATE, false, pid);
                    if (process != null) {
                        Kernel32.INSTANCE.TerminateProcess(process, 1);
                        Kernel32.INSTANCE.CloseHandle(process);
                    }
                }
            }
        } finally {
            try {
                if (!Advapi32.INSTANCE.DeleteService(handle)) {
                    throw Win32CallException.lastError("DeleteService");
                }
            } finally {
                service.close();
            }
        }
    }

    /**
     * DeleteService only marks the service; the SCM removes it once every handle is closed and
     * its process has ended (which takes a moment after STOPPED), so this waits for that.
     */
    private static void assertDeleted(W32ServiceManager scm, String name) throws InterruptedException {
        int[] error = {0};
        boolean gone = WindowsTestSupport.await(BOUND, () -> {
            Winsvc.SC_HANDLE again = Advapi32.INSTANCE.OpenService(scm.getHandle(), name, Winsvc.SERVICE_QUERY_STATUS);
            error[0] = Native.getLastError();
            if (again == null) {
                return true;
            }
            Advapi32.INSTANCE.CloseServiceHandle(again);
            return false;
        });
        assertThat(gone).as("service %s removed within %s of DeleteService", name, BOUND).isTrue();
        assertThat(error[0]).as("OpenService error").isEqualTo(WinError.ERROR_SERVICE_DOES_NOT_EXIST);
    }

    private static String describe(Path proof) {
        try {
            return Files.exists(proof) ? Files.readString(proof) : "(none written)";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
