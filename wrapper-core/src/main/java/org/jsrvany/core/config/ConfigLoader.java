package org.jsrvany.core.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
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
 */
public final class ConfigLoader {
    private static final long CREATE_ALWAYS = 2;
    private static final long OPEN_ALWAYS = 4;

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
        private final List<String> problems = new ArrayList<>();

        Reading(String serviceName, ParameterSource source) {
            this.serviceName = serviceName;
            this.source = source;
        }

        ServiceConfig read() throws ConfigException {
            checkServiceName();
            for (String unknown : source.unknownNames()) {
                problems.add("'" + unknown + "' in " + source.describe() + " is not a jsrvany parameter"
                        + Param.didYouMean(unknown)
                        + "; see docs/parameters.md for the names.");
            }
            Optional<Path> application = application();
            Optional<Path> directory = application.flatMap(this::directory);
            String parameters = text(Param.APP_PARAMETERS).orElse("");
            Environments.Result env = environment();
            problems.addAll(env.problems());
            ExitAndDelay exit = exitActions();
            Duration throttle = millis(Param.APP_THROTTLE);
            StopPolicy stop = stopPolicy();
            PauseMode pause = pauseMode();
            WindowsOptions win = windowsOptions();
            OutputSettings output = directory.map(this::output).orElse(null);
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new ServiceConfig(serviceName, application.orElseThrow(), parameters, directory.orElseThrow(),
                    env.environment(), exit.actions(), throttle, exit.restartDelay(), stop, output, pause, win);
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
                problems.add("Application is not set in " + source.describe()
                        + ": set it to the full path of the program the service runs.");
                return Optional.empty();
            }
            String app = text.get();
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
                problems.add("Application '" + app + "' is a folder, not a program (" + p
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
            if (!Files.isDirectory(dir)) {
                problems.add("AppDirectory '" + text.orElse(String.valueOf(dir)) + "' does not exist or is not a folder (" + dir
                        + "): create it or set AppDirectory to an existing folder.");
                return Optional.empty();
            }
            return Optional.of(dir);
        }

        // ---- environment ----

        private Environments.Result environment() {
            Optional<List<String>> replace = multi(Param.APP_ENVIRONMENT);
            List<String> extra = multi(Param.APP_ENVIRONMENT_EXTRA).orElse(List.of());
            boolean merge = dword(Param.OVERRIDE_ENVIRONMENT).map(v -> v == 0).orElse(false);
            return Environments.build(baseEnvironment, replace, merge, extra, windows);
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
                    problems.add("AppExit has a value named '" + e.getKey()
                            + "', which is not an exit code: name each value after a decimal exit code such as 0 or 3.");
                    continue;
                }
                byCode.put(code.get(), action.get());
            }
            return new ExitAndDelay(new ExitActions(defaultAction, byCode), delay);
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
            return new WindowsOptions(dword(Param.APP_NO_CONSOLE).orElse(0L) != 0, (int) priority, affinity);
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
                        (int) Math.min(Integer.MAX_VALUE, dword(Param.APP_ROTATE_KEEP).orElse(0L)));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                return null;
            }
        }

        private Path outputPath(Param param, Path directory) {
            Optional<String> text = text(param).map(ConfigLoader::unquote).filter(s -> !s.isBlank());
            if (text.isEmpty()) {
                return null;
            }
            try {
                return directory.resolve(text.get()).normalize();
            } catch (InvalidPathException e) {
                problems.add(param.registryName() + " '" + text.get() + "' is not a valid path: " + e.getReason() + ".");
                return null;
            }
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
                return Optional.of(t.expandable() ? Environments.expand(t.value(), baseEnvironment::get) : t.value());
            }
            wrongType(param, raw.get());
            return Optional.empty();
        }

        private Optional<List<String>> multi(Param param) {
            Optional<RawValue> raw = source.value(param);
            if (raw.isEmpty()) {
                return Optional.empty();
            }
            if (raw.get() instanceof RawValue.MultiText m) {
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
