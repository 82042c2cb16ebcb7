package org.jsrvany.core.run;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.Hooks;
import org.jsrvany.core.output.OutputCapture;
import org.jsrvany.core.output.RotationListener;
import org.jsrvany.core.supervisor.HookRunner;
import org.jsrvany.core.output.ChildOutput;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.SessionGate;
import org.jsrvany.core.supervisor.Supervisor;
import org.jsrvany.core.supervisor.SupervisorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one runner: supervises a validated configuration from the first start to the end, with its
 * output captured. The Windows service, {@code run --config} and the installer's {@code test} all run
 * through {@link #run}, so they start, restart, capture and stop a program the same way.
 */
public final class Supervision {
    private static final Logger LOG = LoggerFactory.getLogger(Supervision.class);

    private Supervision() {
    }

    /**
     * What the caller holds while the supervision runs.
     *
     * @param supervisor      where STOP, PAUSE and the like are sent (the SCM's handler, signal handlers)
     * @param outputBytesLost the program's output the capture could not write so far (disk full,
     *                        file deleted...); still readable after {@link #run} returned
     * @param rotateOutput    asks for the output files to be rotated now, at a line boundary (NSSM's
     *                        control 128; only with AppRotateOnline=1); returns at once
     */
    public record Running(Supervisor supervisor, LongSupplier outputBytesLost, Runnable rotateOutput) {
    }

    /**
     * Opens the output destinations, starts the supervisor and waits until the service has ended;
     * the output files are closed when this returns.
     *
     * @param config     the validated configuration
     * @param platform   process control, clock and timers
     * @param consoleOut where the child's stdout goes when {@code AppStdout} is not set; null = discard
     * @param consoleErr likewise for stderr
     * @param listener   receives every state and child event, on the supervisor's thread
     * @param started    receives the supervisor and the lost-output counter before the first start
     * @return how it ended; a destination that cannot be opened is a {@link ServiceOutcome.LaunchFailed}
     *     naming it, and then no child was started
     */
    public static ServiceOutcome run(ServiceConfig config, Platform platform, PrintStream consoleOut,
                                     PrintStream consoleErr, SupervisorListener listener, Consumer<Running> started) {
        return run(config, platform, consoleOut, consoleErr, listener, SessionGate.NONE, started);
    }

    /**
     * {@link #run(ServiceConfig, Platform, PrintStream, PrintStream, SupervisorListener, Consumer)} for a program in a
     * user's session ({@code AppSession} Console or Active): the supervisor asks {@code gate} whether an exit was its
     * session's end.
     */
    public static ServiceOutcome run(ServiceConfig config, Platform platform, PrintStream consoleOut,
                                     PrintStream consoleErr, SupervisorListener listener, SessionGate gate,
                                     Consumer<Running> started) {
        HookRunner rotationHooks = new HookRunner(config);
        try (OutputCapture capture = OutputCapture.open(config.output(), Clock.systemDefaultZone(), consoleOut, consoleErr,
                rotationHooks(rotationHooks))) {
            Supervisor supervisor = Supervisor.create(config, platform.processes(), capture, listener,
                    platform.clock(), platform.scheduler(), gate);
            started.accept(new Running(supervisor, capture::bytesLost, capture::requestRotation));
            supervisor.start();
            return supervisor.outcome().join();
        } catch (IOException e) {
            String reason = ChildOutput.cannotOpen(e);
            LOG.error("{}", reason);
            return new ServiceOutcome.LaunchFailed(reason, OptionalInt.empty());
        } finally {
            rotationHooks.killAll();
        }
    }

    /** NSSM's Rotate/Pre and Rotate/Post hooks around every rotation of an output file (waited for). */
    static RotationListener rotationHooks(HookRunner hooks) {
        if (!hooks.has(Hooks.Hook.ROTATE_PRE) && !hooks.has(Hooks.Hook.ROTATE_POST)) {
            return RotationListener.NONE;
        }
        return new RotationListener() {
            @Override
            public void beforeRotation(java.nio.file.Path file) {
                hooks.run(Hooks.Hook.ROTATE_PRE, java.util.Map.of("JSRVANY_ROTATE_FILE", file.toString()));
            }

            @Override
            public void afterRotation(java.nio.file.Path file, java.nio.file.Path rotatedTo) {
                hooks.run(Hooks.Hook.ROTATE_POST, java.util.Map.of("JSRVANY_ROTATE_FILE", file.toString(),
                        "JSRVANY_ROTATED_TO", rotatedTo.toString()));
            }
        };
    }
}
