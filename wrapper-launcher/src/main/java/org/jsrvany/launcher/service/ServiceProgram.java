package org.jsrvany.launcher.service;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.Optional;
import org.jsrvany.launcher.logging.ServiceLogging;
import org.jsrvany.core.win32.security.SecureFolder;
import org.jsrvany.core.run.LauncherExit;
import org.jsrvany.core.run.Platform;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.win32.registry.RegistryParameterStore;
import org.jsrvany.core.win32.scm.ScmDispatcher;
import org.jsrvany.core.win32.scm.ShutdownTiming;
import org.jsrvany.core.win32.scm.ServiceStatusHandle;
import org.jsrvany.core.win32.Win32CallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher as the SCM starts it (no arguments): connects to the SCM, and in ServiceMain learns
 * its service name from the first argument (one ImagePath serves any service name), reads that
 * service's {@code Parameters} key and runs it ({@link ServiceRun}).
 */
public final class ServiceProgram {
    /** The log is set up in ServiceMain, after the dispatcher connected: nothing here loads Logback before that. */
    private static Logger log() {
        return LoggerFactory.getLogger(ServiceProgram.class);
    }

    /** What a person who started the launcher from a console reads (StartServiceCtrlDispatcher's error 1063). */
    public static final String NOT_A_SERVICE = "jsrvany-launcher: this program is a Windows service and was started from"
            + " a console: to run a configuration in the foreground use 'run --config FILE', and to try an installed"
            + " service's registry configuration use the installer's 'test SERVICE' command.";

    private ServiceProgram() {
    }

    /**
     * Connects to the SCM and returns once the service has stopped: {@link LauncherExit#OK}, or
     * {@link LauncherExit#USAGE} (with one sentence on {@code err}) when started from a console, or
     * {@link LauncherExit#WRAPPER_FAILED}.
     */
    public static LauncherExit dispatch(PrintWriter err) {
        ScmDispatcher.Result result = ScmDispatcher.run(ServiceProgram::serviceMain);
        if (result instanceof ScmDispatcher.Result.NotAService) {
            err.println(NOT_A_SERVICE);
            err.flush();
            return LauncherExit.USAGE;
        }
        if (result instanceof ScmDispatcher.Result.Failed f) {
            err.println("jsrvany-launcher: cannot connect to the service manager: " + f.error().getMessage());
            err.flush();
            return LauncherExit.WRAPPER_FAILED;
        }
        return LauncherExit.OK; // the log was closed before STOPPED: nothing more is written here
    }

    /**
     * ServiceMain's body, on the thread the SCM started. The control handler is registered first
     * ({@link ServiceRun#serviceMain}); the log folder's permissions and the event log's registry reads
     * come after START_PENDING, inside the run, and both are closed before STOPPED.
     */
    private static void serviceMain(String serviceName, List<String> arguments) {
        Optional<RuntimeException> notRegistered = ServiceRun.serviceMain(serviceName, handler -> register(serviceName, handler),
                status -> new ServiceRun.Host(status, () -> startLog(serviceName, arguments),
                        () -> WindowsEventSink.open(serviceName), ServiceLogging::stop,
                        RegistryParameterStore.localMachine(), () -> Platform.current().processes(),
                        () -> budgets(serviceName), ServiceProgram::endProcess, Scheduler.system(), Clock.systemDefaultZone(),
                        version(), () -> statusFile(serviceName), UserSessions.windows()));
        notRegistered.ifPresent(e -> {
            // Nothing can be reported to the SCM; at least the wrapper's log says why.
            startLog(serviceName, arguments);
            log().error("Cannot register the control handler of '{}'; the service manager cannot be told anything",
                    serviceName, e);
            ServiceLogging.stop();
        });
    }

    /** RegisterServiceCtrlHandlerExW with {@code handler}; the status sink is SetServiceStatus on its handle. */
    private static java.util.function.Consumer<ScmStatus> register(String serviceName,
                                                                   java.util.function.IntBinaryOperator handler) {
        ServiceStatusHandle handle = ScmDispatcher.register(serviceName, handler::applyAsInt);
        return status -> setStatus(handle, status);
    }

    /** Starts the wrapper's log file (a protected folder); where it is, or "none (why)". */
    private static String startLog(String serviceName, List<String> arguments) {
        String wrapperLog;
        try {
            wrapperLog = ServiceLogging.start(serviceName).toString();
        } catch (IOException | RuntimeException e) {
            ServiceLogging.consoleOff();
            wrapperLog = "none (" + e.getMessage() + ")";
        }
        // Which Java runs the service, and where JNA's native library came from (the install folder,
        // never a temporary one: the ImagePath's jna.boot.library.path and jna.nounpack).
        log().info("Java {} from {}; JNA's native library {}", System.getProperty("java.version"),
                System.getProperty("java.home"), System.getProperty("jnidispatch.path", "(path unknown)"));
        if (!arguments.isEmpty()) {
            log().info("Start parameters {} are ignored: the service's Parameters key says what to run", arguments);
        }
        return wrapperLog;
    }

    /** Where 'jsrvany status' looks (PublishedStatus); null, and a warning, when ProgramData cannot be found. */
    private static java.nio.file.Path statusFile(String serviceName) {
        try {
            return org.jsrvany.core.status.PublishedStatus.file(SecureFolder.programData(),
                    serviceName);
        } catch (RuntimeException e) {
            log().warn("The status file's folder cannot be found ({}); 'jsrvany status' will show less", e.toString());
            return null;
        }
    }

    private static void setStatus(ServiceStatusHandle handle, ScmStatus s) {
        try {
            handle.report(s.currentState(), s.controlsAccepted(), s.win32ExitCode(), s.serviceSpecificExitCode(),
                    s.checkPoint(), s.waitHint());
        } catch (Win32CallException e) {
            log().error("Reporting {} to the service manager failed: {}", s, e.getMessage());
        }
    }

    private static ShutdownBudgets budgets(String serviceName) {
        OptionalLong preshutdown;
        try {
            preshutdown = OptionalLong.of(ShutdownTiming.preshutdownTimeoutMillis(serviceName));
        } catch (Win32CallException e) {
            log().warn("The service's preshutdown timeout cannot be read: {}", e.getMessage());
            preshutdown = OptionalLong.empty();
        }
        return ShutdownBudgets.decide(ShutdownTiming.waitToKillServiceTimeout(),
                ShutdownTiming.preshutdownTimeoutStored(serviceName), preshutdown);
    }

    /** Suicide: the process ends at once, without STOPPED, so the SCM records a failure. */
    private static void endProcess(int exitCode) {
        ServiceLogging.stop();
        Runtime.getRuntime().halt(exitCode);
    }

    static String version() {
        String v = ServiceProgram.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
