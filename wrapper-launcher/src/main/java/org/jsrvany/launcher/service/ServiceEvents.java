package org.jsrvany.launcher.service;

import java.time.Duration;
import java.util.List;
import org.jsrvany.core.config.MemoryLimitAction;
import org.jsrvany.core.process.LimitBreach;
import org.jsrvany.core.supervisor.RestartReason;
import java.util.Locale;
import org.jsrvany.core.service.ScmExitCode;
import org.jsrvany.core.supervisor.ExitDecision;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.win32.eventlog.EventLogWriter.Level;

/**
 * The lifecycle events a service writes to the Application log, with stable ids (listed in
 * docs/windows-service.md; they never change meaning). Pure text building, tested on any OS.
 */
final class ServiceEvents {
    static final int STARTING = 1000;
    static final int CHILD_STARTED = 1001;
    static final int CHILD_EXITED = 1002;
    static final int RESTART_DELAYED = 1003;
    static final int STOPPING = 1004;
    static final int STOPPED = 1005;
    static final int PAUSED = 1006;
    static final int CONTINUED = 1007;
    static final int SUICIDE = 1008;
    static final int CONFIG_WARNINGS = 1009;
    static final int CONFIG_INVALID = 1010;
    static final int STOPPED_PROGRAM_FAILED = 1011;
    static final int LAUNCH_FAILED = 1012;
    static final int WRAPPER_FAILED = 1013;
    static final int OUTPUT_LOST = 1014;
    static final int CHILD_WARNING = 1015;
    // readiness and liveness (docs/readiness-health.md)
    static final int PROGRAM_READY = 1030;
    static final int HEALTH_FAILED = 1031;
    static final int HEALTH_WARNING = 1032;
    static final int STOPPED_NOT_READY = 1033;
    /** Issue 14 part 2 (docs/limits-metrics.md): ids from 1040 on, apart from the other features' ranges. */
    static final int RESTARTING = 1040;
    static final int LIMIT_REACHED = 1041;
    // The program in a user's session (AppSession Console or Active, issue 13): 1130 and up.
    static final int SESSION_CHANGED = 1130;
    static final int SESSION_ENDED = 1131;
    static final int NO_TCB_PRIVILEGE = 1132;

    private static final String NL = "\r\n";

    private final String service;

    ServiceEvents(String serviceName) {
        this.service = serviceName;
    }

    EventMessage starting(long wrapperPid, String version, String wrapperLog) {
        return new EventMessage(STARTING, Level.INFORMATION, "Service '" + service + "' is starting: jsrvany " + version
                + ", wrapper process " + wrapperPid + ". The wrapper's own log: " + wrapperLog + ".");
    }

    EventMessage configWarnings(String where, List<String> warnings) {
        StringBuilder text = new StringBuilder("Service '" + service + "': " + warnings.size()
                + (warnings.size() == 1 ? " value" : " values") + " in " + where + " " + (warnings.size() == 1 ? "was" : "were")
                + " ignored:");
        for (String w : warnings) {
            text.append(NL).append("- ").append(w);
        }
        return new EventMessage(CONFIG_WARNINGS, Level.WARNING, text.toString());
    }

    EventMessage configInvalid(String where, List<String> problems) {
        StringBuilder text = new StringBuilder("Service '" + service + "' cannot start: its configuration in " + where
                + " is invalid (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):");
        for (String p : problems) {
            text.append(NL).append("- ").append(p);
        }
        text.append(NL).append("Nothing was started. Fix the values and start the service again; the service manager"
                + " was told error 1066 with service-specific code 0x20000003.");
        return new EventMessage(CONFIG_INVALID, Level.ERROR, text.toString());
    }

    EventMessage childStarted(long pid, String commandLine) {
        return new EventMessage(CHILD_STARTED, Level.INFORMATION,
                "Service '" + service + "' started its program, process " + pid + ": " + commandLine);
    }

    EventMessage childWarning(long pid, String warning) {
        return new EventMessage(CHILD_WARNING, Level.WARNING, "Service '" + service + "', program process " + pid + ": "
                + warning + ".");
    }

    EventMessage childExited(long pid, int exitCode, Duration runTime, ExitDecision decision) {
        String next;
        if (decision instanceof ExitDecision.Restart r) {
            next = r.delay().isZero() ? "It is started again now (AppExit: Restart)."
                    : "It is started again in " + human(r.delay()) + " (AppExit: Restart).";
        } else if (decision instanceof ExitDecision.Ignore) {
            next = "The service keeps running without it (AppExit: Ignore).";
        } else if (decision instanceof ExitDecision.Exit) {
            next = "The service stops (AppExit: Exit).";
        } else if (decision instanceof ExitDecision.NotReady) {
            next = "It had not passed its readiness check (AppReadyCheck), so the service's start fails.";
        } else {
            next = "The wrapper ends without reporting STOPPED, so the service's recovery actions run (AppExit: Suicide).";
        }
        return new EventMessage(CHILD_EXITED, exitCode == 0 ? Level.INFORMATION : Level.WARNING,
                "Service '" + service + "': its program (process " + pid + ") exited with code " + code(exitCode)
                        + " after " + human(runTime) + ". " + next);
    }

