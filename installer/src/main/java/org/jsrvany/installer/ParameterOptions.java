package org.jsrvany.installer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.PriorityClass;
import org.jsrvany.core.config.StopStep;
import org.jsrvany.core.config.ParamKind;
import org.jsrvany.core.config.RawValue;
import picocli.CommandLine.Option;

/**
 * {@code install}'s options for the service's Parameters, one or more per parameter of the table,
 * plus {@code --param NAME=VALUE} for any of them. Each option becomes the parameter's typed value
 * (an option given with an empty value removes the parameter, so its default applies); options not
 * given leave the stored values alone.
 */
final class ParameterOptions {

    @Option(names = "--dir", paramLabel = "DIR", description = "Working directory (AppDirectory). Default: the program's folder.")
    String dir;

    @Option(names = "--env", paramLabel = "KEY=VALUE", description = "An environment entry that REPLACES the whole"
            + " environment (AppEnvironment; repeat it). To add variables instead, use --env-extra.")
    List<String> env;

    @Option(names = "--env-extra", paramLabel = "KEY=VALUE", description = "An environment entry merged on top"
            + " (AppEnvironmentExtra; repeat it). PATH=C:\\bin;%%PATH%% works.")
    List<String> envExtra;

    @Option(names = "--env-file", paramLabel = "FILE", description = "A file of KEY=VALUE lines added to the"
            + " environment at every start (AppEnvironmentFile; relative to the working directory). Its values are"
            + " never logged or dumped; only administrators and the service's account should be able to read it.")
    String envFile;

    @Option(names = "--hook", paramLabel = "EVENT/ACTION=COMMAND", description = "A command run on an event (NSSM's"
            + " AppEvents; repeat it): Start/Pre, Start/Post, Stop/Pre, Exit/Post, Rotate/Pre, Rotate/Post,"
            + " Power/Change, Power/Resume. An empty"
            + " COMMAND removes the hook."
            + " Start/Pre exiting with 99 cancels the start.")
    List<String> hooks;

    @Option(names = "--hook-timeout", paramLabel = "DURATION", description = "How long a hook may run before it is"
            + " killed with its tree (AppHookTimeout; a bare number is ms; default 60s).")
    String hookTimeout;

    @Option(names = "--redirect-hook", negatable = true, description = "Write the hooks' standard output and error to"
            + " the program's --stdout/--stderr files, like its own output (AppRedirectHook; Rotate hooks always write"
            + " to the wrapper's log); --no-redirect-hook: to the wrapper's log (the default).")
    Boolean redirectHook;

    @Option(names = "--no-console", negatable = true, description = "Start the program without a console of its own"
            + " (AppNoConsole); Ctrl+C then cannot stop it gracefully.")
    Boolean noConsole;

    @Option(names = "--priority", paramLabel = "CLASS", description = "Priority class (AppPriority): idle, below-normal,"
            + " normal, above-normal, high, realtime, or the number.")
    String priority;

    @Option(names = "--affinity", paramLabel = "CPUS", description = "CPUs the program may use (AppAffinity), e.g. 0-2,4.")
    String affinity;

    @Option(names = "--exit", paramLabel = "[CODE=]ACTION", description = "What to do when the program exits (AppExit;"
            + " repeat it): Restart, Ignore, Exit or Suicide, for one exit code (0=Exit) or by default (Restart)."
            + " Replaces the whole table.")
    List<String> exit;

    @Option(names = "--throttle", paramLabel = "DURATION", description = "A run shorter than this is unhealthy and"
            + " delays the next restart (AppThrottle; e.g. 1500ms, 5s; a bare number is ms).")
    String throttle;

    @Option(names = "--restart-delay", paramLabel = "DURATION", description = "Wait before every restart"
            + " (AppRestartDelay; a bare number is ms).")
    String restartDelay;

    @Option(names = "--stop-skip", paramLabel = "STEPS", description = "Stop steps to skip (AppStopMethodSkip): a comma"
            + " list of console, window, threads, terminate; or none; or the bit mask.")
    String stopSkip;

