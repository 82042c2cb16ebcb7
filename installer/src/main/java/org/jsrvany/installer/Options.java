package org.jsrvany.installer;

import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options several commands share, as picocli mixins. */
final class Options {
    private Options() {
    }

    /** {@code --timeout}: how long to wait for the wanted state. */
    static final class Timeout {
        @Option(names = "--timeout", paramLabel = "DURATION",
                description = "How long to wait for the service to get there (e.g. 30s, 2m; a bare number is seconds)."
                        + " Default: ${DEFAULT-VALUE:-see the command}.")
        String timeout;

        /** The given timeout, or empty to use the command's default. */
        Optional<Duration> get() {
            if (timeout == null) {
                return Optional.empty();
            }
            return Optional.of(Units.duration(timeout, "s").orElseThrow(() -> new InstallerException(Exit.USAGE,
                    "--timeout '" + timeout + "' is not a duration: write e.g. 30s, 2m or 500ms.")));
        }
    }

    /** {@code --json}: machine-readable output for scripts. */
    static final class Json {
        @Option(names = "--json", description = "Print JSON instead of text (for scripts).")
        boolean json;
    }
}
