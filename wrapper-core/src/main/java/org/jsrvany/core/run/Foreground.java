package org.jsrvany.core.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.output.OutputCapture;
import org.jsrvany.core.supervisor.ExitDecision;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.ServiceState;
import org.jsrvany.core.supervisor.Supervisor;
import org.jsrvany.core.supervisor.SupervisorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configuration supervised in this console exactly as the service would run it ({@link Supervision}),
 * until Ctrl+C, SIGTERM or SIGHUP runs the stop ladder: {@code run --config} and the installer's {@code test}.
 * One status line at start and one at the end; the result is a {@link LauncherExit}.
 */
public final class Foreground {
    private static final Logger LOG = LoggerFactory.getLogger(Foreground.class);

    private final ServiceConfig config;
    private final PrintStream out;
    private final PrintStream err;

    private Foreground(ServiceConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    /** Supervises {@code config} in this process until it ends; the child's console output goes to {@code out}/{@code err}. */
    public static LauncherExit run(ServiceConfig config, PrintStream out, PrintStream err) {
        return new Foreground(config, out, err).run();
    }

    private LauncherExit run() {
        Platform platform;
        try {
            platform = Platform.foreground();
        } catch (IllegalStateException e) {
            err.println("jsrvany: " + e.getMessage());
            return LauncherExit.WRAPPER_FAILED;
        }
        AtomicReference<Thread> hook = new AtomicReference<>();
        AtomicReference<Supervision.Running> running = new AtomicReference<>();
        ServiceOutcome outcome = Supervision.run(config, platform, out, err, new StatusLines(), started -> {
            running.set(started);
            Supervisor supervisor = started.supervisor();
            if (!Signals.handle(supervisor::stop, "INT", "TERM")) {
                LOG.info("This runtime cannot catch signals; Ctrl+C stops the child through a shutdown hook");
            }
            // A closed terminal (SIGHUP) stops like SIGTERM and exits with the documented code, not 129.
            Signals.handle(supervisor::stop, "HUP");
            // SIGUSR1 rotates the output files now (what service control 128 does); HUP keeps its meaning above.
            Signals.handle(started.rotateOutput(), "USR1");
            Thread t = new Thread(() -> stopAndWait(supervisor), "jsrvany-shutdown");
            Runtime.getRuntime().addShutdownHook(t);
            hook.set(t);
        });
        if (hook.get() != null) {
            removeHook(hook.get());
        }
        LauncherExit code = LauncherExit.of(outcome);
        long lost = running.get() == null ? 0 : running.get().outputBytesLost().getAsLong();
        OutputCapture.printLine(out, "jsrvany: '" + config.serviceName() + "' ended: " + describe(outcome) + " (exit code "
                + code.code() + ")." + lostOutput(lost));
        return code;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already shutting down; the hook has nothing left to do.
        }
    }

    /** Shutdown-hook path (a runtime without signal handling): run the ladder, bounded. */
    private static void stopAndWait(Supervisor supervisor) {
        if (supervisor.outcome().isDone()) {
            return;
        }
        supervisor.stop();
        try {
            supervisor.outcome().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("The child did not stop in time during JVM shutdown: {}", e.toString());
        }
    }

    /** The ended line's note on output the capture could not write; empty when none was lost. */
    static String lostOutput(long bytesLost) {
        return bytesLost == 0 ? "" : " " + bytesLost + (bytesLost == 1 ? " byte" : " bytes")
                + " of the program's output could not be written (see the log above).";
    }

    /** How a supervision ended, as the end of a sentence. */
    public static String describe(ServiceOutcome outcome) {
        if (outcome instanceof ServiceOutcome.StoppedOnRequest) {
            return "stopped on request";
        } else if (outcome instanceof ServiceOutcome.ChildExited c) {
            return "the program exited with code " + c.exitCode() + " and AppExit says Exit";
        } else if (outcome instanceof ServiceOutcome.Suicide s) {
            return "the program exited with code " + s.exitCode() + " and AppExit says Suicide";
        } else if (outcome instanceof ServiceOutcome.LaunchFailed f) {
            return "the program could not be started: " + f.reason();
        } else if (outcome instanceof ServiceOutcome.NotReady n) {
            return "the program did not become ready: " + n.reason();
        } else if (outcome instanceof ServiceOutcome.WrapperFailed w) {
            return "the wrapper failed: " + w.reason();
        }
        return outcome.toString();
    }

    /** The one-line status at start, after each child exit, and the wait before a restart. */
    private final class StatusLines implements SupervisorListener {
        private boolean announced;

        @Override
        public void stateChanged(ServiceState state, Duration waitHint) {
            LOG.debug("state {} (wait hint {} ms)", state, waitHint.toMillis());
        }

        @Override
        public void childStarted(long pid, String commandLine) {
            if (!announced) {
                announced = true;
                OutputCapture.printLine(out, "jsrvany: '" + config.serviceName() + "' is running: wrapper pid "
                        + ProcessHandle.current().pid() + ", child pid " + pid + ". Output: " + outputPlaces()
                        + ". Press Ctrl+C to stop.");
            } else {
                LOG.info("Restarted the program, child pid {}", pid);
            }
        }

        @Override
        public void programReady(long pid, Duration after, String seen) {
            OutputCapture.printLine(out, "jsrvany: '" + config.serviceName() + "' is ready: the program (pid " + pid
                    + ") passed its readiness check after " + after.toMillis() + " ms (" + seen + ").");
        }

        @Override
        public void programNotReady(long pid, String check, String seen, Duration timeout, boolean stopping) {
            OutputCapture.printLine(out, "jsrvany: '" + config.serviceName() + "' is not ready after " + timeout.toMillis()
                    + " ms (" + check + ": " + seen + "); " + (stopping ? "stopping it." : "running it anyway."));
        }

        @Override
        public void healthCheckFailed(long pid, String check, String seen, int failures) {
            OutputCapture.printLine(out, "jsrvany: health check " + check + " failed " + failures
                    + (failures == 1 ? " time" : " times in a row") + " (" + seen + "); restarting the program.");
        }

        @Override
        public void childExited(long pid, int exitCode, Duration runTime, ExitDecision decision) {
            if (decision instanceof ExitDecision.Restart r && !r.delay().isZero()) {
                LOG.warn("The program exited with code {} after {} ms; restarting in {} ms", exitCode, runTime.toMillis(),
                        r.delay().toMillis());
            }
        }
    }

    private String outputPlaces() {
        Set<String> places = new LinkedHashSet<>();
        Path stdout = config.output().stdout();
        Path stderr = config.output().stderr();
        places.add(stdout == null ? "this console" : stdout.toString());
        places.add(stderr == null ? "this console" : stderr.toString());
        return String.join(" and ", places);
    }
}
