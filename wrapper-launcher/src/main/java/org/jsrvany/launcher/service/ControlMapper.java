package org.jsrvany.launcher.service;

import java.time.Duration;
import org.jsrvany.core.supervisor.Supervisor;

/**
 * What the HandlerEx callback does with each control: it only enqueues (the supervisor's commands
 * are queue writes) and returns at once on the dispatcher thread.
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

    /** Time Windows gives a service at SHUTDOWN before it may kill it (about 5 s on current Windows; we keep margin). */
    static final Duration SHUTDOWN_BUDGET = Duration.ofSeconds(5);

    private final Supervisor supervisor;
    private final Duration preshutdownBudget;

    ControlMapper(Supervisor supervisor, Duration preshutdownBudget) {
        this.supervisor = supervisor;
        this.preshutdownBudget = preshutdownBudget;
    }

    /** Handles one control and returns HandlerEx's result. */
    int handle(int control) {
        switch (control) {
            case SERVICE_CONTROL_STOP -> supervisor.stop();
            case SERVICE_CONTROL_PAUSE -> supervisor.pause();
            case SERVICE_CONTROL_CONTINUE -> supervisor.resume();
            case SERVICE_CONTROL_SHUTDOWN -> supervisor.shutdown(SHUTDOWN_BUDGET);
            case SERVICE_CONTROL_PRESHUTDOWN -> supervisor.shutdown(preshutdownBudget);
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
}
