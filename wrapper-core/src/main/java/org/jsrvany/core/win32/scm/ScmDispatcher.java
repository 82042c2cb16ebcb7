package org.jsrvany.core.win32.scm;

import org.jsrvany.core.win32.Win32CallException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Winsvc;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection of a service program to the service control manager:
 * {@code StartServiceCtrlDispatcherW} with one own-process entry, its {@code ServiceMain}, and
 * {@code RegisterServiceCtrlHandlerExW}.
 *
 * <p>The {@code SERVICE_MAIN_FUNCTION} and {@code HandlerEx} callback objects are static final
 * fields: the SCM calls them from native threads for the life of the process, and a callback object
 * the garbage collector reclaims would crash it. They forward to the Java handlers given here.
 */
public final class ScmDispatcher {
    /** {@code ERROR_FAILED_SERVICE_CONTROLLER_CONNECT}: the program was started from a console, not by the SCM. */
    public static final int ERROR_FAILED_SERVICE_CONTROLLER_CONNECT = 1063;
    /** {@code SERVICE_CONTROL_INTERROGATE}. */
    public static final int SERVICE_CONTROL_INTERROGATE = 0x4;
    /** {@code NO_ERROR}. */
    public static final int NO_ERROR = 0;
    /** {@code ERROR_CALL_NOT_IMPLEMENTED}: HandlerEx's answer to a control the service does not handle. */
    public static final int ERROR_CALL_NOT_IMPLEMENTED = 120;

    /** Only failures log: the dispatcher connects before anything loads the logging library. */
    private static Logger log() {
        return LoggerFactory.getLogger(ScmDispatcher.class);
    }

    // Called by the SCM from native threads for the life of the process: strong references.
    private static final Winsvc.SERVICE_MAIN_FUNCTION SERVICE_MAIN = new ServiceMainCallback();
    private static final Winsvc.HandlerEx HANDLER_EX = new HandlerExCallback();

    private static volatile ServiceMain body;
    private static volatile ControlHandler controls;
    /** Where {@code SERVICE_CONTROL_SESSIONCHANGE} goes ({@code AppSession} Console or Active); null = nowhere. */
    private static volatile SessionChangeHandler sessionChanges;

    /** {@code SERVICE_CONTROL_SESSIONCHANGE}: accepted with {@code SERVICE_ACCEPT_SESSIONCHANGE} (0x80). */
    public static final int SERVICE_CONTROL_SESSIONCHANGE = 0x0E;

    /**
     * What {@code HandlerEx} does with a session change: runs on the dispatcher thread, so it only enqueues.
     */
    @FunctionalInterface
    public interface SessionChangeHandler {
        /**
         * @param eventType the {@code dwEventType} (WTS_SESSION_LOGON ...)
         * @param sessionId {@code WTSSESSION_NOTIFICATION.dwSessionId} from {@code lpEventData}
         */
        void changed(int eventType, int sessionId);
    }

    /**
     * Sends every {@code SERVICE_CONTROL_SESSIONCHANGE} to {@code handler} (the service must also accept it, in its
     * status). Set it before reporting RUNNING; null stops it.
     */
    public static void onSessionChange(SessionChangeHandler handler) {
        sessionChanges = handler;
    }

    private ScmDispatcher() {
    }

    /** The body of {@code ServiceMain}: runs on a thread the SCM created, until the service has stopped. */
    @FunctionalInterface
    public interface ServiceMain {
        /**
         * @param serviceName the service's name (ServiceMain's first argument), whatever name it was installed under
         * @param arguments   the start parameters after the name ({@code StartService}'s arguments)
         */
        void run(String serviceName, List<String> arguments);
    }

    /**
     * What {@code HandlerEx} does with one control. It runs on the dispatcher thread: enqueue and
     * return at once. Returns {@link #NO_ERROR}, or {@link #ERROR_CALL_NOT_IMPLEMENTED} for a
     * control the service does not handle.
     */
    @FunctionalInterface
    public interface ControlHandler {
        int handle(int control, int eventType);
    }

    /** How {@link #run} ended. */
    public sealed interface Result {
        /** The service ran and has stopped. */
        record Ran() implements Result {
        }

