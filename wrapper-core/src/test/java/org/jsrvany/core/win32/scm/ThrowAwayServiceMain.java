package org.jsrvany.core.win32.scm;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import java.io.IOException;
import org.jsrvany.core.win32.registry.RegistryKeyAccess;
import org.jsrvany.core.win32.registry.RegistryValue;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * A test-only service program for {@link ServiceLifecycleWindowsIT}: connects to the SCM, reads
 * its own {@code Parameters} key ({@code ProofFile}, {@code Marker}), writes the proof file
 * (state=running), reports RUNNING, and on STOP writes state=stopped and reports STOPPED with exit
 * code 0. Not a test class itself (the name matches no Surefire pattern).
 */
public final class ThrowAwayServiceMain {
    // The SCM calls these from native threads for the life of the process: strong references.
    private static final Winsvc.SERVICE_MAIN_FUNCTION SERVICE_MAIN = new ServiceMain();
    private static final Winsvc.HandlerEx HANDLER = new Handler();
    private static final CountDownLatch STOP_REQUESTED = new CountDownLatch(1);

    private static volatile Winsvc.SERVICE_STATUS_HANDLE statusHandle;
    private static int checkPoint;

    private ThrowAwayServiceMain() {
    }

    public static void main(String[] args) {
        Winsvc.SERVICE_TABLE_ENTRY entry = new Winsvc.SERVICE_TABLE_ENTRY();
        entry.lpServiceName = ""; // ignored for SERVICE_WIN32_OWN_PROCESS, but not NULL
        entry.lpServiceProc = SERVICE_MAIN;
        Winsvc.SERVICE_TABLE_ENTRY[] table = (Winsvc.SERVICE_TABLE_ENTRY[]) entry.toArray(2);
        if (!Advapi32.INSTANCE.StartServiceCtrlDispatcher(table)) {
            int code = Native.getLastError(); // 1063 when not started by the SCM
            System.err.println("StartServiceCtrlDispatcher failed: error " + code);
            System.exit(1);
        }
    }

    private static final class ServiceMain implements Winsvc.SERVICE_MAIN_FUNCTION {
        @Override
        public void callback(int argc, Pointer argv) {
            String name = argv.getPointer(0).getWideString(0);
            statusHandle = Advapi32.INSTANCE.RegisterServiceCtrlHandlerEx(name, HANDLER, null);
            if (statusHandle == null) {
                return; // nothing can be reported; the SCM times the start out
            }
            report(Winsvc.SERVICE_START_PENDING, 0, 0, 0);
            Path proof = null;
            try {
                String parameters = "SYSTEM\\CurrentControlSet\\Services\\" + name + "\\Parameters";
                RegistryKeyAccess registry = RegistryKeyAccess.localMachine();
                proof = Path.of(string(registry, parameters, "ProofFile"));
                String marker = string(registry, parameters, "Marker");
                Properties p = new Properties();
                p.setProperty("service", name);
                p.setProperty("marker", marker);
                p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
                p.setProperty("state", "running");
                write(proof, p);
                report(Winsvc.SERVICE_RUNNING, Winsvc.SERVICE_ACCEPT_STOP, 0, 0);

                STOP_REQUESTED.await();

                report(Winsvc.SERVICE_STOP_PENDING, 0, 0, 0);
                p.setProperty("state", "stopped");
                write(proof, p);
                report(Winsvc.SERVICE_STOPPED, 0, WinError.NO_ERROR, 0);
            } catch (Exception | Error e) {
                if (proof != null) {
                    Properties p = new Properties();
                    p.setProperty("error", e.toString());
                    try {
                        write(proof, p);
                    } catch (IOException ignored) {
                        // the test reports the missing proof
                    }
                }
                report(Winsvc.SERVICE_STOPPED, 0, WinError.ERROR_SERVICE_SPECIFIC_ERROR, 1);
            }
        }
    }

    /** Runs on the dispatcher thread: only signals, returns at once. */
    private static final class Handler implements Winsvc.HandlerEx {
        @Override
        public int callback(int control, int eventType, Pointer eventData, Pointer context) {
            switch (control) {
                case Winsvc.SERVICE_CONTROL_STOP:
                    STOP_REQUESTED.countDown();
                    return WinError.NO_ERROR;
                case Winsvc.SERVICE_CONTROL_INTERROGATE:
                    return WinError.NO_ERROR;
                default:
                    return WinError.ERROR_CALL_NOT_IMPLEMENTED;
            }
        }
    }

    private static String string(RegistryKeyAccess registry, String key, String name) {
        RegistryValue v = registry.value(key, name)
                .orElseThrow(() -> new IllegalStateException("no value " + name + " in " + key));
        return ((RegistryValue.Sz) v).value();
    }

    /** Accepts nothing while pending, and raises the checkpoint on every pending report. */
    private static synchronized void report(int state, int accepted, int win32ExitCode, int specificExitCode) {
        Winsvc.SERVICE_STATUS status = new Winsvc.SERVICE_STATUS();
        status.dwServiceType = WinNT.SERVICE_WIN32_OWN_PROCESS;
        status.dwCurrentState = state;
        status.dwControlsAccepted = accepted;
        status.dwWin32ExitCode = win32ExitCode;
        status.dwServiceSpecificExitCode = specificExitCode;
        boolean pending = state == Winsvc.SERVICE_START_PENDING || state == Winsvc.SERVICE_STOP_PENDING;
        status.dwCheckPoint = pending ? ++checkPoint : 0;
        status.dwWaitHint = pending ? 5000 : 0;
        Advapi32.INSTANCE.SetServiceStatus(statusHandle, status);
    }

    private static void write(Path file, Properties p) throws IOException {
        StringWriter text = new StringWriter();
        p.store(text, null);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
