package org.jsrvany.core.config;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.output.CodePages;
import org.jsrvany.core.output.OutputExtras;
import org.jsrvany.core.output.OutputSettings;

/**
 * Turns a {@link ParameterSource} into a validated {@link ServiceConfig}, or a {@link ConfigException}
 * listing every problem at once, each a sentence naming the parameter, its value and what is expected.
 *
 * <p>Decisions where the tools differ (documented in docs/parameters.md): the working directory
 * defaults to the program's folder (NSSM); {@code AppEnvironment} replaces the environment unless
 * srvany-ng's {@code OverrideEnvironment=0} asks to merge; {@code %VAR%} in REG_EXPAND_SZ strings is
 * expanded against the wrapper's own environment, in environment entries against the environment
 * being built and then the wrapper's.
 *
 * <p>At most {@link #MAX_PROBLEMS} problems are listed, then one sentence counting the rest, so a file
 * of garbage cannot flood the console.
 */
public final class ConfigLoader {
    private static final long CREATE_ALWAYS = 2;
    private static final long OPEN_ALWAYS = 4;
    /** Problems listed one by one; more are counted in one last sentence. */
    public static final int MAX_PROBLEMS = 20;
    /** Exit statuses a POSIX program can have; a code outside can never match there. */
    private static final long POSIX_EXIT_MAX = 255;

    private final Map<String, String> baseEnvironment;
    private final boolean windows;
    private final Consumer<String> warnings;

    /**
     * @param baseEnvironment the wrapper's own environment (the base for expansion and merging)
     * @param windows         Windows rules: case-insensitive variable names, PATHEXT search
     * @param warnings        receives one sentence per value that was ignored in favour of its default
     */
    public ConfigLoader(Map<String, String> baseEnvironment, boolean windows, Consumer<String> warnings) {
        TreeMap<String, String> env = windows ? new TreeMap<>(String.CASE_INSENSITIVE_ORDER) : new TreeMap<>();
        env.putAll(baseEnvironment);
        this.baseEnvironment = env;
        this.windows = windows;
        this.warnings = warnings;
    }

    /** A loader for this JVM's OS and environment. */
    public static ConfigLoader forCurrentOs(Consumer<String> warnings) {
        boolean win = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return new ConfigLoader(System.getenv(), win, warnings);
    }

    /**
     * A loader for a service on this JVM's OS: this process's environment with the service key's own
     * {@code Environment} entries on top ({@link Environments#withServiceEnvironment}).
     */
    public static ConfigLoader forService(List<String> serviceEnvironment, Consumer<String> warnings) {
        boolean win = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return new ConfigLoader(Environments.withServiceEnvironment(System.getenv(), serviceEnvironment, win), win, warnings);
    }

    /** Validates everything the source holds for the named service. */
    public ServiceConfig load(String serviceName, ParameterSource source) throws ConfigException {
        return new Reading(serviceName, source).read();
    }

    /**
     * Only the stop ladder's settings, read exactly as {@link #load} reads them but without validating
     * the rest: a value of the wrong type counts with its default. For how long a stop may take
     * ({@code jsrvany stop}), even when the program itself no longer exists.
     */
    public static StopPolicy stopPolicy(ParameterSource source) {
        return new ConfigLoader(Map.of(), false, w -> { }).new Reading("", source).stopPolicy();
    }

    /** One load: collects problems instead of stopping at the first. */
    private final class Reading {
        private final String serviceName;
        private final ParameterSource source;
        private final Problems problems = new Problems();
        /** Parameters already reported as unusable, so that "is not set" is not said of them too. */
        private final Set<Param> unusable = EnumSet.noneOf(Param.class);

        Reading(String serviceName, ParameterSource source) {
            this.serviceName = serviceName;
            this.source = source;
        }

