package org.jsrvany.core.win32.scm;

import org.jsrvany.core.win32.Win32CallException;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Winsvc;

/**
 * The handle {@code RegisterServiceCtrlHandlerExW} returned, for {@code SetServiceStatus}. It needs
 * no closing (the SCM owns it). Values are winsvc.h's numbers; the caller decides them.
 */
public final class ServiceStatusHandle {
    /** {@code SERVICE_WIN32_OWN_PROCESS}: the only service type jsrvany runs as. */
    public static final int SERVICE_WIN32_OWN_PROCESS = 0x10;

    private final Winsvc.SERVICE_STATUS_HANDLE handle;
    private final String serviceName;

    ServiceStatusHandle(Winsvc.SERVICE_STATUS_HANDLE handle, String serviceName) {
        this.handle = handle;
        this.serviceName = serviceName;
    }

    /**
     * {@code SetServiceStatus} for an own-process service.
     *
     * @throws Win32CallException when the SCM refuses the status
     */
    public synchronized void report(int currentState, int controlsAccepted, int win32ExitCode,
                                    int serviceSpecificExitCode, int checkPoint, int waitHint) {
        Winsvc.SERVICE_STATUS status = new Winsvc.SERVICE_STATUS();
        status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
        status.dwCurrentState = currentState;
        status.dwControlsAccepted = controlsAccepted;
        status.dwWin32ExitCode = win32ExitCode;
        status.dwServiceSpecificExitCode = serviceSpecificExitCode;
        status.dwCheckPoint = checkPoint;
        status.dwWaitHint = waitHint;
        if (!Advapi32.INSTANCE.SetServiceStatus(handle, status)) {
            throw Win32CallException.lastError("SetServiceStatus(" + serviceName + ", state " + currentState + ")");
        }
    }

    @Override
    public String toString() {
        return "ServiceStatusHandle[" + serviceName + "]";
    }
}