    @Option(names = "--stop-console-timeout", paramLabel = "DURATION", description = "Wait after Ctrl+C"
            + " (AppStopMethodConsole; a bare number is ms).")
    String stopConsole;

    @Option(names = "--stop-window-timeout", paramLabel = "DURATION", description = "Wait after WM_CLOSE"
            + " (AppStopMethodWindow; a bare number is ms).")
    String stopWindow;

    @Option(names = "--stop-threads-timeout", paramLabel = "DURATION", description = "Wait after WM_QUIT"
            + " (AppStopMethodThreads; a bare number is ms).")
    String stopThreads;

    @Option(names = "--kill-tree", negatable = true, description = "Stop the program's whole process tree"
            + " (AppKillProcessTree; the default), or with --no-kill-tree only the program itself.")
    Boolean killTree;

    @Option(names = "--stdout", paramLabel = "FILE", description = "File for the program's standard output (AppStdout;"
            + " relative to the working directory).")
    String stdout;

    @Option(names = "--stderr", paramLabel = "FILE", description = "File for standard error (AppStderr); the same file"
            + " as --stdout makes one combined file.")
    String stderr;

    @Option(names = "--stdout-truncate", negatable = true, description = "Empty the stdout file when the service starts"
            + " (AppStdoutCreationDisposition=2) instead of appending.")
    Boolean stdoutTruncate;

    @Option(names = "--stderr-truncate", negatable = true, description = "Empty the stderr file when the service starts.")
    Boolean stderrTruncate;

    @Option(names = "--timestamps", negatable = true, description = "Prefix every output line with a timestamp (AppTimestampLog).")
    Boolean timestamps;

    @Option(names = "--rotate", negatable = true, description = "Rotate the output files when the program (re)starts (AppRotateFiles).")
    Boolean rotate;

    @Option(names = "--rotate-online", negatable = true, description = "Also rotate while it runs (AppRotateOnline),"
            + " by --rotate-bytes and --rotate-period.")
    Boolean rotateOnline;

    @Option(names = "--rotate-min-age", paramLabel = "DURATION", description = "At start, do not rotate a file written"
            + " this recently (AppRotateSeconds; a bare number is seconds).")
    String rotateMinAge;

    @Option(names = "--rotate-bytes", paramLabel = "SIZE", description = "Rotate at this size (AppRotateBytes and"
            + " AppRotateBytesHigh), e.g. 10M, 1G.")
    String rotateBytes;

    @Option(names = "--rotate-keep", paramLabel = "N", description = "Rotated files to keep per output file"
            + " (AppRotateKeep); 0 keeps all.")
    String rotateKeep;

    @Option(names = "--rotate-period", paramLabel = "DURATION", description = "With --rotate-online, rotate this often"
            + " (AppRotatePeriod; e.g. 1d, 6h; a bare number is seconds).")
    String rotatePeriod;

    @Option(names = "--pause-mode", paramLabel = "MODE", description = "What pause does (AppPauseMode): suspend (freeze"
            + " the program's tree) or report (only report PAUSED).")
    String pauseMode;

    // NSSM parity: standard input, copy-and-truncate rotation, output code page (issue 15, part 1)
    @Option(names = "--stdin", paramLabel = "FILE", description = "File or device the program reads as standard"
            + " input (AppStdin; relative to the working directory). Default: nothing (NUL).")
    String stdin;

    @Option(names = "--stdout-copy-truncate", negatable = true, description = "Rotate the stdout file by copying it"
            + " and emptying it instead of renaming it (AppStdoutCopyAndTruncate), for a file another process holds open.")
    Boolean stdoutCopyTruncate;

    @Option(names = "--stderr-copy-truncate", negatable = true, description = "The same for the stderr file"
            + " (AppStderrCopyAndTruncate).")
    Boolean stderrCopyTruncate;

    @Option(names = "--output-code-page", paramLabel = "CODEPAGE", description = "Decode the program's output from this"
            + " code page (e.g. 437, 850, 932) and write UTF-8 (AppOutputCodePage); 0 writes the bytes unchanged.")
    String outputCodePage;

