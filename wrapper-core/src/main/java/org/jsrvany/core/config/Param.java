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
    // desktop session (issue 13): the program on the logged-on user's desktop
    APP_SESSION("AppSession", ParamKind.STRING, "Service",
            "jsrvany: where the program runs: Service (the service's session 0, the default), Console (the session at the physical console, while a user is logged on there) or Active (any active session with a logged-on user, Remote Desktop included). Console and Active need LocalSystem; see docs/desktop-session.md."),
    APP_SESSION_USER("AppSessionUser", ParamKind.STRING, "",
            "jsrvany: with AppSession Console or Active, only this user's session (DOMAIN\\name, or name in any domain); empty = whoever is logged on."),
    APP_SESSION_ELEVATED("AppSessionElevated", ParamKind.DWORD, "0",
            "jsrvany: with AppSession Console or Active, 1 = the user's linked elevated token (an administrator under UAC) instead of the filtered one; 0 = the user's own filtered token."),
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

    /** The parameter with this registry name, compared case-insensitively as the registry does. */
    public static Optional<Param> byName(String name) {
        return Arrays.stream(values())
                .filter(p -> p.registryName.equalsIgnoreCase(name))
                .findFirst();
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