    /** The wait before a restart: the back-off after unhealthy runs, or AppRestartDelay. */
    EventMessage restartDelayed(Duration delay, int unhealthyRuns, Duration throttle) {
        String why = unhealthyRuns > 0
                ? "the program ran for less than AppThrottle (" + human(throttle) + ") " + unhealthyRuns
                        + (unhealthyRuns == 1 ? " time" : " times in a row") + ", so restarts are throttled"
                : "AppRestartDelay asks for it";
        return new EventMessage(RESTART_DELAYED, Level.WARNING, "Service '" + service + "': restarting its program in "
                + human(delay) + ": " + why + ". The service shows as PAUSED meanwhile; CONTINUE restarts it at once.");
    }

    EventMessage restarting(long pid, RestartReason reason, String detail) {
        return new EventMessage(RESTARTING, Level.INFORMATION, "Service '" + service + "': restarting its program (pid "
                + pid + ") through the stop ladder: " + reason.description()
                + (detail.equals(reason.description()) ? "" : " (" + detail + ")") + ".");
    }

    EventMessage limitReached(long pid, LimitBreach breach, MemoryLimitAction action) {
        return new EventMessage(LIMIT_REACHED, Level.WARNING, "Service '" + service + "': the process tree of its program"
                + " (pid " + pid + ") reached its memory limit (AppMemoryLimit): " + breach.detail() + ". "
                + (action == MemoryLimitAction.RESTART ? "The program is restarted (AppMemoryLimitAction=Restart)."
                : "The allocation failed; the program goes on (AppMemoryLimitAction=Fail)."));
    }

    EventMessage stopping(String reason) {
        return new EventMessage(STOPPING, Level.INFORMATION, "Service '" + service + "' is stopping: " + reason + ".");
    }

    EventMessage paused(boolean frozen) {
        return new EventMessage(PAUSED, Level.INFORMATION, "Service '" + service + "' is paused"
                + (frozen ? ": its program's processes are suspended." : " (AppPauseMode=Report: its program keeps running)."));
    }

    EventMessage outputLost(long newlyLost, long totalLost) {
        return new EventMessage(OUTPUT_LOST, Level.WARNING, "Service '" + service + "': " + newlyLost
                + (newlyLost == 1 ? " byte" : " bytes") + " of the program's output could not be written to its output"
                + " files (" + totalLost + " since the service started): the disk is full, the file was deleted or"
                + " replaced, or it cannot be written. Writing resumed where a line says so; the wrapper's log names"
                + " the cause.");
    }

    EventMessage programReady(long pid, Duration after, String seen) {
        return new EventMessage(PROGRAM_READY, Level.INFORMATION, "Service '" + service + "': its program (process " + pid
                + ") is ready after " + human(after) + " (AppReadyCheck saw " + seen + ").");
    }

    /** A liveness check (or the output silence) failed and the program is restarted. */
    EventMessage healthFailed(long pid, String check, String seen, int failures) {
        return new EventMessage(HEALTH_FAILED, Level.WARNING, "Service '" + service + "': the health check " + check
                + " failed " + failures + (failures == 1 ? " time" : " times in a row") + " for its program (process "
                + pid + "); the last check saw: " + seen + ". The program is stopped through the stop ladder and started"
                + " again.");
    }

    EventMessage programNotReady(long pid, String check, String seen, Duration timeout, boolean stopping) {
        return new EventMessage(HEALTH_WARNING, stopping ? Level.ERROR : Level.WARNING, "Service '" + service
                + "': its program (process " + pid + ") was not ready within AppReadyTimeout (" + human(timeout) + "): "
                + check + " saw " + seen + ". " + (stopping ? "It is stopped (AppReadyTimeoutAction=Stop)."
                : "The service reports RUNNING anyway (AppReadyTimeoutAction=Run)."));
    }

    EventMessage startConditionTimedOut(String check, String seen, Duration waited) {
        return new EventMessage(HEALTH_WARNING, Level.WARNING, "Service '" + service + "': the start condition " + check
                + " did not hold within " + human(waited) + " (last: " + seen + "); the program is started anyway.");
    }

    /** Where the program runs now, or that it waits for a logon (AppSession Console or Active). */
    EventMessage sessionChanged(String where, String why) {
        return new EventMessage(SESSION_CHANGED, Level.INFORMATION, "Service '" + service + "': " + why + ". The program "
                + where + ".");
    }