    // the program's console code page (issue 15, WinSW #649; docs/input-rotation-encoding.md)
    @Option(names = "--console-code-page", paramLabel = "CODEPAGE", description = "Start the program on a console"
            + " whose input and output code page is this (AppConsoleCodePage; like chcp, e.g. 65001 = UTF-8); 0 leaves"
            + " the console as Windows creates it.")
    String consoleCodePage;

    // readiness, liveness and the start condition (docs/readiness-health.md)
    @Option(names = "--ready-check", paramLabel = "CHECK", description = "Stay START_PENDING until the program is ready"
            + " (AppReadyCheck): tcp:HOST:PORT, http(s)://URL (2xx), file:PATH or output:REGEX.")
    String readyCheck;

    @Option(names = "--ready-timeout", paramLabel = "DURATION", description = "Time the program has to become ready"
            + " (AppReadyTimeout; a bare number is ms).")
    String readyTimeout;

    @Option(names = "--ready-timeout-action", paramLabel = "ACTION", description = "When it is not ready in time"
            + " (AppReadyTimeoutAction): stop (the start fails) or run (report RUNNING and warn).")
    String readyTimeoutAction;

    @Option(names = "--health-check", paramLabel = "CHECK", description = "Periodic liveness check (AppHealthCheck):"
            + " tcp:HOST:PORT, http(s)://URL (2xx) or cmd:COMMAND LINE (exit code 0 = healthy).")
    String healthCheck;

    @Option(names = "--health-interval", paramLabel = "DURATION", description = "Time between two liveness checks"
            + " (AppHealthInterval; a bare number is ms).")
    String healthInterval;

    @Option(names = "--health-timeout", paramLabel = "DURATION", description = "Time one liveness check may take"
            + " (AppHealthTimeout; a bare number is ms).")
    String healthTimeout;

    @Option(names = "--health-failures", paramLabel = "N", description = "Failed checks in a row that restart the"
            + " program through the stop ladder (AppHealthFailures).")
    String healthFailures;

    @Option(names = "--health-silence", paramLabel = "DURATION", description = "Restart the program when it wrote no"
            + " output for this long (AppHealthSilence; a bare number is ms; 0 = never).")
    String healthSilence;

    @Option(names = "--start-condition", paramLabel = "tcp:HOST:PORT", description = "Wait before the first launch"
            + " until this accepts a connection (AppStartCondition).")
    String startCondition;

    @Option(names = "--start-condition-timeout", paramLabel = "DURATION", description = "How long to wait for"
            + " --start-condition before launching anyway (AppStartConditionTimeout; a bare number is ms).")
    String startConditionTimeout;

    // limits, scheduled restart, status refresh (docs/limits-metrics.md)
    @Option(names = "--restart-at", paramLabel = "HH:MM", description = "Restart the program every day at this local"
            + " time, through the stop ladder (AppRestartAt).")
    String restartAt;

    @Option(names = "--restart-every", paramLabel = "DURATION", description = "Restart the program once it has run"
            + " this long (AppRestartEvery; e.g. 6h, 1d; a bare number is seconds).")
    String restartEvery;

    @Option(names = "--memory-limit", paramLabel = "SIZE", description = "Memory limit of the program's whole tree"
            + " (AppMemoryLimit, whole MiB; e.g. 512M, 2G).")
    String memoryLimit;

    @Option(names = "--memory-limit-action", paramLabel = "ACTION", description = "At the memory limit: restart (the"
            + " program, through the stop ladder) or fail (only the allocation fails) (AppMemoryLimitAction).")
    String memoryLimitAction;

    @Option(names = "--cpu-limit", paramLabel = "PERCENT", description = "CPU rate cap of the program's whole tree,"
            + " percent of all CPUs, 1 to 100 (AppCpuLimit).")
    String cpuLimit;

    @Option(names = "--status-interval", paramLabel = "DURATION", description = "Also rewrite the published status"
            + " (memory, CPU) this often (AppStatusInterval; e.g. 10s; a bare number is seconds).")
    String statusInterval;

    @Option(names = "--metrics-file", paramLabel = "FILE", description = "Also write the status as a Prometheus text"
            + " file (AppMetricsFile; a full path ending in .prom, e.g. in windows_exporter's textfile_inputs).")
    String metricsFile;

