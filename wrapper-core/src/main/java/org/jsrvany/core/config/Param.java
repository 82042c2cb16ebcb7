package org.jsrvany.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The one table of service parameters: registry value names (srvany, srvany-ng and NSSM names kept
 * exactly), their kind, their default and what they mean. Readers of every store and the installer's
 * writer go through this table; nothing else spells a parameter name.
 */
public enum Param {
    // srvany core
    APPLICATION("Application", ParamKind.EXPAND_STRING, null,
            "Program to run (required). Relative paths in a properties file are taken from the file's folder; a bare name is searched on PATH."),
    APP_PARAMETERS("AppParameters", ParamKind.EXPAND_STRING, "",
            "Raw argument string; the command line is \"Application\" followed by one space and this string, as srvany and NSSM build it."),
    APP_DIRECTORY("AppDirectory", ParamKind.EXPAND_STRING, null,
            "Working directory; default: the folder of Application (NSSM), not the service's own folder (srvany's trap). Also the base for relative output paths."),
    APP_ENVIRONMENT("AppEnvironment", ParamKind.MULTI_STRING, null,
            "KEY=VALUE entries that replace the whole environment (srvany/NSSM); merged instead when srvany-ng's OverrideEnvironment=0 is set."),
    APP_ENVIRONMENT_EXTRA("AppEnvironmentExtra", ParamKind.MULTI_STRING, null,
            "KEY=VALUE entries merged on top of the environment, expanded in order, so PATH=C:\\bin;%PATH% works."),
    // NSSM process options (Windows)
    APP_NO_CONSOLE("AppNoConsole", ParamKind.DWORD, "0",
            "1 = start the child without a console of its own (Windows); Ctrl+C then cannot reach it."),
    APP_PRIORITY("AppPriority", ParamKind.DWORD, "32",
            "Windows priority class constant: 0x40 idle, 0x4000 below normal, 0x20 normal, 0x8000 above normal, 0x80 high, 0x100 realtime."),
    APP_AFFINITY("AppAffinity", ParamKind.STRING, "",
            "CPUs the child may use, as a list such as 0-2,4 (Windows); empty = all."),
    // exit and restart
    APP_EXIT("AppExit", ParamKind.SUBKEY, "Restart",
            "Action per exit code: a value named after the decimal code, else (Default): Restart, Ignore, Exit or Suicide."),
    APP_THROTTLE("AppThrottle", ParamKind.DWORD, "1500",
            "Milliseconds; a run shorter than this is unhealthy and arms the exponential restart back-off (2 s, 4 s ... 128 s)."),
    APP_RESTART_DELAY("AppRestartDelay", ParamKind.DWORD, "0",
            "Milliseconds to wait before every restart (the back-off wins when it is longer)."),
    // stopping
    APP_STOP_METHOD_SKIP("AppStopMethodSkip", ParamKind.DWORD, "0",
            "Bits of stop steps to skip: 1 Ctrl+C/SIGINT, 2 WM_CLOSE/SIGTERM, 4 WM_QUIT, 8 terminate/SIGKILL."),
    APP_STOP_METHOD_CONSOLE("AppStopMethodConsole", ParamKind.DWORD, "1500",
            "Milliseconds to wait after Ctrl+C (SIGINT on POSIX)."),
    APP_STOP_METHOD_WINDOW("AppStopMethodWindow", ParamKind.DWORD, "1500",
            "Milliseconds to wait after WM_CLOSE (SIGTERM on POSIX)."),
    APP_STOP_METHOD_THREADS("AppStopMethodThreads", ParamKind.DWORD, "1500",
            "Milliseconds to wait after WM_QUIT (Windows only)."),
    APP_KILL_PROCESS_TREE("AppKillProcessTree", ParamKind.DWORD, "1",
            "1 = stop and kill the whole process tree; 0 = signal only the main process and leave its descendants alone."),
    // output
    APP_STDOUT("AppStdout", ParamKind.EXPAND_STRING, "",
            "File for the child's standard output; relative to AppDirectory; empty = not captured (console in the foreground)."),
    APP_STDERR("AppStderr", ParamKind.EXPAND_STRING, "",
            "File for the child's standard error; the same path as AppStdout makes one combined file."),
    APP_STDOUT_CREATION_DISPOSITION("AppStdoutCreationDisposition", ParamKind.DWORD, "4",
            "4 = OPEN_ALWAYS (append), 2 = CREATE_ALWAYS (truncate when the service starts)."),
    APP_STDERR_CREATION_DISPOSITION("AppStderrCreationDisposition", ParamKind.DWORD, "4",
            "4 = OPEN_ALWAYS (append), 2 = CREATE_ALWAYS (truncate when the service starts)."),
    APP_TIMESTAMP_LOG("AppTimestampLog", ParamKind.DWORD, "0",
            "1 = prefix every output line with a timestamp."),
    APP_ROTATE_FILES("AppRotateFiles", ParamKind.DWORD, "0",
            "1 = rotate existing output files when the child (re)starts: <base>-YYYYMMDDTHHMMSS.mmm<ext>."),
    APP_ROTATE_ONLINE("AppRotateOnline", ParamKind.DWORD, "0",
            "1 = also rotate while the child runs, by size (AppRotateBytes) and period (AppRotatePeriod)."),
    APP_ROTATE_SECONDS("AppRotateSeconds", ParamKind.DWORD, "0",
            "At start, do not rotate a file written in the last N seconds (NSSM; not a timer)."),
    APP_ROTATE_BYTES("AppRotateBytes", ParamKind.DWORD, "0",
            "Size threshold for online rotation, low 32 bits; 0 = no size rotation."),
    APP_ROTATE_BYTES_HIGH("AppRotateBytesHigh", ParamKind.DWORD, "0",
            "Size threshold for online rotation, high 32 bits."),
    APP_ROTATE_KEEP("AppRotateKeep", ParamKind.DWORD, "0",
            "jsrvany: rotated files to keep per output file; older ones are deleted; 0 = keep all (NSSM's behaviour)."),
    APP_ROTATE_PERIOD("AppRotatePeriod", ParamKind.DWORD, "0",
            "jsrvany: with AppRotateOnline=1, rotate every N seconds while running; 0 = no time rotation."),
    // jsrvany
    APP_PAUSE_MODE("AppPauseMode", ParamKind.STRING, "Suspend",
            "jsrvany: what PAUSE does: Suspend (freeze the whole child tree) or Report (only report PAUSED, srvany-like)."),
    // NSSM parity: standard input, copy-and-truncate rotation, output code page (issue 15, part 1)
    APP_STDIN("AppStdin", ParamKind.EXPAND_STRING, "",
            "File or device for the child's standard input; relative to AppDirectory; empty = nothing to read (NUL on Windows, end of file at once on Linux)."),
    APP_STDOUT_COPY_AND_TRUNCATE("AppStdoutCopyAndTruncate", ParamKind.DWORD, "0",
            "1 = rotate the stdout file by copying it to the rotated name and then emptying it, instead of renaming it (for a file another process holds open)."),
    APP_STDERR_COPY_AND_TRUNCATE("AppStderrCopyAndTruncate", ParamKind.DWORD, "0",
            "1 = rotate the stderr file by copying it and then emptying it, instead of renaming it."),
    APP_OUTPUT_CODE_PAGE("AppOutputCodePage", ParamKind.DWORD, "0",
            "jsrvany: 0 = write the program's output bytes unchanged; a code page number (437, 850, 932, 936, 1252 ...) = decode the output from that code page and write UTF-8."),
    // issue 15 part 2: environment file, hooks
    APP_ENVIRONMENT_FILE("AppEnvironmentFile", ParamKind.EXPAND_STRING, "",
            "jsrvany: a file of KEY=VALUE lines (# comments) added to the environment at every start, after AppEnvironment and before AppEnvironmentExtra; relative to AppDirectory. Its values are never logged or dumped."),
    APP_EVENTS_START_PRE("AppEvents\\Start\\Pre", ParamKind.EXPAND_STRING, "",
            "NSSM hook: command line run before each start of the program, waited for; exit code 99 cancels the start (the service stops), other failures are logged and the start goes on."),
    APP_EVENTS_START_POST("AppEvents\\Start\\Post", ParamKind.EXPAND_STRING, "",
            "NSSM hook: command line run after each start of the program, not waited for."),
    APP_EVENTS_STOP_PRE("AppEvents\\Stop\\Pre", ParamKind.EXPAND_STRING, "",
            "NSSM hook: command line run when the service is asked to stop, before the stop ladder, waited for (up to AppHookTimeout)."),
    APP_EVENTS_EXIT_POST("AppEvents\\Exit\\Post", ParamKind.EXPAND_STRING, "",
            "NSSM hook: command line run after the program exited by itself, before AppExit's action, waited for; the exit code is in NSSM_EXITCODE."),
    APP_EVENTS_ROTATE_PRE("AppEvents\\Rotate\\Pre", ParamKind.EXPAND_STRING, "",
            "NSSM hook: command line run before an output file is rotated, waited for (the program's output waits meanwhile); JSRVANY_ROTATE_FILE names the file."),
    APP_EVENTS_ROTATE_POST("AppEvents\\Rotate\\Post", ParamKind.EXPAND_STRING, "",
            "NSSM hook: command line run after an output file was rotated, waited for; JSRVANY_ROTATED_TO names the rotated file."),
    APP_EVENTS_POWER_CHANGE("AppEvents\\Power\\Change", ParamKind.EXPAND_STRING, "",
            "NSSM hook: command line run when the power status changes (SERVICE_CONTROL_POWEREVENT, PBT_APMPOWERSTATUSCHANGE), not waited for."),
    APP_EVENTS_POWER_RESUME("AppEvents\\Power\\Resume", ParamKind.EXPAND_STRING, "",
            "NSSM hook: command line run when the system resumes from sleep (PBT_APMRESUMEAUTOMATIC), not waited for."),
    APP_HOOK_TIMEOUT("AppHookTimeout", ParamKind.DWORD, "60000",
            "jsrvany: milliseconds a hook may run (NSSM's fixed 60 s); then it is killed with its whole tree and counts as failed."),
    // readiness, liveness and the start condition (issue 14, part 1; docs/readiness-health.md)
    APP_READY_CHECK("AppReadyCheck", ParamKind.EXPAND_STRING, "",
            "jsrvany: the service stays START_PENDING until this passes: tcp:HOST:PORT, http://URL or https://URL (2xx), file:PATH, or output:REGEX (a line of the program's output); empty = none."),
    APP_READY_TIMEOUT("AppReadyTimeout", ParamKind.DWORD, "60000",
            "jsrvany: milliseconds the program has to become ready (AppReadyCheck)."),
    APP_READY_TIMEOUT_ACTION("AppReadyTimeoutAction", ParamKind.STRING, "Stop",
            "jsrvany: when AppReadyTimeout passes: Stop (stop the program, the service fails with 0x20000010) or Run (report RUNNING and log a warning)."),
    APP_HEALTH_CHECK("AppHealthCheck", ParamKind.EXPAND_STRING, "",
            "jsrvany: periodic liveness check: tcp:HOST:PORT, http://URL or https://URL (2xx), or cmd:COMMAND LINE (exit code 0 = healthy); empty = none."),
    APP_HEALTH_INTERVAL("AppHealthInterval", ParamKind.DWORD, "30000",
            "jsrvany: milliseconds between two liveness checks."),
    APP_HEALTH_TIMEOUT("AppHealthTimeout", ParamKind.DWORD, "5000",
            "jsrvany: milliseconds one liveness check may take; longer counts as a failure."),
    APP_HEALTH_FAILURES("AppHealthFailures", ParamKind.DWORD, "3",
            "jsrvany: failed liveness checks in a row that restart the program through the stop ladder."),
    APP_HEALTH_SILENCE("AppHealthSilence", ParamKind.DWORD, "0",
            "jsrvany: restart the program when it wrote no output for this many milliseconds; 0 = never."),
    APP_START_CONDITION("AppStartCondition", ParamKind.STRING, "",
            "jsrvany: wait before the first launch until tcp:HOST:PORT accepts a connection (\"the network is up\"); empty = launch at once."),
    APP_START_CONDITION_TIMEOUT("AppStartConditionTimeout", ParamKind.DWORD, "60000",
            "jsrvany: milliseconds to wait for AppStartCondition; then the program is launched anyway, with a warning."),
    // limits, scheduled restart and status refresh (issue 14, part 2; docs/limits-metrics.md)
    APP_RESTART_AT("AppRestartAt", ParamKind.STRING, "",
            "jsrvany: restart the program every day at this local time, HH:MM (24-hour clock), through the stop ladder; empty = never."),
    APP_RESTART_EVERY("AppRestartEvery", ParamKind.DWORD, "0",
            "jsrvany: restart the program through the stop ladder once it has run this many seconds (e.g. 21600 = 6 h); 0 = never."),
    APP_MEMORY_LIMIT("AppMemoryLimit", ParamKind.DWORD, "0",
            "jsrvany: memory limit of the whole process tree in MiB (Windows job object; on Linux accepted, not enforced: docs/limits-metrics.md); 0 = none."),
    APP_MEMORY_LIMIT_ACTION("AppMemoryLimitAction", ParamKind.STRING, "Restart",
            "jsrvany: what reaching AppMemoryLimit does: Restart (restart the program through the stop ladder) or Fail (only the allocation fails)."),
    APP_CPU_LIMIT("AppCpuLimit", ParamKind.DWORD, "0",
            "jsrvany: CPU rate cap of the whole process tree, percent of all the machine's CPUs, 1 to 100 (Windows job object; on Linux accepted, not enforced: docs/limits-metrics.md); 0 = none."),
    APP_STATUS_INTERVAL("AppStatusInterval", ParamKind.DWORD, "0",
            "jsrvany: also rewrite the published status (memory, CPU, pids of the tree) every N seconds while the service runs; 0 = only when something happens."),
    APP_METRICS_FILE("AppMetricsFile", ParamKind.EXPAND_STRING, "",
            "jsrvany: also write the status as a Prometheus text file here (full path ending in .prom, e.g. windows_exporter's textfile_inputs folder), replaced whole at each write; empty = none."),
    // desktop session (issue 13): the program on the logged-on user's desktop
    APP_SESSION("AppSession", ParamKind.STRING, "Service",
            "jsrvany: where the program runs: Service (the service's session 0, the default), Console (the session at the physical console, while a user is logged on there) or Active (any active session with a logged-on user, Remote Desktop included). Console and Active need LocalSystem; see docs/desktop-session.md."),
    APP_SESSION_USER("AppSessionUser", ParamKind.STRING, "",
            "jsrvany: with AppSession Console or Active, only this user's session (DOMAIN\\name, or name in any domain); empty = whoever is logged on."),
    APP_SESSION_ELEVATED("AppSessionElevated", ParamKind.DWORD, "0",
            "jsrvany: with AppSession Console or Active, 1 = the user's linked elevated token (an administrator under UAC) instead of the filtered one; 0 = the user's own filtered token."),
    // hooks' output into the program's output files (issue 15; docs/hooks.md)
    APP_REDIRECT_HOOK("AppRedirectHook", ParamKind.DWORD, "0",
            "NSSM: 1 = a hook's standard output and error are written to AppStdout and AppStderr like the program's (Rotate hooks excepted: always the wrapper's log); 0 = to the wrapper's log."),
    // the program's console code page (issue 15, WinSW #649; docs/input-rotation-encoding.md)
    APP_CONSOLE_CODE_PAGE("AppConsoleCodePage", ParamKind.DWORD, "0",
            "jsrvany: the input and output code page of the console the service gives the program (like chcp N before it starts, e.g. 65001 = UTF-8), set before its first instruction; 0 = as Windows creates it (the OEM code page). Windows services only; not with AppNoConsole=1 or AppSession Console/Active."),
    // srvany-ng
    RESTART_ON_EXIT("RestartOnExit", ParamKind.DWORD, null,
            "srvany-ng: 1 = restart after 1 s, forever; 0 = stop the service when the program exits. Used only when AppExit is not set."),
    OVERRIDE_ENVIRONMENT("OverrideEnvironment", ParamKind.DWORD, null,
            "srvany-ng: 1 = AppEnvironment replaces the environment; 0 = it is merged into it. Absent = replace (srvany/NSSM)."),
    TERMINATE_SUB_PROCESSES("TerminateSubProcesses", ParamKind.DWORD, null,
            "srvany-ng: 1 = kill the child's whole tree on stop; 0 = only the main process. Used only when AppKillProcessTree is not set.");

