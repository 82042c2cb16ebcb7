package org.jsrvany.installer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsrvany.core.config.ConfigException;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.StopPolicy;
import org.jsrvany.core.config.StopStep;
import org.jsrvany.installer.spi.ServiceDefinition;
import org.jsrvany.installer.spi.StoredParameters;

/** Lookups and checks several commands share. */
final class Services {
    /** Added to the stop ladder's own time: the JVM's start-up and shut-down, and the SCM's bookkeeping. */
    static final Duration STOP_SLACK = Duration.ofSeconds(30);

    private Services() {
    }

    /** The installed service, or {@link Exit#NO_SUCH_SERVICE}. */
    static ServiceDefinition require(Context ctx, String name) {
        ServiceNames.require(name);
        return ctx.scm().find(name).orElseThrow(() -> new InstallerException(Exit.NO_SUCH_SERVICE,
                "There is no service named '" + name + "': check the name with 'jsrvany list --all' (the service name,"
                        + " not the display name)."));
    }

    /**
     * Validates a candidate configuration exactly as the service will load it, before anything is
     * written; {@link Exit#INVALID} lists every problem.
     */
    static ServiceConfig validate(Context ctx, String service, StoredParameters candidate) {
        try {
            return ctx.loader().load(service, candidate.toSource("the parameters of '" + service + "'"));
        } catch (ConfigException e) {
            throw InstallerException.of(Exit.INVALID, "The configuration would not be valid, so nothing was changed:",
                    e.problems());
        }
    }

    /**
     * How long stopping may take: the stop ladder's waits that are not skipped
     * ({@code AppStopMethodConsole}, {@code AppStopMethodWindow}, {@code AppStopMethodThreads}), plus
     * {@link #STOP_SLACK}. Malformed or missing values count with their defaults.
     */
    static Duration stopBudget(StoredParameters stored) {
        long skipBits = dword(stored, Param.APP_STOP_METHOD_SKIP);
        StopPolicy policy = new StopPolicy(StopPolicy.skippedFromBits(skipBits),
                Duration.ofMillis(dword(stored, Param.APP_STOP_METHOD_CONSOLE)),
                Duration.ofMillis(dword(stored, Param.APP_STOP_METHOD_WINDOW)),
                Duration.ofMillis(dword(stored, Param.APP_STOP_METHOD_THREADS)), true);
        Duration total = STOP_SLACK;
        for (StopStep step : StopStep.values()) {
            if (!policy.skipped().contains(step)) {
                total = total.plus(policy.waitAfter(step));
            }
        }
        return total;
    }

    private static long dword(StoredParameters stored, Param p) {
        RawValue v = stored.values().get(p);
        if (v instanceof RawValue.Dword d) {
            return d.value();
        }
        return p.defaultText().map(Long::parseLong).orElse(0L);
    }

    /** Sentences about values the table does not know: they stay, and jsrvany ignores them. */
    static List<String> foreignNotes(StoredParameters stored) {
        List<String> notes = new ArrayList<>();
        stored.foreign().forEach((name, type) -> notes.add("'" + name + "' (" + type + ") is not a jsrvany parameter;"
                + " it stays in the registry and jsrvany ignores it."));
        return notes;
    }

    /**
     * The ImagePath for the given (or default) java.exe and launcher jar, after checking both exist;
     * problems are added as sentences.
     */
    static String imagePath(Context ctx, String java, String launcher, List<String> problems) {
        String javaExe = java != null ? InstallCommand.absoluteIfRelativePath(java) : ctx.layout().javaExecutable();
        Optional<String> jar = launcher != null ? Optional.of(InstallCommand.absoluteIfRelativePath(launcher))
                : ctx.layout().defaultLauncherJar();
        if (!isFile(javaExe)) {
            problems.add("The Java runtime '" + javaExe + "' does not exist: give the java.exe the service should run"
                    + " with --java.");
        }
        if (jar.isEmpty()) {
            problems.add("Where is jsrvany-launcher.jar? It is not beside jsrvany.jar: give it with --launcher.");
        } else if (!isFile(jar.get())) {
            problems.add("The launcher '" + jar.get() + "' does not exist: keep jsrvany-launcher.jar beside jsrvany.jar,"
                    + " or give its path with --launcher.");
        }
        try {
            return ImagePath.build(javaExe, jar.orElse("jsrvany-launcher.jar"), ctx.layout().jnaTmpDir().toString());
        } catch (IllegalArgumentException e) {
            problems.add("The service's command line cannot be built: " + e.getMessage() + ".");
            return "";
        }
    }

    private static boolean isFile(String path) {
        try {
            return java.nio.file.Files.isRegularFile(java.nio.file.Path.of(path));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** The stored value of a parameter, if any. */
    static Optional<RawValue> value(StoredParameters stored, Param p) {
        return Optional.ofNullable(stored.values().get(p));
    }
}
