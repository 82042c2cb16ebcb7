package org.jsrvany.installer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.service.RunState;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.config.StoredParameters;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code adopt NAME}: points an srvany, srvany-ng or NSSM service's ImagePath at jsrvany and keeps its
 * parameters (their names are the same). srvany-ng's environment merge is kept by writing
 * {@code OverrideEnvironment=0}; where the old wrapper behaved differently in ways a value cannot
 * express, a note says so and how to choose.
 */
@picocli.CommandLine.Command(name = "adopt", mixinStandardHelpOptions = true,
        description = {"Takes over an existing srvany, srvany-ng or NSSM service: its ImagePath is pointed at jsrvany,"
                + " its parameters are kept (srvany-ng's environment merge is translated), and what behaves"
                + " differently is explained. --dry-run shows it all without changing anything."})
final class AdoptCommand extends Command {
    enum From { srvany, srvany_ng, nssm }

    @Parameters(index = "0", paramLabel = "NAME", description = "The service name.")
    String name;

    @Option(names = "--dry-run", description = "Print what would change, change nothing.")
    boolean dryRun;

    @Option(names = "--from", paramLabel = "WRAPPER", description = "What the service runs now, when its ImagePath"
            + " does not tell (a renamed exe): srvany, srvany-ng or nssm.")
    String from;

    @Option(names = "--java", paramLabel = "JAVA_EXE", description = "The java.exe the service runs. Default: the one"
            + " running this command.")
    String java;

    @Option(names = "--launcher", paramLabel = "JAR", description = "The jsrvany-launcher.jar the service runs."
            + " Default: the one beside jsrvany.jar.")
    String launcher;

    @Override
    public EnumSet<Exit> exits() {
        return EnumSet.of(Exit.INVALID, Exit.ACCESS_DENIED, Exit.NO_SUCH_SERVICE, Exit.MARKED_FOR_DELETION);
    }

    @Override
    String serviceName() {
        return name;
    }

    @Override
    Exit run() {
        ServiceDefinition installed = Services.require(ctx(), name);
        WrapperKind detected = ImagePath.kind(installed.imagePath());
        if (detected == WrapperKind.JSRVANY) {
            out().println("'" + name + "' already runs jsrvany; nothing to adopt.");
            return Exit.OK;
        }
        StoredParameters stored = ctx().store().read(name);
        List<String> notes = new ArrayList<>();
        WrapperKind kind = wrapper(installed, detected, stored, notes);

        Map<Param, Optional<RawValue>> changes = new EnumMap<>(Param.class);
        translate(kind, stored, changes, notes);
        stored.ignoredValues(ctx().store().describe(name)).forEach(notes::add);

        List<String> problems = new ArrayList<>();
        String imagePath = Services.imagePath(ctx(), java, launcher, problems);
        ParamCommands.failOn(problems);
        Services.validate(ctx(), name, InstallCommand.overlay(stored, changes, Optional.empty()));

        ServiceDefinition wanted = installed.withImagePath(imagePath);
        List<Step> steps = Plan.steps(Optional.of(installed), stored, new Plan.Wanted(wanted, changes, Optional.empty()),
                Optional.empty(), Optional.empty(), !InstallCommand.eventSourceRegistered(ctx(), name));
        out().println((dryRun ? "Would adopt '" : "Adopting '") + name + "' (" + kind.word() + " -> jsrvany):");
        if (dryRun) {
            steps.forEach(s -> out().println("  " + s.describe()));
        } else {
            Transaction.run(name, steps, ctx().backends(), out());
            Services.classDataArchive(ctx(), imagePath);
        }
        AuditCommand.warn(ctx(), wanted, InstallCommand.overlay(stored, changes, Optional.empty()));
        notes.forEach(n -> out().println("  note: " + n));
        out().println("The old ImagePath, to go back: sc config \"" + name + "\" binPath= \""
                + installed.imagePath().replace("\"", "\\\"") + "\"");
        if (!dryRun) {
            RunState state = ctx().scm().status(name).state();
            out().println("Adopted '" + name + "'." + (state == RunState.STOPPED ? " Start it with 'jsrvany start " + name + "'."
                    : " It still runs " + kind.word() + " until restarted: jsrvany restart " + name));
        }
        return Exit.OK;
    }