        ServiceConfig read() throws ConfigException {
            checkServiceName();
            source.problems().forEach(problems::add);
            for (String unknown : source.unknownNames()) {
                problems.add(() -> "'" + unknown + "' in " + source.describe() + " is not a jsrvany parameter"
                        + Param.didYouMean(unknown)
                        + "; see docs/parameters.md for the names.");
            }
            Optional<Path> application = application();
            Optional<Path> directory = application.flatMap(this::directory);
            String parameters = parameters();
            Environments.Result env = environment(directory);
            env.problems().forEach(problems::add);
            ExitAndDelay exit = exitActions();
            Duration throttle = millis(Param.APP_THROTTLE);
            StopPolicy stop = stopPolicy();
            PauseMode pause = pauseMode();
            WindowsOptions win = windowsOptions();
            OutputSettings output = directory.map(this::output).orElse(null);
            Path stdin = directory.map(this::stdin).orElse(null);
            Hooks hooks = hooks();
            HealthSettings health = HealthSettings.read(this::text, this::dword,
                    directory.orElse(Path.of("").toAbsolutePath()), problems::add);
            LimitSettings limits = limits();
            if (!problems.isEmpty()) {
                throw new ConfigException(problems.listed());
            }
            return new ServiceConfig(serviceName, application.orElseThrow(), parameters, directory.orElseThrow(),
                    env.environment(), exit.actions(), throttle, exit.restartDelay(), stop, output, pause, win, stdin, hooks,
                    health, limits);
        }

        private void checkServiceName() {
            if (serviceName == null || serviceName.isBlank()) {
                problems.add("The service name is empty: give the service a name (at most 256 characters, no '/' or '\\').");
            } else if (serviceName.length() > 256 || serviceName.contains("/") || serviceName.contains("\\")) {
                problems.add("The service name '" + serviceName + "' is not valid: use at most 256 characters and no '/' or '\\'.");
            }
        }

        // ---- Application and AppDirectory ----

        private Optional<Path> application() {
            Optional<String> text = text(Param.APPLICATION).map(ConfigLoader::unquote).filter(s -> !s.isBlank());
            if (text.isEmpty()) {
                if (!unusable.contains(Param.APPLICATION)) {
                    problems.add("Application is not set in " + source.describe()
                            + ": set it to the full path of the program the service runs.");
                }
                return Optional.empty();
            }
            String app = text.get();
            if (app.indexOf('"') >= 0) {
                problems.add("Application '" + app + "' contains a double quote (\"): a Windows command line cannot carry"
                        + " one inside the program's path, so the program could not be started. Write the path without"
                        + " quotes inside it (quotes around the whole path are fine).");
                return Optional.empty();
            }
            Optional<Path> path = resolveProgram(app);
            if (path.isEmpty()) {
                return Optional.empty();
            }
            Path p = path.get();
            if (!Files.exists(p)) {
                problems.add("Application '" + app + "' does not exist (looked for " + p
                        + "): set Application to the full path of an existing program.");
                return Optional.empty();
            }
            if (!Files.isRegularFile(p)) {
                problems.add("Application '" + app + "' is " + FileKinds.of(p) + ", not a program (" + p
                        + "): set Application to the program file itself.");
                return Optional.empty();
            }
            if (!windows && !Files.isExecutable(p)) {
                problems.add("Application '" + app + "' is not executable (" + p
                        + "): make it executable (chmod +x) or run it through its interpreter.");
                return Optional.empty();
            }
            return Optional.of(p);
        }

        private Optional<Path> resolveProgram(String app) {
            Path given;
            try {
                given = Path.of(app);
            } catch (InvalidPathException e) {
                problems.add("Application '" + app + "' is not a valid path: " + e.getReason() + ".");
                return Optional.empty();
            }
            if (given.isAbsolute()) {
                return Optional.of(given.normalize());
            }
            boolean bareName = !app.contains("/") && !app.contains("\\");
            if (bareName) {
                Optional<Path> found = searchPath(app);
                if (found.isEmpty()) {
                    problems.add("Application '" + app + "' was not found on PATH: set Application to the program's full path.");
                }
                return found;
            }
            Optional<Path> base = source.baseDirectory();
            if (base.isEmpty()) {
                problems.add("Application '" + app + "' is a relative path: set it to the program's full path.");
                return Optional.empty();
            }
            return Optional.of(base.get().resolve(given).normalize());
        }

        private Optional<Path> searchPath(String name) {
            String path = baseEnvironment.getOrDefault("PATH", "");
            List<String> extensions = new ArrayList<>();
            extensions.add("");
            if (windows && !name.contains(".")) {
                for (String ext : baseEnvironment.getOrDefault("PATHEXT", ".COM;.EXE;.BAT;.CMD").split(";")) {
                    if (!ext.isBlank()) {
                        extensions.add(ext.toLowerCase(Locale.ROOT));
                    }
                }
            }
            for (String dir : path.split(windows ? ";" : ":")) {
                if (dir.isBlank()) {
                    continue;
                }
                for (String ext : extensions) {
                    try {
                        Path candidate = Path.of(unquote(dir)).resolve(name + ext);
                        if (Files.isRegularFile(candidate) && (windows || Files.isExecutable(candidate))) {
                            return Optional.of(candidate.toAbsolutePath().normalize());
                        }
                    } catch (InvalidPathException ignored) {
                        // A malformed PATH entry cannot hold the program; keep looking.
                    }
                }
            }
            return Optional.empty();
        }