    private final String registryName;
    private final ParamKind kind;
    private final String defaultText;
    private final String meaning;

    Param(String registryName, ParamKind kind, String defaultText, String meaning) {
        this.registryName = registryName;
        this.kind = kind;
        this.defaultText = defaultText;
        this.meaning = meaning;
    }

    /** The value's name under the service's {@code Parameters} key (and the key in a properties file). */
    public String registryName() {
        return registryName;
    }

    public ParamKind kind() {
        return kind;
    }

    /** The default as text, empty when the parameter has no default (required, or meaningful only when present). */
    public Optional<String> defaultText() {
        return Optional.ofNullable(defaultText);
    }

    /** One or two sentences for help texts and the docs. */
    public String meaning() {
        return meaning;
    }

    /**
     * The parameter with this registry name, compared case-insensitively as the registry does. A hook
     * ({@code AppEvents\Start\Pre}) may also be written {@code AppEvents/Start/Pre} (NSSM's command line)
     * or {@code AppEvents.Start.Pre} (a properties file, where a backslash is an escape).
     */
    public static Optional<Param> byName(String name) {
        String n = name.regionMatches(true, 0, EVENTS_PREFIX, 0, EVENTS_PREFIX.length())
                ? name.replace('/', '\\').replace('.', '\\') : name;
        return Arrays.stream(values())
                .filter(p -> p.registryName.equalsIgnoreCase(n))
                .findFirst();
    }

    private static final String EVENTS_PREFIX = "AppEvents";

    /** Whether this is a hook, stored as a value of a subkey of {@code Parameters\AppEvents} (NSSM's layout). */
    public boolean isHook() {
        return registryName.startsWith(EVENTS_PREFIX + "\\");
    }

    /** The name in a properties file: the registry name, with {@code .} for a hook's backslashes. */
    public String propertiesName() {
        return registryName.replace('\\', '.');
    }

    /**
     * The hint for a name the table does not know: {@code " (did you mean AppThrottle?)"} when a known
     * name is close, else empty. Every "not a jsrvany parameter" sentence ends its name with this.
     */
    public static String didYouMean(String name) {
        return closest(name).map(p -> " (did you mean " + p.registryName() + "?)").orElse("");
    }

    /** The closest known name, for "did you mean" hints on a misspelt key. */
    static Optional<Param> closest(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        Param best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Param p : values()) {
            int d = distance(lower, p.registryName.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = p;
            }
        }
        return bestDistance <= 3 ? Optional.ofNullable(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