    private WrapperKind wrapper(ServiceDefinition installed, WrapperKind detected, StoredParameters stored, List<String> notes) {
        if (from != null) {
            String f = from.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            return switch (f) {
                case "srvany" -> WrapperKind.SRVANY;
                case "srvany-ng" -> WrapperKind.SRVANY_NG;
                case "nssm" -> WrapperKind.NSSM;
                default -> throw new InstallerException(Exit.INVALID, "--from '" + from + "' is not srvany, srvany-ng or nssm.");
            };
        }
        if (detected == WrapperKind.OTHER) {
            throw new InstallerException(Exit.INVALID, "'" + name + "' runs " + ImagePath.parse(installed.imagePath()).program()
                    + ", which is not srvany, srvany-ng or NSSM. If it is one of them under another name, say which with"
                    + " --from; otherwise install a new jsrvany service instead.");
        }
        boolean ngValues = stored.values().containsKey(Param.OVERRIDE_ENVIRONMENT)
                || stored.values().containsKey(Param.RESTART_ON_EXIT) || stored.values().containsKey(Param.TERMINATE_SUB_PROCESSES);
        if (detected == WrapperKind.SRVANY && ngValues) {
            notes.add("its parameters include srvany-ng's own values, so it is taken as srvany-ng (say --from srvany"
                    + " otherwise).");
            return WrapperKind.SRVANY_NG;
        }
        return detected;
    }

    /** The parameter changes that keep the old wrapper's meaning, and notes for what cannot be kept by a value. */
    static void translate(WrapperKind kind, StoredParameters stored, Map<Param, Optional<RawValue>> changes,
                          List<String> notes) {
        boolean hasExit = !stored.exitActions().isEmpty();
        if (kind == WrapperKind.SRVANY_NG) {
            if (stored.values().containsKey(Param.APP_ENVIRONMENT) && !stored.values().containsKey(Param.OVERRIDE_ENVIRONMENT)) {
                changes.put(Param.OVERRIDE_ENVIRONMENT, Optional.of(new RawValue.Dword(0)));
                notes.add("srvany-ng merged AppEnvironment into the system environment; OverrideEnvironment=0 keeps"
                        + " that (jsrvany, like srvany and NSSM, would otherwise replace the environment).");
            }
            if (!hasExit && !stored.values().containsKey(Param.RESTART_ON_EXIT)) {
                notes.add("without RestartOnExit srvany-ng stopped the service when the program exited; jsrvany restarts"
                        + " it (NSSM's default). To stop instead: jsrvany set NAME RestartOnExit 0");
            }
            if (!stored.values().containsKey(Param.APP_KILL_PROCESS_TREE)
                    && !stored.values().containsKey(Param.TERMINATE_SUB_PROCESSES)) {
                notes.add("without TerminateSubProcesses srvany-ng stopped only the program itself; jsrvany stops its"
                        + " whole process tree. To keep the old way: jsrvany set NAME AppKillProcessTree 0");
            }
        }
        if (kind == WrapperKind.SRVANY) {
            if (!hasExit) {
                notes.add("srvany kept reporting RUNNING after the program exited; jsrvany restarts it (NSSM's default)."
                        + " To keep srvany's way: jsrvany set NAME AppExit Ignore");
            }
            if (!stored.values().containsKey(Param.APP_KILL_PROCESS_TREE)) {
                notes.add("srvany stopped only the program itself; jsrvany stops its whole process tree.");
            }
        }
        if ((kind == WrapperKind.SRVANY || kind == WrapperKind.SRVANY_NG) && !stored.values().containsKey(Param.APP_DIRECTORY)) {
            notes.add("without AppDirectory " + kind.word() + " ran the program in C:\\Windows\\System32; jsrvany runs it"
                    + " in the program's own folder (NSSM's choice). To keep the old folder: jsrvany set NAME"
                    + " AppDirectory %SystemRoot%\\System32");
        }
        if (kind == WrapperKind.SRVANY || kind == WrapperKind.SRVANY_NG) {
            notes.add("stop is now graceful first (Ctrl+C, WM_CLOSE, WM_QUIT, then terminate, each waiting 1.5 s);"
                    + " " + kind.word() + " terminated the program at once.");
        }
    }

}