        private Optional<Path> directory(Path application) {
            Optional<String> text = text(Param.APP_DIRECTORY).map(ConfigLoader::unquote).filter(s -> !s.isBlank());
            Path dir;
            if (text.isEmpty()) {
                dir = application.getParent();
            } else {
                try {
                    Path given = Path.of(text.get());
                    if (given.isAbsolute()) {
                        dir = given.normalize();
                    } else if (source.baseDirectory().isPresent()) {
                        dir = source.baseDirectory().get().resolve(given).normalize();
                    } else {
                        problems.add("AppDirectory '" + text.get() + "' is a relative path: set it to a full path.");
                        return Optional.empty();
                    }
                } catch (InvalidPathException e) {
                    problems.add("AppDirectory '" + text.get() + "' is not a valid path: " + e.getReason() + ".");
                    return Optional.empty();
                }
            }
            if (!Files.exists(dir)) {
                problems.add("AppDirectory '" + text.orElse(String.valueOf(dir)) + "' does not exist (" + dir
                        + "): create it or set AppDirectory to an existing folder.");
                return Optional.empty();
            }
            if (!Files.isDirectory(dir)) {
                problems.add("AppDirectory '" + text.orElse(String.valueOf(dir)) + "' is " + FileKinds.of(dir)
                        + ", not a folder (" + dir + "): set AppDirectory to an existing folder.");
                return Optional.empty();
            }
            return Optional.of(dir);
        }

        // ---- AppParameters ----

        private String parameters() {
            String parameters = text(Param.APP_PARAMETERS).orElse("");
            if (WindowsCommandLine.hasUnterminatedQuote(parameters)) {
                warnings.accept("AppParameters in " + source.describe() + " opens a quote (\") that is never closed: "
                        + parameters + ". Windows accepts this and passes the line as written; a program splitting it"
                        + " the usual way (and jsrvany on Linux) takes everything after the quote as one last argument."
                        + " Close the quote if that is not what you mean.");
            }
            return parameters;
        }

        // ---- environment ----

        private Environments.Result environment(Optional<Path> directory) {
            Optional<List<String>> replace = multi(Param.APP_ENVIRONMENT);
            List<String> extra = multi(Param.APP_ENVIRONMENT_EXTRA).orElse(List.of());
            boolean merge = dword(Param.OVERRIDE_ENVIRONMENT).map(v -> v == 0).orElse(false);
            List<String> file = directory.map(this::environmentFile).orElse(List.of());
            environmentRecipe = new SessionRule.EnvironmentRecipe(replace, merge, file, extra);
            return Environments.build(baseEnvironment, replace, merge, file, extra, windows);
        }

        /** {@code AppEnvironmentFile}'s entries, read now (at every start); its problems name lines, never values. */
        private List<String> environmentFile(Path directory) {
            Optional<String> text = text(Param.APP_ENVIRONMENT_FILE).map(ConfigLoader::unquote).filter(s -> !s.isBlank());
            if (text.isEmpty()) {
                return List.of();
            }
            Path file;
            try {
                file = directory.resolve(text.get()).normalize();
            } catch (InvalidPathException e) {
                problems.add("AppEnvironmentFile '" + text.get() + "' is not a valid path: " + e.getReason() + ".");
                return List.of();
            }
            EnvironmentFile.Result r = EnvironmentFile.read(file);
            r.problems().forEach(problems::add);
            return r.entries();
        }

        // ---- hooks ----

        private Hooks hooks() {
            java.util.Map<Hooks.Hook, String> commands = new java.util.EnumMap<>(Hooks.Hook.class);
            for (Hooks.Hook h : Hooks.Hook.values()) {
                text(h.param()).map(String::strip).filter(s -> !s.isEmpty()).ifPresent(c -> commands.put(h, c));
            }
            return new Hooks(commands, millis(Param.APP_HOOK_TIMEOUT), flag(Param.APP_REDIRECT_HOOK));
        }