    @Option(names = "--session", paramLabel = "WHERE", description = "Where the program runs (AppSession): service (the"
            + " service's own session, the default), console (the desktop of the user at the console) or active (any"
            + " active user's desktop, Remote Desktop included). console and active need the LocalSystem account; see"
            + " docs/desktop-session.md.")
    String session;

    @Option(names = "--session-user", paramLabel = "USER", description = "With --session console or active: only this"
            + " user's session (AppSessionUser; DOMAIN\\name or name). Empty: whoever is logged on.")
    String sessionUser;

    @Option(names = "--session-elevated", negatable = true, description = "With --session console or active: the"
            + " user's elevated linked token (an administrator under UAC) instead of the filtered one"
            + " (AppSessionElevated).")
    Boolean sessionElevated;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Any parameter of the table by its registry"
            + " name (repeat a multi-string name for each entry; AppExit.3=Exit for one exit code). An empty VALUE"
            + " removes it.")
    List<String> params;

    /** The parameters these options set or remove, and the AppExit table when given. */
    record Result(Map<Param, Optional<RawValue>> values, Optional<Map<String, String>> exitActions) {
    }

    /** Converts the options; each problem is a sentence added to {@code problems}. */
    Result collect(List<String> problems) {
        Collector c = new Collector(problems);
        c.text(Param.APP_DIRECTORY, "--dir", dir);
        c.multi(Param.APP_ENVIRONMENT, "--env", env);
        c.multi(Param.APP_ENVIRONMENT_EXTRA, "--env-extra", envExtra);
        c.text(Param.APP_ENVIRONMENT_FILE, "--env-file", envFile);
        if (hooks != null) {
            for (String h : hooks) {
                int eq = h.indexOf('=');
                java.util.Optional<Param> p = eq < 0 ? java.util.Optional.empty()
                        : Param.byName("AppEvents/" + h.substring(0, eq).strip()).filter(Param::isHook);
                if (p.isEmpty()) {
                    problems.add("--hook " + h + ": write EVENT/ACTION=COMMAND with one of Start/Pre, Start/Post,"
                            + " Stop/Pre, Exit/Post, Rotate/Pre, Rotate/Post, Power/Change, Power/Resume.");
                } else {
                    c.text(p.get(), "--hook " + h.substring(0, eq).strip(), h.substring(eq + 1).strip());
                }
            }
        }
        c.millis(Param.APP_HOOK_TIMEOUT, "--hook-timeout", hookTimeout);
        c.flag(Param.APP_REDIRECT_HOOK, "--redirect-hook", redirectHook);
        c.flag(Param.APP_NO_CONSOLE, "--no-console", noConsole);
        if (priority != null) {
            c.number(Param.APP_PRIORITY, "--priority",
                    PriorityClass.byWord(priority).map(p -> Integer.toString(p.value())).orElse(priority));
        }
        c.text(Param.APP_AFFINITY, "--affinity", affinity);
        if (exit != null) {
            for (String e : exit) {
                ParamText.exitEntry(e, problems).ifPresent(en -> c.exitEntry(en.getKey(), en.getValue(), "--exit"));
            }
        }
        c.millis(Param.APP_THROTTLE, "--throttle", throttle);
        c.millis(Param.APP_RESTART_DELAY, "--restart-delay", restartDelay);
        if (stopSkip != null) {
            c.number(Param.APP_STOP_METHOD_SKIP, "--stop-skip", skipBits(stopSkip, problems));
        }
        c.millis(Param.APP_STOP_METHOD_CONSOLE, "--stop-console-timeout", stopConsole);
        c.millis(Param.APP_STOP_METHOD_WINDOW, "--stop-window-timeout", stopWindow);
        c.millis(Param.APP_STOP_METHOD_THREADS, "--stop-threads-timeout", stopThreads);
        c.flag(Param.APP_KILL_PROCESS_TREE, "--kill-tree", killTree);
        c.text(Param.APP_STDOUT, "--stdout", stdout);
        c.text(Param.APP_STDERR, "--stderr", stderr);
        if (stdoutTruncate != null) {
            c.number(Param.APP_STDOUT_CREATION_DISPOSITION, "--stdout-truncate", stdoutTruncate ? "2" : "4");
        }
        if (stderrTruncate != null) {
            c.number(Param.APP_STDERR_CREATION_DISPOSITION, "--stderr-truncate", stderrTruncate ? "2" : "4");
        }
        c.flag(Param.APP_TIMESTAMP_LOG, "--timestamps", timestamps);
        c.flag(Param.APP_ROTATE_FILES, "--rotate", rotate);
        c.flag(Param.APP_ROTATE_ONLINE, "--rotate-online", rotateOnline);
        c.seconds(Param.APP_ROTATE_SECONDS, "--rotate-min-age", rotateMinAge);
        if (rotateBytes != null) {
            Optional<Long> size = Units.size(rotateBytes);
            if (size.isEmpty()) {
                problems.add("--rotate-bytes '" + rotateBytes + "' is not a size: write e.g. 10M, 1G or 500000.");
            } else {
                c.number(Param.APP_ROTATE_BYTES, "--rotate-bytes", Long.toString(size.get() & 0xFFFF_FFFFL));
                c.number(Param.APP_ROTATE_BYTES_HIGH, "--rotate-bytes", Long.toString(size.get() >>> 32));
            }
        }
        c.number(Param.APP_ROTATE_KEEP, "--rotate-keep", rotateKeep);
        c.seconds(Param.APP_ROTATE_PERIOD, "--rotate-period", rotatePeriod);
        if (pauseMode != null) {
            String m = pauseMode.strip().toLowerCase(Locale.ROOT);
            c.text(Param.APP_PAUSE_MODE, "--pause-mode", m.isEmpty() ? "" : Character.toUpperCase(m.charAt(0)) + m.substring(1));
        }
        c.text(Param.APP_STDIN, "--stdin", stdin);
        c.flag(Param.APP_STDOUT_COPY_AND_TRUNCATE, "--stdout-copy-truncate", stdoutCopyTruncate);
        c.flag(Param.APP_STDERR_COPY_AND_TRUNCATE, "--stderr-copy-truncate", stderrCopyTruncate);
        c.number(Param.APP_OUTPUT_CODE_PAGE, "--output-code-page", outputCodePage);
        c.number(Param.APP_CONSOLE_CODE_PAGE, "--console-code-page", consoleCodePage);
        c.text(Param.APP_READY_CHECK, "--ready-check", readyCheck);
        c.millis(Param.APP_READY_TIMEOUT, "--ready-timeout", readyTimeout);
        if (readyTimeoutAction != null) {
            String a = readyTimeoutAction.strip().toLowerCase(Locale.ROOT);
            c.text(Param.APP_READY_TIMEOUT_ACTION, "--ready-timeout-action",
                    a.isEmpty() ? "" : Character.toUpperCase(a.charAt(0)) + a.substring(1));
        }
        c.text(Param.APP_HEALTH_CHECK, "--health-check", healthCheck);
        c.millis(Param.APP_HEALTH_INTERVAL, "--health-interval", healthInterval);
        c.millis(Param.APP_HEALTH_TIMEOUT, "--health-timeout", healthTimeout);
        c.number(Param.APP_HEALTH_FAILURES, "--health-failures", healthFailures);
        c.millis(Param.APP_HEALTH_SILENCE, "--health-silence", healthSilence);
        c.text(Param.APP_START_CONDITION, "--start-condition", startCondition);
        c.millis(Param.APP_START_CONDITION_TIMEOUT, "--start-condition-timeout", startConditionTimeout);
        c.text(Param.APP_RESTART_AT, "--restart-at", restartAt);
        c.seconds(Param.APP_RESTART_EVERY, "--restart-every", restartEvery);
        if (memoryLimit != null && memoryLimit.isBlank()) {
            c.text(Param.APP_MEMORY_LIMIT, "--memory-limit", "");
        } else if (memoryLimit != null) {
            Optional<Long> size = Units.size(memoryLimit);
            if (size.isEmpty() || size.get() % (1024 * 1024) != 0 || size.get() / (1024 * 1024) > 0xFFFF_FFFFL) {
                problems.add("--memory-limit '" + memoryLimit + "' is not a size in whole MiB: write e.g. 512M or 2G.");
            } else {
                c.number(Param.APP_MEMORY_LIMIT, "--memory-limit", Long.toString(size.get() / (1024 * 1024)));
            }
        }
        if (memoryLimitAction != null) {
            String m = memoryLimitAction.strip().toLowerCase(Locale.ROOT);
            c.text(Param.APP_MEMORY_LIMIT_ACTION, "--memory-limit-action",
                    m.isEmpty() ? "" : Character.toUpperCase(m.charAt(0)) + m.substring(1));
        }
        if (cpuLimit != null && cpuLimit.isBlank()) {
            c.text(Param.APP_CPU_LIMIT, "--cpu-limit", "");
        } else {
            c.number(Param.APP_CPU_LIMIT, "--cpu-limit", cpuLimit == null ? null : cpuLimit.strip().replace("%", ""));
        }
        c.seconds(Param.APP_STATUS_INTERVAL, "--status-interval", statusInterval);
        c.text(Param.APP_METRICS_FILE, "--metrics-file", metricsFile);
        if (session != null) {
            String m = session.strip().toLowerCase(Locale.ROOT);
            c.text(Param.APP_SESSION, "--session", m.isEmpty() ? "" : Character.toUpperCase(m.charAt(0)) + m.substring(1));
        }
        c.text(Param.APP_SESSION_USER, "--session-user", sessionUser);
        c.flag(Param.APP_SESSION_ELEVATED, "--session-elevated", sessionElevated);
        if (params != null) {
            c.generic(params);
        }
        return c.result();
    }

    /** {@code console,window,threads,terminate}, {@code none}, or a number, as AppStopMethodSkip's bits. */
    static String skipBits(String text, List<String> problems) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || ParamText.dword(t).isPresent()) {
            return t;
        }
        long bits = 0;
        for (String word : t.split("[,+ ]+")) {
            Optional<StopStep> step = StopStep.byWord(word);
            if (step.isPresent()) {
                bits |= step.get().skipBit();
            } else if (!word.equals("none")) {
                problems.add("--stop-skip '" + text + "': '" + word + "' is not a stop step; use "
                        + Arrays.stream(StopStep.values()).map(StopStep::word).collect(Collectors.joining(", ")) + " or none.");
            }
        }
        return Long.toString(bits);
    }

    /** Gathers values, refusing a parameter set twice by different options. */
    private static final class Collector {
        private final List<String> problems;
        private final Map<Param, Optional<RawValue>> values = new LinkedHashMap<>();
        private final Map<Param, String> setBy = new LinkedHashMap<>();
        private final Map<Param, List<String>> multiEntries = new LinkedHashMap<>();
        private Map<String, String> exits;
        private String exitsSetBy;

        Collector(List<String> problems) {
            this.problems = problems;
        }

        Result result() {
            multiEntries.forEach((p, entries) -> {
                List<String> bad = new ArrayList<>();
                ParamText.parse(p, entries, bad).ifPresent(v -> values.put(p, Optional.of(v)));
                problems.addAll(bad);
            });
            return new Result(values, Optional.ofNullable(exits));
        }

        private boolean claim(Param p, String option) {
            String previous = setBy.putIfAbsent(p, option);
            if (previous != null && !previous.equals(option)) {
                problems.add(option + " and " + previous + " both set " + p.registryName() + ": give only one.");
                return false;
            }
            return true;
        }

        void text(Param p, String option, String value) {
            if (value == null || !claim(p, option)) {
                return;
            }
            if (value.isEmpty()) {
                values.put(p, Optional.empty());
                return;
            }
            ParamText.parse(p, List.of(value), problems).ifPresent(v -> values.put(p, Optional.of(v)));
        }

        void multi(Param p, String option, List<String> entries) {
            if (entries == null || !claim(p, option)) {
                return;
            }
            for (String e : entries) {
                int eq = e.indexOf('=');
                if (eq <= 0) {
                    problems.add(option + " '" + e + "' is not KEY=VALUE: write e.g. " + option + " JAVA_OPTS=-Xmx512m.");
                    return;
                }
            }
            multiEntries.computeIfAbsent(p, k -> new ArrayList<>()).addAll(entries);
        }

        void number(Param p, String option, String value) {
            if (value == null || !claim(p, option)) {
                return;
            }
            if (ParamText.dword(value).isEmpty()) {
                problems.add(option + " '" + value + "' is not valid: expected a whole number from 0 to 4294967295"
                        + (p == Param.APP_PRIORITY ? " or one of " + Arrays.stream(PriorityClass.values()).map(PriorityClass::word).collect(Collectors.joining(", ")) : "")
                        + ".");
                return;
            }
            values.put(p, Optional.of(new RawValue.Dword(ParamText.dword(value).get())));
        }

        void flag(Param p, String option, Boolean value) {
            if (value == null || !claim(p, option)) {
                return;
            }
            values.put(p, Optional.of(new RawValue.Dword(value ? 1 : 0)));
        }

        void millis(Param p, String option, String value) {
            duration(p, option, value, "ms", 1);
        }

        void seconds(Param p, String option, String value) {
            duration(p, option, value, "s", 1000);
        }

        private void duration(Param p, String option, String value, String bareUnit, long unitMillis) {
            if (value == null) {
                return;
            }
            Optional<Duration> d = Units.duration(value, bareUnit);
            if (d.isEmpty() || d.get().toMillis() % unitMillis != 0 || d.get().toMillis() / unitMillis > 0xFFFF_FFFFL) {
                problems.add(option + " '" + value + "' is not a duration " + (unitMillis == 1 ? "" : "in whole seconds ")
                        + "that fits: write e.g. " + (unitMillis == 1 ? "1500ms, 5s or 2m" : "30s, 1h or 1d") + ".");
                return;
            }
            number(p, option, Long.toString(d.get().toMillis() / unitMillis));
        }

        void exitEntry(String code, String action, String option) {
            if (exits == null) {
                exits = new LinkedHashMap<>();
                exitsSetBy = option;
            } else if (!exitsSetBy.equals(option)) {
                problems.add(option + " and " + exitsSetBy + " both set AppExit: give only one.");
                return;
            }
            if (exits.put(code, action) != null) {
                problems.add("AppExit " + (code.isEmpty() ? "default" : code) + " is given twice: give it once.");
            }
        }

        void generic(List<String> params) {
            for (String p : params) {
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    problems.add("--param '" + p + "' is not NAME=VALUE.");
                    continue;
                }
                String name = p.substring(0, eq).strip();
                String value = p.substring(eq + 1);
                if (ParamText.isExitEntryName(name) || name.equalsIgnoreCase(Param.APP_EXIT.registryName())) {
                    String code = name.equalsIgnoreCase(Param.APP_EXIT.registryName()) ? ""
                            : name.substring(ParamText.EXIT_PREFIX.length());
                    ParamText.exitEntry(code + "=" + value, problems).ifPresent(en -> exitEntry(en.getKey(), en.getValue(), "--param"));
                    continue;
                }
                Optional<Param> param = Param.byName(name);
                if (param.isEmpty()) {
                    problems.add("--param " + name + ": not a jsrvany parameter"
                            + Param.didYouMean(name) + ".");
                    continue;
                }
                Param q = param.get();
                if (q.kind() == ParamKind.MULTI_STRING) {
                    if (claim(q, "--param")) {
                        multiEntries.computeIfAbsent(q, k -> new ArrayList<>()).add(value);
                    }
                } else if (setBy.containsKey(q) && setBy.get(q).equals("--param")) {
                    problems.add("--param " + q.registryName() + " is given twice: give it once.");
                } else if (q.kind() == ParamKind.DWORD) {
                    if (value.isEmpty()) {
                        if (claim(q, "--param")) {
                            values.put(q, Optional.empty());
                        }
                    } else {
                        number(q, "--param", value);
                    }
                } else {
                    text(q, "--param", value);
                }
            }
        }
    }
}
