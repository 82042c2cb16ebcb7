package org.jsrvany.installer;

import org.jsrvany.core.service.DataFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.security.AccessControl;
import org.jsrvany.core.security.DataFolderGuard;
import org.jsrvany.core.service.EventSources;
import org.jsrvany.core.service.LogonCheck;
import org.jsrvany.core.service.RunState;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.service.ServiceManager;
import org.jsrvany.core.config.StoredParameters;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code install NAME APPLICATION [ARGS...]}: creates a jsrvany service, or brings an existing one to
 * the settings given. Everything is validated before the first change; the changes are a
 * {@link Transaction}, so a failure half way leaves the service as it was (a service this run created
 * is removed again). Running it twice with the same settings changes nothing.
 */
@picocli.CommandLine.Command(name = "install", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = {"jsrvany install [OPTIONS] NAME [APPLICATION] [-- ARGS...]",
                "jsrvany install [SERVICE OPTIONS] NAME --config FILE"},
        description = {"Installs a program as a jsrvany service, or updates an installed jsrvany service to the settings"
                + " given (options not given keep their values; running the same command again changes nothing).",
                "Arguments for the program go after --: install MyApp C:\\app\\app.exe -- --port 8080",
                "Everything is checked before anything is written, and a failure half way undoes what this run did.",
                "With --config FILE the service's parameters become exactly those of the properties file; exit 0"
                        + " when something was installed or changed, 50 when nothing needed to change."})