        // ---- desktop session ----

        /** The entries of the environment, kept for a launch into a user's session (set by {@link #environment()}). */
        private SessionRule.EnvironmentRecipe environmentRecipe = SessionRule.EnvironmentRecipe.NONE;

        private SessionRule sessionRule() {
            String text = text(Param.APP_SESSION).orElse(defaultOf(Param.APP_SESSION));
            Optional<SessionMode> mode = SessionMode.parse(text);
            if (mode.isEmpty()) {
                problems.add("AppSession is '" + text + "': expected " + SessionMode.choices()
                        + " (Service runs the program in the service's own session, as before).");
            }
            Optional<String> user = text(Param.APP_SESSION_USER).map(String::strip).filter(u -> !u.isEmpty());
            boolean elevated = flag(Param.APP_SESSION_ELEVATED);
            boolean desktop = mode.map(SessionMode::desktop).orElse(true);
            if (!desktop && user.isPresent()) {
                problems.add("AppSessionUser is '" + user.get() + "' but AppSession is Service, where no user's session"
                        + " is used: set AppSession to Console or Active, or remove AppSessionUser.");
            }
            if (!desktop && elevated) {
                problems.add("AppSessionElevated is 1 but AppSession is Service, where no user's token is used: set"
                        + " AppSession to Console or Active, or remove AppSessionElevated.");
            }
            user.filter(u -> u.indexOf('\\') != u.lastIndexOf('\\') || u.endsWith("\\") || u.startsWith("\\"))
                    .ifPresent(u -> problems.add("AppSessionUser is '" + u + "': expected a user name, or DOMAIN\\name"
                            + " with one backslash."));
            SessionMode m = mode.orElse(SessionMode.SERVICE);
            return new SessionRule(m, user, elevated, m.desktop() ? environmentRecipe : SessionRule.EnvironmentRecipe.NONE);
        }

        // ---- exit and restart ----

        private record ExitAndDelay(ExitActions actions, Duration restartDelay) {
        }

        private ExitAndDelay exitActions() {
            Map<String, String> raw = source.exitActions();
            Optional<Long> restartOnExit = dword(Param.RESTART_ON_EXIT);
            Duration delay = millis(Param.APP_RESTART_DELAY);
            if (raw.isEmpty() && restartOnExit.isPresent()) {
                // srvany-ng: RestartOnExit=1 restarts after one second forever; 0 ends the service.
                boolean restart = restartOnExit.get() != 0;
                if (restart && source.value(Param.APP_RESTART_DELAY).isEmpty()) {
                    delay = Duration.ofSeconds(1);
                }
                return new ExitAndDelay(new ExitActions(restart ? ExitAction.RESTART : ExitAction.EXIT, Map.of()), delay);
            }
            ExitAction defaultAction = ExitAction.RESTART;
            Map<Integer, ExitAction> byCode = new LinkedHashMap<>();
            Map<Integer, String> spelledAs = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : raw.entrySet()) {
                Optional<ExitAction> action = ExitAction.parse(e.getValue());
                String where = e.getKey().isEmpty() ? "AppExit (Default)" : "AppExit value '" + e.getKey() + "'";
                if (action.isEmpty()) {
                    problems.add(where + " is '" + e.getValue() + "': expected Restart, Ignore, Exit or Suicide.");
                    continue;
                }
                if (e.getKey().isEmpty()) {
                    defaultAction = action.get();
                    continue;
                }
                Optional<Integer> code = ExitActions.parseCode(e.getKey());
                if (code.isEmpty()) {
                    problems.add("AppExit has a value named '" + e.getKey() + "', which is not an exit code: name each"
                            + " value after a decimal exit code from 0 to 4294967295 (or -2147483648 to -1, the same codes"
                            + " written signed), such as 0 or 3.");
                    continue;
                }
                String earlier = spelledAs.putIfAbsent(code.get(), e.getKey());
                if (earlier != null) {
                    problems.add("AppExit has values named '" + earlier + "' and '" + e.getKey() + "', which are the same"
                            + " exit code " + Integer.toUnsignedString(code.get()) + ": keep one of them.");
                    continue;
                }
                warnIfNeverPosix(e.getKey(), code.get());
                byCode.put(code.get(), action.get());
            }
            return new ExitAndDelay(new ExitActions(defaultAction, byCode), delay);
        }

