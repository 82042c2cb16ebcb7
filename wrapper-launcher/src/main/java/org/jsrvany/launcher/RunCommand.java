package org.jsrvany.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jsrvany.launcher.logging.WrapperLogging;
import org.jsrvany.core.config.ConfigException;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.PropertiesSource;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.run.Foreground;
import org.jsrvany.core.run.LauncherExit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run --config FILE}: supervise a configuration in the foreground until Ctrl+C or SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the configured program in the foreground exactly as the service would: same working"
                + " directory, environment, arguments, output files, restarts and stop ladder.",
                "Ctrl+C (SIGINT) or SIGTERM runs the stop ladder; the exit code says how it ended."})
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Properties file with the registry's parameter names (see docs/parameters.md).")
    Path config;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Service name for logs and messages (default: the file's name without its extension).")
    String name;

    @Option(names = "--log", paramLabel = "FILE", description = "Also write the wrapper's own log to this file.")
    Path log;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        if (log != null) {
            try {
                WrapperLogging.addFile(log);
            } catch (IllegalArgumentException e) {
                err.println("jsrvany: " + e.getMessage() + ".");
                return LauncherExit.USAGE.code();
            }
        }
        ServiceConfig service;
        try {
            PropertiesSource source = PropertiesSource.load(config);
            service = ConfigLoader.forCurrentOs(LOG::warn).load(serviceName(), source);
        } catch (ConfigException e) {
            for (String problem : e.problems()) {
                err.println("jsrvany: " + problem);
            }
            err.println("jsrvany: nothing was started; fix " + config + " and run again.");
            return LauncherExit.CONFIG.code();
        }
        return Foreground.run(service, System.out, err).code();
    }

    /**
     * {@code run} with only {@code --config}, {@code --name} and {@code --log}, each once, as
     * {@code --opt VALUE} or {@code --opt=VALUE}: the command without picocli, whose start (its model
     * built by reflection) was a quarter of the time before the program started. Anything else (help,
     * version, a typo, a repeated option, a value that looks like an option, an {@code @file}, a path
     * that is not one) is empty: picocli parses it and says what is wrong, exactly as before.
     */
    static java.util.Optional<RunCommand> plain(String... args) {
        if (args.length < 2 || !args[0].equals("run")) {
            return java.util.Optional.empty();
        }
        RunCommand c = new RunCommand();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String option = eq > 0 ? arg.substring(0, eq) : arg;
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return java.util.Optional.empty();
            }
            if (arg.startsWith("@") || value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                return java.util.Optional.empty();
            }
            try {
                switch (option) {
                    case "--config" -> {
                        if (c.config != null) {
                            return java.util.Optional.empty();
                        }
                        c.config = Path.of(value);
                    }
                    case "--name" -> {
                        if (c.name != null) {
                            return java.util.Optional.empty();
                        }
                        c.name = value;
                    }
                    case "--log" -> {
                        if (c.log != null) {
                            return java.util.Optional.empty();
                        }
                        c.log = Path.of(value);
                    }
                    default -> {
                        return java.util.Optional.empty();
                    }
                }
            } catch (java.nio.file.InvalidPathException e) {
                return java.util.Optional.empty();
            }
        }
        return c.config == null ? java.util.Optional.empty() : java.util.Optional.of(c);
    }

    private String serviceName() {
        if (name != null) {
            return name;
        }
        String file = config.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
