package org.jsrvany.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.output.OutputCapture;
import org.jsrvany.core.process.ProcessControl;
import org.jsrvany.core.supervisor.ExitDecision;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.ServiceState;
import org.jsrvany.core.supervisor.Supervisor;
import org.jsrvany.core.supervisor.SupervisorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires a configuration to a supervisor in the foreground, with one status line at start and at end. */
final class ForegroundRun {
    private static final Logger LOG = LoggerFactory.getLogger(ForegroundRun.class);

    private final ServiceConfig config;
    private final PrintStream out;
    private final PrintStream err;

    ForegroundRun(ServiceConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    ExitCode run() {
        ProcessControl processes;
        try {
            processes = ProcessControl.forCurrentOs();
        } catch (IllegalStateException e) {
            err.println("jsrvany: " + e.getMessage());
            return ExitCode.WRAPPER_FAILED;
        }
        ServiceOutcome outcome;
        Thread hook;
        OutputCapture output;
        try (OutputCapture capture = OutputCapture.open(config.output(), Clock.systemDefaultZone(), out, err)) {
            output = capture;
            Supervisor supervisor = Supervisor.create(config, processes, capture, new StatusLines(),
                    Clock.systemUTC(), Scheduler.system());
            if (!Signals.handle(supervisor::stop, "INT", "TERM")) {
                LOG.info("This runtime cannot catch signals; Ctrl+C stops the child through a shutdown hook");
            }
            hook = new Thread(() -> stopAndWait(supervisor), "jsrvany-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            supervisor.start();
            outcome = supervisor.outcome().join();
        } catch (IOException e) {
            // The same outcome the service reports for it: the program could not be started.
            err.println("jsrvany: the output files cannot be opened: " + e.getMessage()
                    + ". Check AppStdout/AppStderr and that the folder is writable.");
            return ExitCode.LAUNCH_FAILED;
        }
        removeHook(hook);
        ExitCode code = exitCode(outcome);
        OutputCapture.printLine(out, "jsrvany: '" + config.serviceName() + "' ended: " + describe(outcome) + " (exit code "
                + code.code() + ")." + lostOutput(output.bytesLost()));
        return code;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already shutting down; the hook has nothing left to do.
        }
    }

    /** Shutdown-hook path (SIGHUP, or a runtime without signal handling): run the ladder, bounded. */
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

    static ExitCode exitCode(ServiceOutcome outcome) {
        if (outcome instanceof ServiceOutcome.StoppedOnRequest) {
            return ExitCode.OK;
        } else if (outcome instanceof ServiceOutcome.ChildExited c) {
            return c.exitCode() == 0 ? ExitCode.OK : ExitCode.CHILD_FAILED;
        } else if (outcome instanceof ServiceOutcome.Suicide) {
            return ExitCode.SUICIDE;
        } else if (outcome instanceof ServiceOutcome.LaunchFailed) {
            return ExitCode.LAUNCH_FAILED;
        }
        return ExitCode.WRAPPER_FAILED;
    }

    static String describe(ServiceOutcome outcome) {
        if (outcome instanceof ServiceOutcome.StoppedOnRequest) {
            return "stopped on request";
        } else if (outcome instanceof ServiceOutcome.ChildExited c) {
            return "the program exited with code " + c.exitCode() + " and AppExit says Exit";
        } else if (outcome instanceof ServiceOutcome.Suicide s) {
            return "the program exited with code " + s.exitCode() + " and AppExit says Suicide";
        } else if (outcome instanceof ServiceOutcome.LaunchFailed f) {
            return "the program could not be started: " + f.reason();
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