        /** On Linux an exit status is 0 to 255: a code outside can never match, though Windows uses it. */
        private void warnIfNeverPosix(String name, int code) {
            long unsigned = Integer.toUnsignedLong(code);
            if (!windows && unsigned > POSIX_EXIT_MAX) {
                warnings.accept("AppExit." + name + " in " + source.describe() + " can never apply on this system, where"
                        + " a program's exit code is 0 to 255 (a program killed by signal N exits with 128+N); it is kept"
                        + " for Windows, where " + name + " is the exit code " + Integer.toUnsignedString(code) + ".");
            }
        }

        // ---- stopping, pause, Windows options ----

        private StopPolicy stopPolicy() {
            long skip = dword(Param.APP_STOP_METHOD_SKIP).orElse(0L);
            if (skip > 15) {
                problems.add("AppStopMethodSkip is " + skip + ": expected a sum of 1 (Ctrl+C), 2 (WM_CLOSE), 4 (WM_QUIT)"
                        + " and 8 (terminate), 0 to 15.");
            }
            // srvany-ng's TerminateSubProcesses speaks only when NSSM's AppKillProcessTree is absent.
            Param killTreeParam = source.value(Param.APP_KILL_PROCESS_TREE).isPresent()
                    ? Param.APP_KILL_PROCESS_TREE : Param.TERMINATE_SUB_PROCESSES;
            boolean killTree = dword(killTreeParam).orElse(1L) != 0;
            return new StopPolicy(StopPolicy.skippedFromBits(skip), millis(Param.APP_STOP_METHOD_CONSOLE),
                    millis(Param.APP_STOP_METHOD_WINDOW), millis(Param.APP_STOP_METHOD_THREADS), killTree);
        }

        private PauseMode pauseMode() {
            String text = text(Param.APP_PAUSE_MODE).orElse(defaultOf(Param.APP_PAUSE_MODE));
            Optional<PauseMode> mode = PauseMode.parse(text);
            if (mode.isEmpty()) {
                problems.add("AppPauseMode is '" + text + "': expected Suspend or Report.");
                return PauseMode.SUSPEND;
            }
            return mode.get();
        }

