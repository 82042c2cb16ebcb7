package org.jsrvany.installer;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.LinkedBlockingQueue;
import org.jsrvany.core.win32.security.SecureFolder;
import org.jsrvany.core.status.PublishedStatus;

/**
 * A test-only service program for the installer's Windows tests, standing in for the service main
 * that is built elsewhere: it connects to the SCM, accepts STOP and PAUSE/CONTINUE, runs a child
 * ({@code ping -n 600 127.0.0.1}) and publishes its status file as the real service must
 * ({@link PublishedStatus}), so {@code status} can be tested end to end. Packed into a jar named
 * {@code jsrvany-launcher-it.jar} by the test, so the installer's own ImagePath runs it.
 */
public final class ItServiceMain {
    private static final Winsvc.SERVICE_MAIN_FUNCTION SERVICE_MAIN = ItServiceMain::serviceMain;
    private static final Winsvc.HandlerEx HANDLER = ItServiceMain::handle;
    private static final LinkedBlockingQueue<Integer> CONTROLS = new LinkedBlockingQueue<>();
    private static volatile Winsvc.SERVICE_STATUS_HANDLE statusHandle;
    private static int checkPoint;

    private ItServiceMain() {
    }

    public static void main(String[] args) {
        Winsvc.SERVICE_TABLE_ENTRY entry = new Winsvc.SERVICE_TABLE_ENTRY();
        entry.lpServiceName = "";
        entry.lpServiceProc = SERVICE_MAIN;
        Winsvc.SERVICE_TABLE_ENTRY[] table = (Winsvc.SERVICE_TABLE_ENTRY[]) entry.toArray(2);
        if (!Advapi32.INSTANCE.StartServiceCtrlDispatcher(table)) {
            System.err.println("StartServiceCtrlDispatcher failed: error " + Native.getLastError());
            System.exit(2);
        }
    }

    private static void serviceMain(int argc, Pointer argv) {
        String name = argv.getPointer(0).getWideString(0);
        statusHandle = Advapi32.INSTANCE.RegisterServiceCtrlHandlerEx(name, HANDLER, null);
        if (statusHandle == null) {
            return;
        }
        report(Winsvc.SERVICE_START_PENDING, 0, 0);
        Path file = PublishedStatus.file(SecureFolder.programData(), name);
        long pid = ProcessHandle.current().pid();
        Instant started = Instant.now();
        Process child = null;
        try {
            String ping = Path.of(System.getenv().getOrDefault("SystemRoot", "C:\\windows"), "system32", "ping.exe").toString();
            child = new ProcessBuilder(ping, "-n", "600", "127.0.0.1").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            new PublishedStatus(name, pid, started, OptionalLong.of(child.pid()), Optional.of(Instant.now()), 0,
                    OptionalLong.empty(), Optional.empty(), Instant.now()).write(file);
            int accept = Winsvc.SERVICE_ACCEPT_STOP | Winsvc.SERVICE_ACCEPT_PAUSE_CONTINUE;
            report(Winsvc.SERVICE_RUNNING, accept, 0);
            while (true) {
                int control = CONTROLS.take();
                if (control == Winsvc.SERVICE_CONTROL_STOP) {
                    break;
                }
                if (control == Winsvc.SERVICE_CONTROL_PAUSE) {
                    report(Winsvc.SERVICE_PAUSE_PENDING, 0, 0);
                    report(Winsvc.SERVICE_PAUSED, accept, 0);
                } else if (control == Winsvc.SERVICE_CONTROL_CONTINUE) {
                    report(Winsvc.SERVICE_CONTINUE_PENDING, 0, 0);
                    report(Winsvc.SERVICE_RUNNING, accept, 0);
                }
            }
            report(Winsvc.SERVICE_STOP_PENDING, 0, 0);
            child.destroyForcibly().waitFor();
            new PublishedStatus(name, pid, started, OptionalLong.empty(), Optional.empty(), 0,
                    OptionalLong.of(child.exitValue() & 0xFFFF_FFFFL), Optional.of(Instant.now()), Instant.now()).write(file);
            report(Winsvc.SERVICE_STOPPED, 0, WinError.NO_ERROR);
        } catch (Exception | Error e) {
            if (child != null) {
                child.destroyForcibly();
            }
            report(Winsvc.SERVICE_STOPPED, 0, WinError.ERROR_SERVICE_SPECIFIC_ERROR);
        }
    }

    private static int handle(int control, int eventType, Pointer eventData, Pointer context) {
        switch (control) {
            case Winsvc.SERVICE_CONTROL_STOP, Winsvc.SERVICE_CONTROL_PAUSE, Winsvc.SERVICE_CONTROL_CONTINUE:
                CONTROLS.add(control);
                return WinError.NO_ERROR;
            case Winsvc.SERVICE_CONTROL_INTERROGATE:
                return WinError.NO_ERROR;
            default:
                return WinError.ERROR_CALL_NOT_IMPLEMENTED;
        }
    }

    private static synchronized void report(int state, int accepted, int win32ExitCode) {
        Winsvc.SERVICE_STATUS status = new Winsvc.SERVICE_STATUS();
        status.dwServiceType = WinNT.SERVICE_WIN32_OWN_PROCESS;
        status.dwCurrentState = state;
        status.dwControlsAccepted = accepted;
        status.dwWin32ExitCode = win32ExitCode;
        status.dwServiceSpecificExitCode = win32ExitCode == WinError.ERROR_SERVICE_SPECIFIC_ERROR ? 1 : 0;
        boolean pending = state != Winsvc.SERVICE_RUNNING && state != Winsvc.SERVICE_STOPPED && state != Winsvc.SERVICE_PAUSED;
        status.dwCheckPoint = pending ? ++checkPoint : 0;
        status.dwWaitHint = pending ? 5000 : 0;
        Advapi32.INSTANCE.SetServiceStatus(statusHandle, status);
    }
}