    /** The program's run ended with its user's session: expected, not a crash. */
    EventMessage sessionEnded(long pid, java.util.OptionalInt exitCode) {
        return new EventMessage(SESSION_ENDED, Level.INFORMATION, "Service '" + service + "': "
                + (exitCode.isPresent() ? "its program (process " + pid + ") ended with exit code " + exitCode.getAsInt()
                        + " as its user's session ended" : "its program was not started: its user was no longer logged on")
                + ". This is no failure: no AppExit rule applies, and the program starts again at the next logon.");
    }

    /** AppSession asks for a user's session, and the service cannot get a user's token. */
    EventMessage noTcbPrivilege(String refusal) {
        return new EventMessage(NO_TCB_PRIVILEGE, Level.ERROR, "Service '" + service + "' cannot start: its process lacks"
                + " SeTcbPrivilege. " + refusal + " Nothing was started; the service manager was told error 1066 with"
                + " service-specific code 0x20000013.");
    }

    EventMessage continued() {
        return new EventMessage(CONTINUED, Level.INFORMATION, "Service '" + service + "' continues.");
    }

    /** The final event before STOPPED is reported (never for Suicide: see {@link #suicide}). */
    EventMessage stopped(ServiceOutcome outcome) {
        ScmExitCode codes = ScmExitCode.of(outcome);
        String told = " The service manager was told: " + scmCodes(codes) + ".";
        if (outcome instanceof ServiceOutcome.StoppedOnRequest) {
            return new EventMessage(STOPPED, Level.INFORMATION, "Service '" + service + "' stopped on request." + told);
        } else if (outcome instanceof ServiceOutcome.ChildExited c && c.exitCode() == 0) {
            return new EventMessage(STOPPED, Level.INFORMATION, "Service '" + service
                    + "' stopped: its program exited with code 0 and AppExit says Exit." + told);
        } else if (outcome instanceof ServiceOutcome.ChildExited c) {
            return new EventMessage(STOPPED_PROGRAM_FAILED, Level.ERROR, "Service '" + service
                    + "' stopped: its program exited with code " + code(c.exitCode()) + " and AppExit says Exit." + told);
        } else if (outcome instanceof ServiceOutcome.LaunchFailed f) {
            return new EventMessage(LAUNCH_FAILED, Level.ERROR, "Service '" + service
                    + "' stopped: its program could not be started: " + sentence(f.reason()) + told);
        } else if (outcome instanceof ServiceOutcome.NotReady n) {
            return new EventMessage(STOPPED_NOT_READY, Level.ERROR, "Service '" + service
                    + "' did not start: its program did not become ready: " + sentence(n.reason()) + told);
        } else if (outcome instanceof ServiceOutcome.WrapperFailed w) {
            return new EventMessage(WRAPPER_FAILED, Level.ERROR, "Service '" + service + "' stopped: the wrapper failed: "
                    + sentence(w.reason()) + told + " The wrapper's log has the details.");
        }
        throw new IllegalArgumentException("no STOPPED event for " + outcome);
    }

    EventMessage suicide(int exitCode) {
        return new EventMessage(SUICIDE, Level.ERROR, "Service '" + service + "': its program exited with code "
                + code(exitCode) + " and AppExit says Suicide: the wrapper ends now without reporting STOPPED, so"
                + " the service manager records a failure and runs the service's recovery actions.");
    }

    /** The text ending with a full stop. */
    static String sentence(String text) {
        String t = text.strip();
        return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
    }

    static String scmCodes(ScmExitCode codes) {
        if (codes.win32ExitCode() == ScmExitCode.NO_ERROR) {
            return "exit code 0 (NO_ERROR)";
        }
        if (codes.win32ExitCode() == ScmExitCode.SERVICE_SPECIFIC_ERROR) {
            return "error 1066 (ERROR_SERVICE_SPECIFIC_ERROR) with service-specific code " + code(codes.serviceSpecificExitCode());
        }
        return "Win32 error " + codes.win32ExitCode();
    }

    /** An exit code in decimal, with its hexadecimal form when that says more (negative or large). */
    static String code(int exitCode) {
        if (exitCode >= 0 && exitCode < 0x10000) {
            return Integer.toString(exitCode);
        }
        return Integer.toUnsignedString(exitCode) + " (0x" + String.format(Locale.ROOT, "%08X", exitCode) + ")";
    }

    /** A duration for people: 350 ms, 2.5 s, 3 min 20 s, 2 h 5 min. */
    static String human(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            long tenths = (ms + 50) / 100;
            return tenths % 10 == 0 ? (tenths / 10) + " s" : String.format(Locale.ROOT, "%d.%d s", tenths / 10, tenths % 10);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        long min = s / 60;
        return (min / 60) + " h" + (min % 60 == 0 ? "" : " " + (min % 60) + " min");
    }
}