        private WindowsOptions windowsOptions() {
            long priority = dword(Param.APP_PRIORITY).orElse(0x20L);
            if (PriorityClass.of(priority).isEmpty()) {
                problems.add("AppPriority is " + priority + " (0x" + Long.toHexString(priority) + "): expected one of "
                        + PriorityClass.choices() + ".");
            }
            String affinity = text(Param.APP_AFFINITY).orElse("").replace(" ", "");
            try {
                CpuList.cpus(affinity);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage() + ". Expected CPU numbers and ranges such as 0-2,4, or empty for all CPUs.");
            }
            boolean noConsole = dword(Param.APP_NO_CONSOLE).orElse(0L) != 0;
            SessionRule session = sessionRule();
            long codePage = dword(Param.APP_CONSOLE_CODE_PAGE).orElse(0L);
            Optional<String> codePageProblem = ConsoleCodePage.problem(codePage, noConsole, session);
            codePageProblem.ifPresent(problems::add);
            return new WindowsOptions(noConsole, (int) priority, affinity, session,
                    codePageProblem.isPresent() ? ConsoleCodePage.UNSET : (int) codePage);
        }

        // ---- limits, scheduled restart, status refresh (docs/limits-metrics.md) ----

        private LimitSettings limits() {
            String at = text(Param.APP_RESTART_AT).orElse("").strip();
            java.util.Optional<java.time.LocalTime> daily = java.util.Optional.empty();
            if (!at.isEmpty()) {
                daily = RestartSchedule.parseTime(at);
                if (daily.isEmpty()) {
                    problems.add("AppRestartAt is '" + at + "': expected a local time HH:MM on a 24-hour clock, such as"
                            + " 03:00, or empty for no daily restart.");
                }
            }
            long every = dword(Param.APP_RESTART_EVERY).orElse(0L);
            long memoryMib = dword(Param.APP_MEMORY_LIMIT).orElse(0L);
            String actionText = text(Param.APP_MEMORY_LIMIT_ACTION).orElse(defaultOf(Param.APP_MEMORY_LIMIT_ACTION));
            Optional<MemoryLimitAction> action = MemoryLimitAction.parse(actionText);
            if (action.isEmpty()) {
                problems.add("AppMemoryLimitAction is '" + actionText + "': expected Restart (restart the program through"
                        + " the stop ladder) or Fail (only the allocation fails).");
            }
            long cpu = dword(Param.APP_CPU_LIMIT).orElse(0L);
            if (cpu > 100) {
                problems.add("AppCpuLimit is " + cpu + ": expected a percentage of all the machine's CPUs from 1 to 100,"
                        + " or 0 for no cap.");
                cpu = 0;
            }
            long interval = dword(Param.APP_STATUS_INTERVAL).orElse(0L);
            Optional<Path> metrics = metricsFile();
            if (!windows && (memoryMib > 0 || cpu > 0)) {
                warnings.accept((memoryMib > 0 ? "AppMemoryLimit" : "AppCpuLimit") + (memoryMib > 0 && cpu > 0
                        ? " and AppCpuLimit are" : " is") + " set in " + source.describe() + " but not enforced on this"
                        + " system: jsrvany limits a tree's memory and CPU through its Windows job object only"
                        + " (docs/limits-metrics.md). On Linux, run the wrapper under a systemd unit with MemoryMax="
                        + " and CPUQuota= instead.");
            }
            RestartSchedule schedule = new RestartSchedule(daily,
                    every == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(every)));
            return new LimitSettings(schedule, memoryMib * 1024 * 1024, action.orElse(MemoryLimitAction.RESTART),
                    (int) cpu, Duration.ofSeconds(interval), metrics);
        }

        /** {@code AppMetricsFile}: a full path ending in .prom (what the exporters' textfile collectors read). */
        private Optional<Path> metricsFile() {
            Optional<String> text = text(Param.APP_METRICS_FILE).map(ConfigLoader::unquote).filter(s -> !s.isBlank());
            if (text.isEmpty()) {
                return Optional.empty();
            }
            try {
                Path p = Path.of(text.get());
                if (!p.isAbsolute() || !p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".prom")) {
                    problems.add("AppMetricsFile is '" + text.get() + "': expected a full path ending in .prom, such as"
                            + " C:\\Program Files\\windows_exporter\\textfile_inputs\\" + serviceName + ".prom.");
                    return Optional.empty();
                }
                return Optional.of(p.normalize());
            } catch (InvalidPathException e) {
                problems.add("AppMetricsFile '" + text.get() + "' is not a valid path: " + e.getReason() + ".");
                return Optional.empty();
            }
        }

        // ---- output ----

        private OutputSettings output(Path directory) {
            Path stdout = outputPath(Param.APP_STDOUT, directory);
            Path stderr = outputPath(Param.APP_STDERR, directory);
            boolean stdoutAppend = disposition(Param.APP_STDOUT_CREATION_DISPOSITION);
            boolean stderrAppend = disposition(Param.APP_STDERR_CREATION_DISPOSITION);
            long bytes = (dword(Param.APP_ROTATE_BYTES_HIGH).orElse(0L) << 32) | dword(Param.APP_ROTATE_BYTES).orElse(0L);
            try {
                return new OutputSettings(stdout, stderr, stdoutAppend, stderrAppend,
                        flag(Param.APP_TIMESTAMP_LOG), flag(Param.APP_ROTATE_FILES),
                        Duration.ofSeconds(dword(Param.APP_ROTATE_SECONDS).orElse(0L)), flag(Param.APP_ROTATE_ONLINE), bytes,
                        Duration.ofSeconds(dword(Param.APP_ROTATE_PERIOD).orElse(0L)),
                        (int) Math.min(Integer.MAX_VALUE, dword(Param.APP_ROTATE_KEEP).orElse(0L)), outputExtras());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                return null;
            }
        }

        // ---- AppStdin, copy-and-truncate, output code page (issue 15) ----

        private OutputExtras outputExtras() {
            long codePage = dword(Param.APP_OUTPUT_CODE_PAGE).orElse(0L);
            Charset from = null;
            if (codePage != 0) {
                Optional<Charset> charset = CodePages.charset(codePage);
                if (charset.isEmpty()) {
                    problems.add("AppOutputCodePage is " + codePage + ": this Java runtime knows no such code page. Use"
                            + " 0 (write the program's bytes unchanged) or a Windows code page number such as 437, 850,"
                            + " 866, 932, 936, 1252 or 65001.");
                } else {
                    from = charset.get();
                }
            }
            return new OutputExtras(flag(Param.APP_STDOUT_COPY_AND_TRUNCATE), flag(Param.APP_STDERR_COPY_AND_TRUNCATE),
                    from);
        }

        /**
         * AppStdin: relative to AppDirectory; must exist when the configuration is loaded (NSSM opens it with
         * OPEN_EXISTING) and be a regular file or a device (NUL, /dev/null, COM1 ...). Empty = none.
         */
        private Path stdin(Path directory) {
            Optional<String> text = text(Param.APP_STDIN).map(ConfigLoader::unquote).filter(s -> !s.isBlank());
            if (text.isEmpty()) {
                return null;
            }
            Path path;
            try {
                path = directory.resolve(text.get()).normalize();
            } catch (InvalidPathException e) {
                problems.add("AppStdin '" + text.get() + "' is not a valid path: " + e.getReason() + ".");
                return null;
            }
            if (OutputSettings.isWindowsDevice(path, windows) || FileKinds.isCharacterDevice(path)) {
                return path;
            }
            if (!Files.exists(path)) {
                problems.add("AppStdin '" + text.get() + "' does not exist (" + path + "): create the file the program"
                        + " should read, or leave AppStdin empty so that it reads nothing (NUL).");
                return null;
            }
            if (!Files.isRegularFile(path)) {
                problems.add("AppStdin '" + text.get() + "' is " + FileKinds.of(path) + ", not a file (" + path
                        + "): name a regular file or a device such as NUL, or leave AppStdin empty.");
                return null;
            }
            if (!Files.isReadable(path)) {
                problems.add("AppStdin '" + text.get() + "' cannot be read (" + path + "): give the service's account"
                        + " read access to it.");
                return null;
            }
            return path;
        }

        private Path outputPath(Param param, Path directory) {
            Optional<String> text = text(param).map(ConfigLoader::unquote).filter(s -> !s.isBlank());
            if (text.isEmpty()) {
                return null;
            }
            Path path;
            try {
                path = directory.resolve(text.get()).normalize();
            } catch (InvalidPathException e) {
                problems.add(param.registryName() + " '" + text.get() + "' is not a valid path: " + e.getReason() + ".");
                return null;
            }
            return usableOutputFile(param, text.get(), path) ? path : null;
        }

        /**
         * The output file must be (or become) a regular file of its own, or be a character device (NUL,
         * COM1, /dev/null: NSSM documents device paths): not the configuration itself, not a folder, pipe,
         * socket or block device, not under a file, not on a kernel file system such as /proc.
         */
        private boolean usableOutputFile(Param param, String text, Path path) {
            String name = param.registryName() + " '" + text + "'";
            Optional<Path> config = source.file();
            if (config.isPresent() && isSameFile(path, config.get())) {
                problems.add(name + " is the configuration file itself (" + path + "): the program's output would be"
                        + " written into its own configuration. Choose another file, such as a .log file beside it.");
                return false;
            }
            if (OutputSettings.isWindowsDevice(path, windows) || FileKinds.isCharacterDevice(path)) {
                // NSSM documents device paths: output to NUL or /dev/null is discarded, a terminal shows it.
                // Nothing to lock, rotate or rename there; rotation settings do not apply to it.
                return true;
            }
            if (Files.exists(path)) {
                if (!Files.isRegularFile(path)) {
                    problems.add(name + " is " + FileKinds.of(path) + ", not a file (" + path + "): output files are"
                            + " appended to, rotated and renamed, which only a regular file allows. Name a file, or leave "
                            + param.registryName() + " empty: in the foreground the output then goes to the console"
                            + " (what /dev/stdout would give), and a service does not keep it.");
                    return false;
                }
            } else {
                Optional<Path> ancestor = FileKinds.nearestExisting(path.getParent());
                if (ancestor.isPresent() && !Files.isDirectory(ancestor.get())) {
                    problems.add(name + " cannot be created (" + path + "): " + ancestor.get() + " is "
                            + FileKinds.of(ancestor.get()) + ", not a folder. Choose a path whose folders are folders.");
                    return false;
                }
            }
            Optional<String> kernel = FileKinds.nearestExisting(path).flatMap(FileKinds::kernelFileSystem);
            if (kernel.isPresent()) {
                problems.add(name + " is on " + kernel.get() + " (" + path + "), a file system the kernel makes up, where"
                        + " a program's output cannot be stored. Choose a folder on a disk.");
                return false;
            }
            return true;
        }

        private boolean disposition(Param param) {
            long value = dword(param).orElse(OPEN_ALWAYS);
            if (value != OPEN_ALWAYS && value != CREATE_ALWAYS) {
                problems.add(param.registryName() + " is " + value + ": expected 4 (append to the file) or 2 (truncate it at start).");
            }
            return value != CREATE_ALWAYS;
        }

        private boolean flag(Param param) {
            return dword(param).orElse(0L) != 0;
        }

        // ---- typed access ----

        private Optional<String> text(Param param) {
            Optional<RawValue> raw = source.value(param);
            if (raw.isEmpty()) {
                return Optional.empty();
            }
            if (raw.get() instanceof RawValue.Text t) {
                if (hasNul(param, t.value())) {
                    return Optional.empty();
                }
                return Optional.of(t.expandable() ? Environments.expand(t.value(), baseEnvironment::get) : t.value());
            }
            wrongType(param, raw.get());
            return Optional.empty();
        }

        /** A NUL cannot be passed in a command line, a path or an environment: refused here, not at launch. */
        private boolean hasNul(Param param, String value) {
            int at = value.indexOf('\0');
            if (at < 0) {
                return false;
            }
            unusable.add(param);
            problems.add(param.registryName() + " in " + source.describe() + " contains a NUL character (written \\u0000"
                    + " in a properties file) at position " + (at + 1) + ": no command line, path or environment variable"
                    + " can hold one. Remove it.");
            return true;
        }

        private Optional<List<String>> multi(Param param) {
            Optional<RawValue> raw = source.value(param);
            if (raw.isEmpty()) {
                return Optional.empty();
            }
            if (raw.get() instanceof RawValue.MultiText m) {
                for (String entry : m.values()) {
                    if (hasNul(param, entry)) {
                        return Optional.empty();
                    }
                }
                return Optional.of(m.values());
            }
            wrongType(param, raw.get());
            return Optional.empty();
        }

        private Optional<Long> dword(Param param) {
            Optional<RawValue> raw = source.value(param);
            if (raw.isEmpty()) {
                return param.defaultText().map(Long::parseLong);
            }
            if (raw.get() instanceof RawValue.Dword d) {
                return Optional.of(d.value());
            }
            if (!source.typed() && raw.get() instanceof RawValue.Text t) {
                Optional<Long> parsed = RawValue.Dword.parse(t.value()).map(RawValue.Dword::value);
                if (parsed.isEmpty()) {
                    problems.add(param.registryName() + "=" + t.value() + " in " + source.describe()
                            + ": expected a whole number from 0 to 4294967295 (decimal, or hexadecimal with 0x).");
                    return param.defaultText().map(Long::parseLong);
                }
                return parsed;
            }
            wrongType(param, raw.get());
            return param.defaultText().map(Long::parseLong);
        }

        private Duration millis(Param param) {
            return Duration.ofMillis(dword(param).orElse(0L));
        }

        private void wrongType(Param param, RawValue raw) {
            warnings.accept(param.registryName() + " in " + source.describe() + " is stored as " + raw.typeName()
                    + " but must be " + param.kind().registryType() + "; it is ignored"
                    + param.defaultText().map(d -> " and the default " + (d.isEmpty() ? "(empty)" : d) + " is used").orElse("")
                    + ". Store it again with the right type.");
        }
    }

    /** Problems in the order found: the first {@link #MAX_PROBLEMS} as sentences, the rest counted. */
    private static final class Problems {
        private final List<String> listed = new ArrayList<>();
        private int more;

        void add(String sentence) {
            if (listed.size() < MAX_PROBLEMS) {
                listed.add(sentence);
            } else {
                more++;
            }
        }

        /** For sentences that cost something to build: built only if listed. */
        void add(Supplier<String> sentence) {
            if (listed.size() < MAX_PROBLEMS) {
                listed.add(sentence.get());
            } else {
                more++;
            }
        }

        boolean isEmpty() {
            return listed.isEmpty();
        }

        List<String> listed() {
            if (more == 0) {
                return listed;
            }
            List<String> all = new ArrayList<>(listed);
            all.add("... and " + more + " more problem" + (more == 1 ? "" : "s") + " not listed here; fix the ones above"
                    + " and check again to see the rest.");
            return all;
        }
    }

    private static boolean isSameFile(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String defaultOf(Param param) {
        return param.defaultText().orElse("");
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }
}
