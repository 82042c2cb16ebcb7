package org.jsrvany.installer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.jsrvany.core.config.ConfigException;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.StoredParameters;
import org.jsrvany.core.security.AccessControl;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.service.ServiceManager;
import org.jsrvany.core.win32.Win32CallException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code audit [NAME...]}: whether anyone but an administrator can change what a service runs
 * ({@link Audit}); {@code --all} also looks at every other service's ImagePath for the unquoted-path hole.
 * The same check runs in {@code install} (which refuses), {@code adopt} and {@code set} (which warn).
 */
@picocli.CommandLine.Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks what services run: java.exe and the JVM, the launcher jar, the Application, the folders"
                + " holding them and every folder above, and the service's registry keys. Anything Users, Authenticated"
                + " Users, Everyone or INTERACTIVE can change is reported with who can change it and the command that"
                + " fixes it.",
                "Without NAME: every jsrvany service. --all: also srvany, srvany-ng and NSSM services, and every"
                        + " service's ImagePath for the unquoted-path hole."})
final class AuditCommand extends Command {
    @Parameters(arity = "0..*", paramLabel = "NAME", description = "The services to check (default: every jsrvany service).")
    List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "Also srvany, srvany-ng and NSSM services, and unquoted ImagePaths of every"
            + " service on this machine.")
    boolean all;

    @Option(names = "--verbose", description = "Also list everything that was checked and found in order.")
    boolean verbose;

    @Override
    public EnumSet<Exit> exits() {
        return EnumSet.of(Exit.ACCESS_DENIED, Exit.NO_SUCH_SERVICE, Exit.UNSUPPORTED, Exit.AUDIT_FINDINGS);
    }

    @Override
    String serviceName() {
        return names.size() == 1 ? names.get(0) : null;
    }

    @Override
    Exit run() {
        ServiceManager scm = ctx().scm();
        AccessControl access = ctx().access().get();
        List<ServiceDefinition> services = new ArrayList<>();
        for (String n : names) {
            services.add(Services.require(ctx(), n));
        }
        List<ServiceDefinition> others = new ArrayList<>();
        if (names.isEmpty() || all) {
            for (String n : scm.serviceNames()) {
                Optional<ServiceDefinition> d = find(scm, n);
                if (d.isEmpty() || names.stream().anyMatch(x -> x.equalsIgnoreCase(n))) {
                    continue;
                }
                WrapperKind kind = ImagePath.kind(d.get().imagePath());
                boolean wrapped = kind == WrapperKind.JSRVANY || kind.adoptable();
                if (all ? wrapped : kind == WrapperKind.JSRVANY) {
                    services.add(d.get());
                } else if (all) {
                    others.add(d.get());
                }
            }
        }
        int findings = 0;
        if (services.isEmpty() && !all) {
            out().println("No jsrvany services are installed (--all also checks srvany, srvany-ng and NSSM ones, and"
                    + " every service's ImagePath).");
        }
        for (ServiceDefinition d : services) {
            Audit.Report r = report(ctx(), d, storedOrNone(d.name()), true);
            print(r, verbose);
            findings += r.findings().size();
            Optional<Audit.Finding.Unquoted> u = Audit.unquoted(d.name(), d.imagePath(), access, this::expand);
            if (u.isPresent()) {
                printFinding("UNQUOTED", u.get());
                findings++;
            }
        }
        if (all) {
            List<Audit.Finding.Unquoted> unquoted = new ArrayList<>();
            for (ServiceDefinition d : others) {
                Audit.unquoted(d.name(), d.imagePath(), access, this::expand).ifPresent(unquoted::add);
            }
            out().println("Unquoted ImagePaths of the other " + others.size() + " services: "
                    + (unquoted.isEmpty() ? "none." : unquoted.size() + "."));
            unquoted.forEach(u -> printFinding("UNQUOTED", u));
            findings += unquoted.size();
        }
        if (findings == 0) {
            out().println("Nothing a non-administrator can change was found.");
            return Exit.OK;
        }
        out().println(findings + " finding" + (findings == 1 ? "" : "s") + ": run the fix commands from an elevated"
                + " prompt, then 'jsrvany audit' again.");
        return Exit.AUDIT_FINDINGS;
    }

    private String expand(String text) {
        return Audit.expand(text, ctx().environment());
    }

    private StoredParameters storedOrNone(String name) {
        try {
            return ctx().store().read(name);
        } catch (Win32CallException e) {
            return StoredParameters.none(); // no Parameters key: nothing but the ImagePath to check
        }
    }

    private static Optional<ServiceDefinition> find(ServiceManager scm, String name) {
        try {
            return scm.find(name);
        } catch (Win32CallException e) {
            // A service we may not query (access denied on a protected one) or that vanished: skip it.
            if (e.errorCode() != Failures.ERROR_ACCESS_DENIED && e.errorCode() != Failures.ERROR_SERVICE_DOES_NOT_EXIST
                    && e.errorCode() != Failures.ERROR_SERVICE_MARKED_FOR_DELETE) {
                throw e;
            }
            return Optional.empty();
        }
    }

    private void print(Audit.Report r, boolean everything) {
        out().println("'" + r.service() + "' runs as " + r.account() + ": " + Audit.gain(r.account()) + ".");
        for (Audit.Finding f : r.findings()) {
            printFinding(f instanceof Audit.Finding.Unreadable ? "UNREADABLE" : "WEAK", f);
        }
        r.notes().forEach(n -> out().println("  note: " + n));
        if (everything) {
            for (Audit.Target t : r.checked()) {
                boolean flagged = r.findings().stream().anyMatch(f -> f.text().startsWith(t.object() + " ("));
                if (!flagged) {
                    out().println("  ok: " + t.object() + " (" + t.what() + ")");
                }
            }
        }
        long files = r.checked().stream().filter(t -> !t.registry()).count();
        long keys = r.checked().size() - files;
        out().println("  checked " + files + " files and folders" + (keys > 0 ? " and " + keys + " registry keys" : "")
                + ": " + (r.findings().isEmpty() ? "nothing a non-administrator can change"
                : r.findings().size() + " finding" + (r.findings().size() == 1 ? "" : "s")) + ".");
    }

    private void printFinding(String label, Audit.Finding f) {
        out().println("  " + label + " " + f.text());
        out().println("    fix: " + f.fix());
    }

    /**
     * The audit of one service as it is, or as a command is about to make it ({@code install},
     * {@code adopt}, {@code set}).
     *
     * @param stored      the Parameters the service has (or will have)
     * @param serviceExists whether its registry keys are there to be checked
     */
    static Audit.Report report(Context ctx, ServiceDefinition d, StoredParameters stored, boolean serviceExists) {
        Optional<String> application = application(ctx, d.name(), stored);
        List<Audit.Target> targets = Audit.targets(d.name(), d.imagePath(), application,
                serviceExists, t -> Audit.expand(t, ctx.environment()));
        Optional<String> envFile = environmentFile(ctx, stored, application);
        if (envFile.isPresent()) {
            targets = Audit.plusFile(targets, envFile.get(), "AppEnvironmentFile");
        }
        return Audit.check(d.name(), d.account(), targets, ctx.access().get());
    }

    /**
     * {@code AppEnvironmentFile} as a full path: as stored when absolute, else from {@code AppDirectory}
     * (or the Application's folder, its default), as the loader takes it.
     */
    static Optional<String> environmentFile(Context ctx, StoredParameters stored, Optional<String> application) {
        if (!(stored.values().get(Param.APP_ENVIRONMENT_FILE) instanceof RawValue.Text t) || t.value().isBlank()) {
            return Optional.empty();
        }
        String file = Audit.expand(t.value().strip(), ctx.environment());
        if (isAbsolute(file)) {
            return Optional.of(file);
        }
        Optional<String> dir = stored.values().get(Param.APP_DIRECTORY) instanceof RawValue.Text d && !d.value().isBlank()
                ? Optional.of(Audit.expand(d.value().strip(), ctx.environment()))
                : application.flatMap(a -> Optional.ofNullable(java.nio.file.Path.of(a).getParent()).map(Object::toString));
        return dir.filter(AuditCommand::isAbsolute).map(x -> x + (x.endsWith("\\") || x.endsWith("/") ? "" : ctx.windowsRules() ? "\\" : "/") + file);
    }

    private static boolean isAbsolute(String path) {
        return path.startsWith("/") || path.startsWith("\\\\") || path.length() >= 3 && path.charAt(1) == ':'
                && (path.charAt(2) == '\\' || path.charAt(2) == '/');
    }

    /** The Application the service runs: as the loader resolves it, else as stored when it is absolute. */
    static Optional<String> application(Context ctx, String name, StoredParameters stored) {
        try {
            ConfigLoader quiet = new ConfigLoader(ctx.environment(), ctx.windowsRules(), w -> { });
            return Optional.of(quiet.load(name, stored.toSource("the Parameters of '" + name + "'")).application().toString());
        } catch (ConfigException | RuntimeException e) {
            RawValue v = stored.values().get(Param.APPLICATION);
            if (v instanceof RawValue.Text t && (t.value().contains("\\") || t.value().contains("/"))) {
                return Optional.of(Audit.expand(t.value(), ctx.environment()));
            }
            return Optional.empty();
        }
    }

    /**
     * For {@code adopt} and {@code set}: the service's audit after the change, as warnings on
     * {@code err}; nothing when it is clean.
     */
    static void warn(Context ctx, ServiceDefinition d, StoredParameters stored) {
        Audit.Report r;
        try {
            r = report(ctx, d, stored, true);
        } catch (RuntimeException e) {
            // The change is made; a check that cannot run must not make it look failed.
            ctx.err().println("jsrvany: note: could not check who can change what '" + d.name() + "' runs (" + e.getMessage()
                    + "); run 'jsrvany audit " + d.name() + "'.");
            return;
        }
        if (r.findings().isEmpty()) {
            return;
        }
        ctx.err().println("jsrvany: warning: '" + d.name() + "' runs as " + d.account() + ", and " + Audit.gain(d.account())
                + "; these can be changed by non-administrators:");
        for (Audit.Finding f : r.findings()) {
            ctx.err().println("  " + f.text());
            ctx.err().println("    fix: " + f.fix());
        }
    }
}
