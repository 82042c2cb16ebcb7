package org.jsrvany.installer;

import org.jsrvany.core.config.Param;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jsrvany.core.config.ConfigException;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.supervisor.StopLadder;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.SessionRule;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.config.StoredParameters;

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
            return ctx.loader().load(service, candidate.toSource(ctx.store().describe(service)));
        } catch (ConfigException e) {
            throw InstallerException.of(Exit.INVALID, "The configuration would not be valid, so nothing was changed:",
                    e.problems());
        }
    }

    /**
     * Refuses a program in a user's session ({@code AppSession} Console or Active) for any account but LocalSystem
     * ({@link SessionRule#accountRefusal}): {@link Exit#INVALID}, nothing changed.
     */
    static void requireSessionAccount(ServiceConfig config, String account) {
        SessionRule.accountRefusal(config.windows().session().mode(), account).ifPresent(why -> {
            throw new InstallerException(Exit.INVALID, why + " Nothing was changed.");
        });
    }

    /**
     * How long stopping may take: the stop ladder's worst case for the stored parameters (the one
     * reading and the one ladder the service uses), plus {@link #STOP_SLACK}.
     */
    static Duration stopBudget(StoredParameters stored) {
        return StopLadder.worstCase(ConfigLoader.stopPolicy(stored.toSource("the stored parameters"))).plus(STOP_SLACK);
    }

    /**
     * The ImagePath for the given (or default) java.exe and launcher jar, after checking both exist and
     * that JNA's native library is beside the launcher (the service loads it from there and from nowhere
     * else); problems are added as sentences. A java.exe in a folder named for its version gets a warning.
     */
    static String imagePath(Context ctx, String java, String launcher, List<String> problems) {
        String javaExe = java != null ? InstallCommand.absoluteIfRelativePath(java) : ctx.layout().javaExecutable();
        Optional<String> jar = launcher != null ? Optional.of(InstallCommand.absoluteIfRelativePath(launcher))
                : ctx.layout().defaultLauncherJar();
        JavaRuntime.Machine machine = isFile(javaExe) ? JavaRuntime.machineOf(javaExe) : JavaRuntime.Machine.UNKNOWN;
        if (!isFile(javaExe)) {
            problems.add("The Java runtime '" + javaExe + "' does not exist: give the java.exe the service should run"
                    + " with --java.");
        } else if (machine == JavaRuntime.Machine.X86) {
            problems.add("The Java runtime '" + javaExe + "' is 32-bit: jsrvany's service needs a 64-bit Java"
                    + " (x64 or ARM64). Give one with --java.");
        }
        String jnaFolder = jar.map(j -> Distribution.jnaFolder(j, machine)).orElse("");
        if (jar.isEmpty()) {
            problems.add("Where is jsrvany-launcher.jar? It is not beside jsrvany.jar: give it with --launcher.");
        } else if (!isFile(jar.get())) {
            problems.add("The launcher '" + jar.get() + "' does not exist: keep jsrvany-launcher.jar beside jsrvany.jar,"
                    + " or give its path with --launcher.");
        } else if (!isFile(Distribution.join(jnaFolder, Distribution.JNA_LIBRARY))) {
            problems.add("JNA's native library " + Distribution.join(jnaFolder, Distribution.JNA_LIBRARY) + " is"
                    + " missing: the service loads it from there, never from a temporary folder. Keep jsrvany's lib"
                    + " folder complete (jsrvany-launcher.jar with jnidispatch.dll), or unzip jsrvany again.");
        } else if (jnaFolder.indexOf(';') >= 0) {
            problems.add("The folder " + jnaFolder + " contains ';', which JNA reads as a list separator: put jsrvany"
                    + " in a folder without ';'.");
        }
        JavaRuntime.versionWarning(javaExe).ifPresent(w -> ctx.err().println("jsrvany: warning: " + w));
        try {
            return ImagePath.build(javaExe, jar.orElse(Distribution.LAUNCHER_JAR), jnaFolder.isEmpty() ? "." : jnaFolder);
        } catch (IllegalArgumentException e) {
            problems.add("The service's command line cannot be built: " + e.getMessage() + ".");
            return "";
        }
    }

    /**
     * Makes sure the class data archive {@code imagePath} names is there and usable (docs/startup.md): one line on
     * out when it was made or is current, a note on err when it cannot be made (the service starts without it).
     * Nothing for an ImagePath that names none.
     */
    static void classDataArchive(Context ctx, String imagePath) {
        ClassDataArchive.ensureFor(imagePath, ClassDataArchive.TIMEOUT).ifPresent(o -> {
            if (o instanceof ClassDataArchive.Outcome.NotMade) {
                ctx.err().println("jsrvany: note: " + o.describe() + ".");
            } else {
                ctx.out().println("  " + o.describe() + ".");
            }
        });
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