        /** Started from a console rather than by the SCM ({@link #ERROR_FAILED_SERVICE_CONTROLLER_CONNECT}). */
        record NotAService() implements Result {
        }

        /** The dispatcher failed for another reason. */
        record Failed(Win32CallException error) implements Result {
        }
    }

    /**
     * Connects to the SCM and blocks until the service has stopped (own-process: one entry, whose
     * name the SCM ignores). {@code main} runs on the thread the SCM starts for ServiceMain.
     */
    public static Result run(ServiceMain main) {
        body = main;
        Winsvc.SERVICE_TABLE_ENTRY entry = new Winsvc.SERVICE_TABLE_ENTRY();
        entry.lpServiceName = ""; // ignored for SERVICE_WIN32_OWN_PROCESS, but must not be NULL
        entry.lpServiceProc = SERVICE_MAIN;
        Winsvc.SERVICE_TABLE_ENTRY[] table = (Winsvc.SERVICE_TABLE_ENTRY[]) entry.toArray(2);
        if (Advapi32.INSTANCE.StartServiceCtrlDispatcher(table)) {
            return new Result.Ran();
        }
        int code = Native.getLastError();
        if (code == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) {
            return new Result.NotAService();
        }
        return new Result.Failed(Win32CallException.of("StartServiceCtrlDispatcherW", code));
    }

    /**
     * {@code RegisterServiceCtrlHandlerExW}: from now on every control goes to {@code handler}.
     * Call it first thing in ServiceMain.
     *
     * @throws Win32CallException when the SCM does not know the service
     */
    public static ServiceStatusHandle register(String serviceName, ControlHandler handler) {
        controls = handler;
        Winsvc.SERVICE_STATUS_HANDLE handle = Advapi32.INSTANCE.RegisterServiceCtrlHandlerEx(serviceName, HANDLER_EX, null);
        if (handle == null) {
            throw Win32CallException.lastError("RegisterServiceCtrlHandlerExW(" + serviceName + ")");
        }
        return new ServiceStatusHandle(handle, serviceName);
    }

    private static final class ServiceMainCallback implements Winsvc.SERVICE_MAIN_FUNCTION {
        @Override
        public void callback(int argc, Pointer argv) {
            List<String> args = new ArrayList<>();
            if (argv != null && argc > 0) {
                for (Pointer p : argv.getPointerArray(0, argc)) {
                    args.add(p == null ? "" : p.getWideString(0));
                }
            }
            String name = args.isEmpty() ? "" : args.get(0);
            Thread.currentThread().setName("jsrvany-service-main");
            try {
                body.run(name, args.isEmpty() ? List.of() : List.copyOf(args.subList(1, args.size())));
            } catch (RuntimeException | Error e) {
                // The body reports STOPPED itself; this is the last line of defence for the log.
                log().error("ServiceMain of '{}' failed", name, e);
            }
        }
    }

    /** A session change: {@code lpEventData} is a {@code WTSSESSION_NOTIFICATION} ({@link WinsvcEx.WTSSESSION_NOTIFICATION}). */
    private static int sessionChange(int eventType, Pointer eventData) {
        SessionChangeHandler handler = sessionChanges;
        if (handler == null || eventData == null) {
            return ERROR_CALL_NOT_IMPLEMENTED;
        }
        try {
            handler.changed(eventType, new WinsvcEx.WTSSESSION_NOTIFICATION(eventData).dwSessionId);
            return NO_ERROR;
        } catch (RuntimeException e) {
            log().error("Handling session change {} failed", eventType, e);
            return NO_ERROR;
        }
    }

    private static final class HandlerExCallback implements Winsvc.HandlerEx {
        @Override
        public int callback(int control, int eventType, Pointer eventData, Pointer context) {
            if (control == SERVICE_CONTROL_SESSIONCHANGE) {
                return sessionChange(eventType, eventData);
            }
            ControlHandler handler = controls;
            if (handler == null) {
                return control == SERVICE_CONTROL_INTERROGATE ? NO_ERROR : ERROR_CALL_NOT_IMPLEMENTED;
            }
            try {
                return handler.handle(control, eventType);
            } catch (RuntimeException e) {
                log().error("Handling service control {} failed", control, e);
                return ERROR_CALL_NOT_IMPLEMENTED;
            }
        }
    }
}