final class InstallCommand extends Command {
    @Parameters(index = "0", paramLabel = "NAME", description = "The service name (the registry key's name).")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "APPLICATION", description = "The program to run"
            + " (Application). May be left out to change an installed service's other settings.")
    String application;

    @Parameters(index = "2..*", paramLabel = "ARGS", description = "Arguments for the program, quoted for it as"
            + " Windows programs expect (AppParameters).")
    List<String> args = new ArrayList<>();

    @Option(names = "--arguments", paramLabel = "RAW", description = "AppParameters as one raw string, exactly as the"
            + " program's command line should continue (instead of ARGS).")
    String rawArguments;

    @Mixin
    ParameterOptions parameters;

    @Mixin
    ServiceOptions settings;

    @Option(names = "--java", paramLabel = "JAVA_EXE", description = "The java.exe the service runs. Default: the one"
            + " running this command.")
    String java;

    @Option(names = "--launcher", paramLabel = "JAR", description = "The jsrvany-launcher.jar the service runs."
            + " Default: the one beside jsrvany.jar.")
    String launcher;

    @Option(names = "--config", paramLabel = "FILE", description = "Install or update the service from a properties"
            + " file with the parameter names (the file 'test --config' runs and 'dump --format properties' writes):"
            + " the service's parameters become exactly the file's. Exit 50 when nothing needed to change.")
    Path config;

    @Option(names = "--force", description = "Take over an existing service that is not a jsrvany service (its"
            + " ImagePath is replaced; 'adopt' keeps srvany/NSSM parameters and is usually what you want).")
    boolean force;

    @Option(names = "--dry-run", description = "Print what would change, change nothing.")
    boolean dryRun;

    @Option(names = "--allow-weak-acl", description = "Install even when a non-administrator can change what the"
            + " service runs (java.exe, the launcher jar, the Application, their folders, the service's keys): the"
            + " findings are printed as warnings instead ('jsrvany audit NAME' lists them again).")
    boolean allowWeakAcl;

    @Override
    public EnumSet<Exit> exits() {
        return EnumSet.of(Exit.INVALID, Exit.ACCESS_DENIED, Exit.SERVICE_EXISTS, Exit.MARKED_FOR_DELETION, Exit.ACCOUNT,
                Exit.DEPENDENCY, Exit.UNSUPPORTED, Exit.NO_CHANGE);
    }

    @Override
    String serviceName() {
        return name;
    }

    @Override
    Exit run() {
        ServiceNames.require(name);
        List<String> problems = new ArrayList<>();
        ParameterOptions.Result given = parameters.collect(problems);
        Map<Param, Optional<RawValue>> values = new EnumMap<>(Param.class);
        values.putAll(given.values());
        Optional<Map<String, String>> exitActions = given.exitActions();
        if (config == null) {
            applicationAndArguments(values, problems);
        } else {
            exitActions = fromConfigFile(values, given, problems);
        }

        ServiceManager scm = ctx().scm();
        Optional<ServiceDefinition> installed = scm.find(name);
        if (installed.isPresent()) {
            WrapperKind kind = ImagePath.kind(installed.get().imagePath());
            if (kind != WrapperKind.JSRVANY && !force) {
                throw new InstallerException(Exit.SERVICE_EXISTS, "A service named '" + name + "' already exists and"
                        + " runs " + (kind == WrapperKind.OTHER ? installed.get().imagePath() : kind.word())
                        + ", not jsrvany: choose another name"
                        + (kind.adoptable() ? ", or take it over with its parameters: jsrvany adopt " + name : "")
                        + " (or replace its settings with --force).");
            }
        } else if (application == null && config == null) {
            problems.add("The service '" + name + "' is not installed yet: give the program to run after the name"
                    + " (jsrvany install " + name + " C:\\path\\to\\program.exe).");
        }
        String imagePath = Services.imagePath(ctx(), java, launcher, problems);
        ServiceDefinition base = installed.orElse(ServiceOptions.defaults(name, imagePath)).withImagePath(imagePath);
        ServiceDefinition wanted = settings.apply(base, problems);
        if (!problems.isEmpty()) {
            throw InstallerException.of(Exit.INVALID, "Nothing was changed:", problems);
        }

        StoredParameters stored = installed.isPresent() ? ctx().store().read(name) : StoredParameters.none();
        StoredParameters candidate = overlay(stored, values, exitActions);
        Services.requireSessionAccount(Services.validate(ctx(), name, candidate), wanted.account());
        checkDependencies(scm, wanted);
        audit(wanted, candidate, installed.isPresent());

        Optional<char[]> password = Optional.empty();
        try {
            Optional<String> grant = Optional.empty();
            boolean accountChanges = installed.isEmpty() || !Accounts.same(installed.get().account(), wanted.account());
            if (Accounts.needsPassword(wanted.account())
                    && (accountChanges || settings.changePassword || settings.passwordStdin)) {
                password = Optional.of(PasswordInput.read(ctx(), wanted.account(), settings.passwordStdin));
                grant = checkLogon(scm, wanted.account(), password.get());
            } else if (settings.passwordStdin || settings.changePassword) {
                err().println("jsrvany: note: " + wanted.account() + " needs no password; none was asked for.");
            }

            List<Step> steps = Plan.steps(installed, stored, new Plan.Wanted(wanted, values, exitActions),
                    password, grant, !eventSourceRegistered(ctx(), name));
            return apply(installed, stored, steps, wanted.account());
        } finally {
            // Wiped on every path, also when the logon check refuses the password.
            password.ifPresent(p -> Arrays.fill(p, '\0'));
        }
    }

    private Exit apply(Optional<ServiceDefinition> installed, StoredParameters stored, List<Step> steps,
                       String account) {
        if (steps.isEmpty()) {
            out().println("'" + name + "' is already installed with these settings; nothing to change"
                    + (config == null ? "." : " (no change)."));
            return config == null ? Exit.OK : Exit.NO_CHANGE;
        }
        if (dryRun) {
            out().println((installed.isEmpty() ? "Would install '" : "Would change '") + name + "':");
            steps.forEach(s -> out().println("  " + s.describe()));
            return Exit.OK;
        }
        prepareFolders(account);
        out().println((installed.isEmpty() ? "Installing '" : "Updating '") + name + "':");
        Transaction.run(name, steps, ctx().backends(), out());
        Services.classDataArchive(ctx(), ctx().scm().find(name).map(ServiceDefinition::imagePath).orElse(""));
        stored.ignoredValues(ctx().store().describe(name)).forEach(n -> err().println("jsrvany: note: " + n));
        if (installed.isEmpty()) {
            out().println("Installed '" + name + "'. Try it in the foreground with 'jsrvany test " + name
                    + "', start it with 'jsrvany start " + name + "'.");
        } else {
            RunState state = ctx().scm().status(name).state();
            out().println("Updated '" + name + "' (" + steps.size() + " change" + (steps.size() == 1 ? "" : "s") + ")."
                    + (state == RunState.STOPPED ? "" : " It is " + state + ": restart it for the changes to take"
                    + " effect (jsrvany restart " + name + ")."));
        }
        return Exit.OK;
    }

    /**
     * What the service will run, checked before anything changes ({@link Audit}): refused with
     * {@link Exit#INVALID} when a non-administrator can change it, unless {@code --allow-weak-acl}.
     */
    private void audit(ServiceDefinition wanted, StoredParameters candidate, boolean exists) {
        Audit.Report r = AuditCommand.report(ctx(), wanted, candidate, exists);
        if (r.findings().isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        r.findings().forEach(f -> lines.add(f.text() + System.lineSeparator() + "    fix: " + f.fix()));
        String heading = "'" + name + "' would run as " + wanted.account() + ", and " + Audit.gain(wanted.account())
                + ". These can be changed by non-administrators:";
        if (!allowWeakAcl) {
            throw InstallerException.of(Exit.INVALID, heading, lines).withTail("Nothing was changed. Fix them (from an"
                    + " elevated prompt) and run install again, or install anyway with --allow-weak-acl.");
        }
        err().println("jsrvany: warning: " + heading);
        lines.forEach(l -> err().println("  - " + l));
    }

    /**
     * Whether nothing is left to register: the service's own source is there, or its name belongs to
     * another program and the shared {@code jsrvany} source is there. The shared source is only for
     * names that are taken, so other services still get sources of their own.
     */
    static boolean eventSourceRegistered(Context ctx, String service) {
        EventSources events = ctx.backends().events();
        return events.isRegistered(service) || (events.exists(service) && events.isRegistered(EventSources.FALLBACK));
    }

    /**
     * {@code --config FILE}: every parameter of the table from the file (those it does not set are
     * removed), the {@code AppExit} table from it. The program and its parameters come only from the file,
     * so positional arguments and parameter options beside it are refused rather than silently merged.
     */
    private Optional<Map<String, String>> fromConfigFile(Map<Param, Optional<RawValue>> values,
                                                        ParameterOptions.Result given, List<String> problems) {
        if (application != null || !args.isEmpty() || rawArguments != null || !given.values().isEmpty()
                || given.exitActions().isPresent()) {
            problems.add("With --config the program, its arguments and every parameter come from the file: give them"
                    + " there, not as arguments or parameter options (service options such as --start and --account"
                    + " are fine).");
        }
        Optional<ConfigFile.Wanted> file = ConfigFile.read(config, problems);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        values.putAll(file.get().values());
        if (file.get().values().get(Param.APPLICATION).isEmpty()) {
            problems.add("Application is not set in " + config.toAbsolutePath().normalize() + ": a service needs the"
                    + " program it runs (Application=C:\\path\\to\\program.exe).");
        }
        return Optional.of(file.get().exitActions());
    }

    /** Application and AppParameters from the positional arguments; relative paths are made absolute here. */
    private void applicationAndArguments(Map<Param, Optional<RawValue>> values, List<String> problems) {
        values.computeIfPresent(Param.APP_DIRECTORY, (p, v) ->
                v.map(t -> new RawValue.Text(absoluteIfRelativePath(((RawValue.Text) t).value()), true)));
        if (rawArguments != null && !args.isEmpty()) {
            problems.add("Give the program's arguments either after the program or with --arguments, not both.");
        }
        if (application == null) {
            if (!args.isEmpty() || rawArguments != null) {
                problems.add("Arguments need the program: jsrvany install " + name + " PROGRAM ARGS...");
            }
            return;
        }
        if (values.containsKey(Param.APPLICATION) || values.containsKey(Param.APP_PARAMETERS)) {
            problems.add("Application and AppParameters are given by the positional arguments; do not set them with --param.");
        }
        values.put(Param.APPLICATION, Optional.of(new RawValue.Text(absoluteIfRelativePath(application), true)));
        String raw = rawArguments != null ? rawArguments : WindowsCommandLine.joinArguments(args);
        values.put(Param.APP_PARAMETERS, raw.isEmpty() ? Optional.empty() : Optional.of(new RawValue.Text(raw, true)));
    }

    /** A bare program name stays (it is searched on PATH); a relative path is taken from the current folder. */
    static String absoluteIfRelativePath(String path) {
        if (path.indexOf('/') < 0 && path.indexOf('\\') < 0 || path.contains("%")) {
            return path;
        }
        try {
            Path p = Path.of(path);
            return p.isAbsolute() ? path : p.toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            return path; // the validator names the problem
        }
    }

    /** The stored parameters with the wanted changes applied: what the service will read. */
    static StoredParameters overlay(StoredParameters stored, Map<Param, Optional<RawValue>> changes,
                                    Optional<Map<String, String>> exitActions) {
        Map<Param, RawValue> values = new EnumMap<>(Param.class);
        values.putAll(stored.values());
        changes.forEach((p, v) -> {
            if (v.isPresent()) {
                values.put(p, v.get());
            } else {
                values.remove(p);
            }
        });
        return new StoredParameters(values, exitActions.orElse(stored.exitActions()), stored.foreign(), true);
    }

    private void checkDependencies(ServiceManager scm, ServiceDefinition wanted) {
        List<String> missing = new ArrayList<>();
        for (String dep : wanted.dependencies()) {
            if (!dep.startsWith("+") && scm.find(dep).isEmpty()) {
                missing.add(dep);
            }
        }
        if (!missing.isEmpty()) {
            throw new InstallerException(Exit.DEPENDENCY, "'" + name + "' would depend on " + String.join(", ", missing)
                    + ", which " + (missing.size() == 1 ? "is" : "are") + " not installed: check the names with"
                    + " 'jsrvany list --all' (service names, not display names). Nothing was changed.");
        }
    }

    /** Checks the password before anything is written; returns the account to grant the right to, if asked. */
    private Optional<String> checkLogon(ServiceManager scm, String account, char[] password) {
        LogonCheck check = scm.checkLogon(account, password);
        return switch (check) {
            case OK -> Optional.empty();
            case UNKNOWN -> {
                err().println("jsrvany: note: this system cannot check the password of " + account + " beforehand;"
                        + " a wrong one shows when the service starts (error 1069).");
                yield Optional.empty();
            }
            case WRONG_PASSWORD -> throw new InstallerException(Exit.ACCOUNT, "Windows refused the password for "
                    + account + " (or the account does not exist): run the command again with the right password."
                    + " Nothing was changed.");
            case ACCOUNT_RESTRICTED -> throw new InstallerException(Exit.ACCOUNT, "The account " + account + " cannot"
                    + " log on now (disabled, locked out, or its password expired): fix the account first. Nothing was"
                    + " changed.");
            case NO_SERVICE_LOGON_RIGHT -> {
                if (settings.grantLogonRight) {
                    yield Optional.of(account);
                }
                throw new InstallerException(Exit.ACCOUNT, "The account " + account + " lacks the 'Log on as a"
                        + " service' right: add --grant-logon-right, or grant it in secpol.msc (Local Policies > User"
                        + " Rights Assignment > Log on as a service). Nothing was changed.");
            }
        };
    }

    /**
     * jsrvany's folders ({@link DataFolders}) by {@link org.jsrvany.core.security.FolderPolicy}'s rule, before
     * the service is changed: owner Administrators and exactly jsrvany's entries on {@code jsrvany},
     * {@code logs} and {@code state}, and this service's own {@code logs\<name>} and {@code state\<name>}
     * writable by its account. A folder that cannot be used or made safe stops the install
     * ({@link Exit#INVALID}) with what to do; nothing of the service has changed then.
     */
    private void prepareFolders(String account) {
        DataFolders folders = ctx().layout().folders();
        Optional<AccessControl> access = Optional.of(ctx().access().get());
        Optional<String> sid;
        try {
            sid = Optional.of(AccessControl.sidOf(account, access));
        } catch (IllegalArgumentException e) {
            throw new InstallerException(Exit.ACCOUNT, e.getMessage() + " Nothing was changed.", e);
        }
        try {
            new DataFolderGuard(access).prepareForInstall(folders, name, sid, ctx().clock().instant())
                    .forEach(n -> err().println("jsrvany: note: " + n));
        } catch (IOException e) {
            throw new InstallerException(Exit.INVALID, "jsrvany's folder " + folders.root() + " cannot be used: "
                    + e.getMessage() + " The service was not changed.", e);
        }
    }
}
