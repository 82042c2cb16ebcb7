package org.jsrvany.installer;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jsrvany.core.service.RunState;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.service.ServiceManager;
import org.jsrvany.core.win32.Win32CallException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code upgrade [NAME...]}: points jsrvany services at this copy of jsrvany ({@link Upgrades} decides
 * which and how). All of them change in one {@link Transaction}: a failure half way takes back the
 * services already changed.
 */
@picocli.CommandLine.Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = {"Points jsrvany services at this copy of jsrvany: services that run another copy's launcher"
                + " (an older version unzipped elsewhere), a java.exe that no longer exists, or an older version's JVM"
                + " options get the ImagePath this copy writes. Run it after unzipping a new version, over the old one"
                + " or into a new folder. Without NAME it works on every jsrvany service.",
                "--dry-run lists the services and what would change. A running service takes the change when it is"
                        + " restarted (jsrvany restart NAME)."})
final class UpgradeCommand extends Command {
    @Parameters(arity = "0..*", paramLabel = "NAME", description = "The services to upgrade (default: every jsrvany"
            + " service).")
    List<String> names = new ArrayList<>();

    @Option(names = "--java", paramLabel = "JAVA_EXE", description = "The java.exe every re-pointed service runs."
            + " Default: a service keeps its own Java while that exists and is not the other copy's bundled runtime;"
            + " otherwise it runs this copy's default (its runtime\\, or the Java running this command).")
    String java;

    @Option(names = "--dry-run", description = "Print what would change, change nothing.")
    boolean dryRun;

    @Override
    public EnumSet<Exit> exits() {
        return EnumSet.of(Exit.INVALID, Exit.ACCESS_DENIED, Exit.NO_SUCH_SERVICE, Exit.MARKED_FOR_DELETION);
    }

    @Override
    String serviceName() {
        return names.size() == 1 ? names.get(0) : null;
    }

    @Override
    Exit run() {
        String launcher = ctx().layout().defaultLauncherJar().orElseThrow(() -> new InstallerException(Exit.INVALID,
                "Where is jsrvany-launcher.jar? Run upgrade with the jsrvany of the copy the services should run"
                        + " (its lib folder holds both jars)."));
        Upgrades.Here here = new Upgrades.Here(launcher, ctx().layout().javaExecutable());
        Optional<String> javaOverride = Optional.ofNullable(java).map(InstallCommand::absoluteIfRelativePath);
        List<String> problems = new ArrayList<>();
        Map<String, String> built = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<String> running = new ArrayList<>();
        // The ImagePaths the services will have: each names a class data archive to make or check (docs/startup.md).
        java.util.Set<String> archives = new java.util.LinkedHashSet<>();
        for (ServiceDefinition d : services()) {
            Upgrades.Verdict v = Upgrades.decide(d.imagePath(), here, javaOverride, UpgradeCommand::isFile,
                    (j, l) -> built.computeIfAbsent(j + "\n" + l, k -> Services.imagePath(ctx(), j, l, problems)));
            if (v instanceof Upgrades.Verdict.Repoint r) {
                steps.add(new Step.Repoint(d, r.imagePath()));
                archives.add(r.imagePath());
                String version = ImagePath.launcherJar(d.imagePath()).flatMap(Distribution::launcherVersion)
                        .map(x -> " [" + x + "]").orElse("");
                lines.add("  " + d.name() + ": " + String.join("; ", r.reasons()) + version);
                if (ctx().scm().status(d.name()).state() != RunState.STOPPED) {
                    running.add(d.name());
                }
            } else {
                archives.add(d.imagePath());
                lines.add("  " + d.name() + ": runs this copy already");
            }
        }
        if (!problems.isEmpty()) {
            throw InstallerException.of(Exit.INVALID, "Nothing was changed:", problems.stream().distinct().toList());
        }
        if (lines.isEmpty()) {
            out().println("No jsrvany services are installed.");
            return Exit.OK;
        }
        out().println("jsrvany services and this copy (" + launcher + "):");
        lines.forEach(out()::println);
        if (!dryRun) {
            // Also when nothing is re-pointed: a missing or stale archive (a Java updated in place) is made again.
            Map<String, String> byArchive = new LinkedHashMap<>();
            for (String imagePath : archives) {
                ImagePath.parse(imagePath).arguments().stream().filter(a -> a.startsWith(ImagePath.ARCHIVE_OPTION))
                        .findFirst().ifPresent(a -> byArchive.putIfAbsent(a.toLowerCase(Locale.ROOT), imagePath));
            }
            byArchive.values().forEach(imagePath -> Services.classDataArchive(ctx(), imagePath));
        }
        if (steps.isEmpty()) {
            out().println("Nothing to change.");
            return Exit.OK;
        }
        if (dryRun) {
            out().println("Would re-point " + count(steps.size()) + ":");
            steps.forEach(s -> out().println("  " + s.describe()));
            return Exit.OK;
        }
        out().println("Re-pointing " + count(steps.size()) + ":");
        Transaction.run(serviceName(), steps, ctx().backends(), out());
        out().println("Done." + (running.isEmpty() ? "" : " Running services take the change when restarted: "
                + String.join(", ", running.stream().map(n -> "jsrvany restart " + n).toList()) + "."));
        return Exit.OK;
    }

    /** The named services (each must be a jsrvany service), or every jsrvany service. */
    private List<ServiceDefinition> services() {
        ServiceManager scm = ctx().scm();
        if (!names.isEmpty()) {
            Map<String, ServiceDefinition> named = new LinkedHashMap<>();
            for (String n : names) {
                ServiceDefinition d = Services.require(ctx(), n);
                if (ImagePath.kind(d.imagePath()) != WrapperKind.JSRVANY) {
                    throw new InstallerException(Exit.INVALID, "'" + n + "' is not a jsrvany service (it runs "
                            + ImagePath.parse(d.imagePath()).program() + "): 'jsrvany adopt " + n + "' takes an srvany or"
                            + " NSSM service over. Nothing was changed.");
                }
                named.putIfAbsent(d.name().toLowerCase(Locale.ROOT), d);
            }
            return List.copyOf(named.values());
        }
        List<ServiceDefinition> all = new ArrayList<>();
        for (String n : scm.serviceNames()) {
            try {
                scm.find(n).filter(d -> ImagePath.kind(d.imagePath()) == WrapperKind.JSRVANY).ifPresent(all::add);
            } catch (Win32CallException e) {
                // A service we may not query (a protected one) or that vanished meanwhile: not ours to change.
                if (e.errorCode() != Failures.ERROR_ACCESS_DENIED && e.errorCode() != Failures.ERROR_SERVICE_DOES_NOT_EXIST
                        && e.errorCode() != Failures.ERROR_SERVICE_MARKED_FOR_DELETE) {
                    throw e;
                }
            }
        }
        return all;
    }

    private static String count(int n) {
        return n + " service" + (n == 1 ? "" : "s");
    }

    private static boolean isFile(String path) {
        try {
            return Files.isRegularFile(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
