package org.jsrvany.launcher.service;

import java.time.Duration;
import java.util.Objects;
import org.jsrvany.core.supervisor.Supervisor;

/**
 * What the HandlerEx callback does with each control: it only enqueues (the supervisor's commands
 * are queue writes) and returns at once on the dispatcher thread.
 *
 * <ul>
 *   <li>STOP, PAUSE, CONTINUE: the supervisor's stop, pause and resume.</li>
 *   <li>SHUTDOWN: the stop ladder inside the shutdown budget, no more restarts.</li>
 *   <li>PRESHUTDOWN (only sent when accepted, that is when a preshutdown timeout is configured): the
 *       same inside the preshutdown budget.</li>
 *   <li>INTERROGATE: NO_ERROR (the SCM answers from the last reported status).</li>
 *   <li>Anything else: ERROR_CALL_NOT_IMPLEMENTED.</li>
 * </ul>
 */
final class ControlMapper {
    static final int SERVICE_CONTROL_STOP = 0x1;
    static final int SERVICE_CONTROL_PAUSE = 0x2;
    static final int SERVICE_CONTROL_CONTINUE = 0x3;
    static final int SERVICE_CONTROL_INTERROGATE = 0x4;
    static final int SERVICE_CONTROL_SHUTDOWN = 0x5;
    static final int SERVICE_CONTROL_PRESHUTDOWN = 0xF;

    static final int NO_ERROR = 0;
    static final int ERROR_CALL_NOT_IMPLEMENTED = 120;

    /** The supervisor's commands: what a control turns into. */
    interface Target {
        void stop();

        void pause();

        void resume();

        void shutdown(Duration budget);

        static Target of(Supervisor supervisor) {
            return new Target() {
                @Override
                public void stop() {
                    supervisor.stop();
                }

                @Override
                public void pause() {
                    supervisor.pause();
                }

                @Override
                public void resume() {
                    supervisor.resume();
                }

                @Override
                public void shutdown(Duration budget) {
                    supervisor.shutdown(budget);
                }
            };
        }
    }

    private final Target target;
    private final ShutdownBudgets budgets;

    ControlMapper(Target target, ShutdownBudgets budgets) {
        this.target = Objects.requireNonNull(target);
        this.budgets = Objects.requireNonNull(budgets);
    }

    /** Handles one control and returns HandlerEx's result. */
    int handle(int control) {
        switch (control) {
            case SERVICE_CONTROL_STOP -> target.stop();
            case SERVICE_CONTROL_PAUSE -> target.pause();
            case SERVICE_CONTROL_CONTINUE -> target.resume();
            case SERVICE_CONTROL_SHUTDOWN -> target.shutdown(budgets.shutdown());
            case SERVICE_CONTROL_PRESHUTDOWN -> target.shutdown(budgets.preshutdown().orElse(budgets.shutdown()));
            case SERVICE_CONTROL_INTERROGATE -> {
                // The SCM answers from the last reported status; nothing to queue.
                return NO_ERROR;
            }
            default -> {
                return ERROR_CALL_NOT_IMPLEMENTED;
            }
        }
        return NO_ERROR;
    }

    /** The control's name for logs and events. */
    static String name(int control) {
        return switch (control) {
            case SERVICE_CONTROL_STOP -> "STOP";
            case SERVICE_CONTROL_PAUSE -> "PAUSE";
            case SERVICE_CONTROL_CONTINUE -> "CONTINUE";
            case SERVICE_CONTROL_INTERROGATE -> "INTERROGATE";
            case SERVICE_CONTROL_SHUTDOWN -> "SHUTDOWN";
            case SERVICE_CONTROL_PRESHUTDOWN -> "PRESHUTDOWN";
            default -> "control " + control;
        };
    }
}
