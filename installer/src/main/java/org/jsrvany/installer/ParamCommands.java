package org.jsrvany.installer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.ParamKind;
import org.jsrvany.core.config.ParameterStore;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.service.StartType;
import org.jsrvany.core.config.StoredParameters;
import picocli.CommandLine.Parameters;

/**
 * {@code get}, {@code set} and {@code reset}: one parameter at a time, with the table's names, types
 * and validation. A value is refused before anything is written when the configuration it makes would
 * not load.
 */
final class ParamCommands {
    private ParamCommands() {
    }

    /** What a PARAM argument names. */
    sealed interface Target {
        /** A parameter of the table (not AppExit). */
        record Table(Param param) implements Target {
        }

        /** The whole AppExit table. */
        record ExitTableTarget() implements Target {
        }

        /** One AppExit entry ({@code ""} for the default). */
        record ExitEntry(String code) implements Target {
        }

        /** A setting of the service key itself. */
        record Setting(ServiceKeyValue setting) implements Target {
        }

        /** The service key's own {@code Environment} (REG_MULTI_SZ the service manager gives the service process). */
        record ServiceEnvironment() implements Target {
        }
    }

    /** Checks {@code Environment} entries: {@code KEY=VALUE}, none empty. */
    static void checkServiceEnvironment(List<String> entries, List<String> problems) {
        for (String e : entries) {
            if (e.indexOf('=', 1) < 0) {
                problems.add("Environment entry '" + e + "' has no '=' after a name: write each entry as KEY=VALUE.");
            } else if (e.indexOf('\0') >= 0) {
                problems.add("Environment entries cannot contain a NUL character.");
            }
        }
    }

    static Target target(String name) {
        if (name.equalsIgnoreCase(Param.APP_EXIT.registryName())) {
            return new Target.ExitTableTarget();
        }
        if (ParamText.isExitEntryName(name)) {
            String code = name.substring(ParamText.EXIT_PREFIX.length());
            return new Target.ExitEntry(ParamText.exitCodeName(code).orElseThrow(() -> new InstallerException(Exit.INVALID,
                    "'" + name + "': '" + code + "' is not an exit code; write AppExit.<code> with a decimal code such as"
                            + " AppExit.3.")));
        }
        if (name.equalsIgnoreCase(ParameterStore.SERVICE_ENVIRONMENT)) {
            return new Target.ServiceEnvironment();
        }
        Optional<ServiceKeyValue> setting = ServiceKeyValue.byName(name);
        if (setting.isPresent()) {
            return new Target.Setting(setting.get());
        }
        return new Target.Table(ParamText.param(name));
    }

    /** The shared NAME PARAM arguments. */
    abstract static class Base extends Command {
        @Parameters(index = "0", paramLabel = "NAME", description = "The service name.")
        String name;

        @Override
        String serviceName() {
            return name;
        }

        @Override
        public EnumSet<Exit> exits() {
            return EnumSet.of(Exit.INVALID, Exit.ACCESS_DENIED, Exit.NO_SUCH_SERVICE, Exit.MARKED_FOR_DELETION,
                    Exit.DEPENDENCY, Exit.UNSUPPORTED);
        }

        /** Validates, then runs the steps; prints them, or that nothing changed. */
        Exit change(ServiceDefinition installed, StoredParameters stored, Plan.Wanted wanted, boolean validate) {
            if (validate) {
                Services.requireSessionAccount(Services.validate(ctx(), name,
                        InstallCommand.overlay(stored, wanted.parameters(), wanted.exitActions())),
                        wanted.definition().account());
            }
            List<Step> steps = Plan.steps(Optional.of(installed), stored, wanted, Optional.empty(), Optional.empty(), false);
            if (steps.isEmpty()) {
                out().println("'" + name + "' already has that value; nothing to change.");
                return Exit.OK;
            }
            Transaction.run(name, steps, ctx().backends(), out());
            AuditCommand.warn(ctx(), wanted.definition(),
                    InstallCommand.overlay(stored, wanted.parameters(), wanted.exitActions()));
            var state = ctx().scm().status(name).state();
            if (validate && state != org.jsrvany.core.service.RunState.STOPPED) {
                out().println("'" + name + "' is " + state + ": restart it for the change to take effect"
                        + " (jsrvany restart " + name + ").");
            }
            return Exit.OK;
        }

        /**
         * One registry value on the service key, written at once (nothing to undo); the service manager and
         * jsrvany read it at the next start.
         */
        Exit writeServiceEnvironment(List<String> entries) {
            if (ctx().store().serviceEnvironment(name).equals(entries)) {
                out().println("'" + name + "' already has that value; nothing to change.");
                return Exit.OK;
            }
            ctx().store().writeServiceEnvironment(name, entries);
            out().println(entries.isEmpty() ? "Removed Environment from '" + name + "'."
                    : "Set Environment of '" + name + "' (" + entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies")
                    + "); it applies from the next start.");
            return Exit.OK;
        }

        static Plan.Wanted params(ServiceDefinition d, Param p, Optional<RawValue> v) {
            Map<Param, Optional<RawValue>> m = new EnumMap<>(Param.class);
            m.put(p, v);
            return new Plan.Wanted(d, m, Optional.empty());
        }

        static Plan.Wanted exits(ServiceDefinition d, Map<String, String> table) {
            return new Plan.Wanted(d, Map.of(), Optional.of(table));
        }

        static Plan.Wanted setting(ServiceDefinition d) {
            return new Plan.Wanted(d, Map.of(), Optional.empty());
        }
    }

    @picocli.CommandLine.Command(name = "get", mixinStandardHelpOptions = true,
            description = {"Prints a parameter's value (one line per entry of a list), or with no PARAM every stored"
                    + " parameter. PARAM is a name of the table (docs/parameters.md), AppExit, AppExit.<code>, or"
                    + " DisplayName, Description, Start, DependOnService, ObjectName, ImagePath.",
                    "A parameter that is not set prints its default (and says so on stderr)."})
    static final class Get extends Base {
        @Parameters(index = "1", arity = "0..1", paramLabel = "PARAM", description = "The parameter.")
        String param;

        @Override
        Exit run() {
            ServiceDefinition installed = Services.require(ctx(), name);
            if (param == null) {
                return all(installed);
            }
            Target t = target(param);
            if (t instanceof Target.ServiceEnvironment) {
                List<String> env = ctx().store().serviceEnvironment(name);
                env.forEach(out()::println);
                if (env.isEmpty()) {
                    err().println("Environment is not set on the service key.");
                }
                return Exit.OK;
            }
            StoredParameters stored = t instanceof Target.Setting ? StoredParameters.none() : ctx().store().read(name);
            if (t instanceof Target.Table tt) {
                Optional<RawValue> v = Services.value(stored, tt.param());
                if (v.isPresent()) {
                    ParamText.words(v.get()).forEach(out()::println);
                } else {
                    tt.param().defaultText().filter(d -> !d.isEmpty()).ifPresent(out()::println);
                    err().println(tt.param().registryName() + " is not set"
                            + tt.param().defaultText().map(d -> "; the default is " + (d.isEmpty() ? "empty" : d)).orElse("")
                            + ".");
                }
            } else if (t instanceof Target.ExitTableTarget) {
                Map<String, String> table = stored.exitActions();
                if (table.isEmpty()) {
                    out().println("default=Restart");
                    err().println("AppExit is not set; every exit code restarts the program.");
                }
                table.forEach((code, action) -> out().println((code.isEmpty() ? "default" : code) + "=" + action));
            } else if (t instanceof Target.ExitEntry e) {
                String action = stored.exitActions().get(e.code());
                if (action != null) {
                    out().println(action);
                } else {
                    out().println(stored.exitActions().getOrDefault("", "Restart"));
                    err().println("AppExit has no entry for " + (e.code().isEmpty() ? "the default" : "exit code " + e.code())
                            + "; the default action applies.");
                }
            } else if (t instanceof Target.Setting s) {
                settingWords(installed, s.setting()).forEach(out()::println);
            }
            return Exit.OK;
        }

        private Exit all(ServiceDefinition installed) {
            StoredParameters stored = ctx().store().read(name);
            for (ServiceKeyValue s : ServiceKeyValue.values()) {
                List<String> words = settingWords(installed, s);
                out().println(s.registryName() + " = " + (words.isEmpty() ? "" : String.join(", ", words)));
            }
            List<String> env = ctx().store().serviceEnvironment(name);
            if (!env.isEmpty()) {
                out().println(ParameterStore.SERVICE_ENVIRONMENT + " =");
                env.forEach(w -> out().println("    " + w));
            }
            stored.values().forEach((p, v) -> {
                List<String> words = ParamText.words(v);
                if (p.kind() == ParamKind.MULTI_STRING) {
                    out().println(p.registryName() + " =");
                    words.forEach(w -> out().println("    " + w));
                } else {
                    out().println(p.registryName() + " = " + words.get(0));
                }
            });
            stored.exitActions().forEach((code, action) ->
                    out().println(Param.APP_EXIT.registryName() + (code.isEmpty() ? "" : "." + code) + " = " + action));
            stored.ignoredValues(ctx().store().describe(name)).forEach(n -> err().println("note: " + n));
            return Exit.OK;
        }

        static List<String> settingWords(ServiceDefinition d, ServiceKeyValue s) {
            return switch (s) {
                case DISPLAY_NAME -> List.of(d.displayName());
                case DESCRIPTION -> List.of(d.description());
                case START -> List.of(d.startType().word());
                case DEPEND_ON_SERVICE -> d.dependencies();
                case OBJECT_NAME -> List.of(d.account());
                case IMAGE_PATH -> List.of(d.imagePath());
            };
        }
    }

    @picocli.CommandLine.Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Sets a parameter: one VALUE, or one VALUE per entry for a list (AppEnvironment...).",
                    "AppExit takes [CODE=]ACTION values and replaces the table; AppExit.<code> takes one action.",
                    "DisplayName, Description, Start (auto, delayed-auto, manual, disabled) and DependOnService"
                            + " set the service's own settings.",
                    "A value that starts with '-' goes after --: set MyApp AppParameters -- --port 8080"})
    static final class Set extends Base {
        @Parameters(index = "1", paramLabel = "PARAM", description = "The parameter.")
        String param;

        @Parameters(index = "2..*", arity = "1..*", paramLabel = "VALUE", description = "The value(s).")
        List<String> values = new ArrayList<>();

        @Override
        Exit run() {
            ServiceDefinition installed = Services.require(ctx(), name);
            Target t = target(param);
            StoredParameters stored = ctx().store().read(name);
            List<String> problems = new ArrayList<>();
            if (t instanceof Target.ServiceEnvironment) {
                checkServiceEnvironment(values, problems);
                failOn(problems);
                return writeServiceEnvironment(values);
            }
            if (t instanceof Target.Table tt) {
                Optional<RawValue> v = ParamText.parse(tt.param(), values, problems);
                failOn(problems);
                return change(installed, stored, params(installed, tt.param(), v), true);
            }
            if (t instanceof Target.ExitTableTarget) {
                Map<String, String> table = new LinkedHashMap<>();
                for (String v : values) {
                    ParamText.exitEntry(v, problems).ifPresent(e -> table.put(e.getKey(), e.getValue()));
                }
                failOn(problems);
                return change(installed, stored, exits(installed, table), true);
            }
            if (t instanceof Target.ExitEntry e) {
                if (values.size() != 1) {
                    problems.add("AppExit." + (e.code().isEmpty() ? "default" : e.code()) + " takes one action.");
                }
                failOn(problems);
                Map<String, String> table = new LinkedHashMap<>(stored.exitActions());
                ParamText.exitEntry(e.code() + "=" + values.get(0), problems).ifPresent(en -> table.put(en.getKey(), en.getValue()));
                failOn(problems);
                return change(installed, stored, exits(installed, table), true);
            }
            ServiceKeyValue s = ((Target.Setting) t).setting();
            return change(installed, stored, setting(setting(installed, s, values, problems)), false);
        }

        private ServiceDefinition setting(ServiceDefinition d, ServiceKeyValue s, List<String> v, List<String> problems) {
            if (!s.settable()) {
                throw new InstallerException(Exit.INVALID, s.registryName() + " is changed with install: 'jsrvany install "
                        + name + (s == ServiceKeyValue.OBJECT_NAME ? " --account ACCOUNT'" : " --java JAVA --launcher JAR'")
                        + " (it keeps every other setting).");
            }
            if (s != ServiceKeyValue.DEPEND_ON_SERVICE && v.size() != 1) {
                problems.add(s.registryName() + " takes one value: put it in quotes.");
                failOn(problems);
            }
            ServiceDefinition r = switch (s) {
                case DISPLAY_NAME -> {
                    ServiceNames.displayNameProblem(v.get(0)).ifPresent(problems::add);
                    yield d.withDisplayName(v.get(0));
                }
                case DESCRIPTION -> d.withDescription(v.get(0));
                case START -> StartType.parse(v.get(0)).map(d::withStartType).orElseGet(() -> {
                    problems.add("Start '" + v.get(0) + "' is not a start type: use auto, delayed-auto, manual or disabled.");
                    return d;
                });
                default -> {
                    for (String dep : v) {
                        String plain = dep.startsWith("+") ? dep.substring(1) : dep;
                        ServiceNames.problem(plain).ifPresent(p -> problems.add("DependOnService '" + dep + "': " + p));
                        if (!dep.startsWith("+") && problems.isEmpty() && ctx().scm().find(dep).isEmpty()) {
                            throw new InstallerException(Exit.DEPENDENCY, "'" + dep + "' is not installed: check the"
                                    + " name with 'jsrvany list --all'. Nothing was changed.");
                        }
                    }
                    yield d.withDependencies(v);
                }
            };
            failOn(problems);
            return r;
        }
    }

    @picocli.CommandLine.Command(name = "reset", mixinStandardHelpOptions = true,
            description = {"Removes a parameter so that its default applies (AppExit: the whole table; AppExit.<code>:"
                    + " one entry). Description is emptied, DisplayName becomes the service name, Start becomes auto,"
                    + " DependOnService empty. Refused when the configuration would not load without it."})
    static final class Reset extends Base {
        @Parameters(index = "1", paramLabel = "PARAM", description = "The parameter.")
        String param;

        @Override
        Exit run() {
            ServiceDefinition installed = Services.require(ctx(), name);
            Target t = target(param);
            StoredParameters stored = ctx().store().read(name);
            if (t instanceof Target.ServiceEnvironment) {
                return writeServiceEnvironment(List.of());
            }
            if (t instanceof Target.Table tt) {
                return change(installed, stored, params(installed, tt.param(), Optional.empty()), true);
            }
            if (t instanceof Target.ExitTableTarget) {
                return change(installed, stored, exits(installed, Map.of()), true);
            }
            if (t instanceof Target.ExitEntry e) {
                Map<String, String> table = new LinkedHashMap<>(stored.exitActions());
                table.remove(e.code());
                return change(installed, stored, exits(installed, table), true);
            }
            ServiceKeyValue s = ((Target.Setting) t).setting();
            ServiceDefinition d = switch (s) {
                case DISPLAY_NAME -> installed.withDisplayName(installed.name());
                case DESCRIPTION -> installed.withDescription("");
                case START -> installed.withStartType(StartType.AUTO);
                case DEPEND_ON_SERVICE -> installed.withDependencies(List.of());
                default -> throw new InstallerException(Exit.INVALID, s.registryName() + " cannot be reset; change it"
                        + " with 'jsrvany install " + name + " ...'.");
            };
            return change(installed, stored, setting(d), false);
        }
    }

    static void failOn(List<String> problems) {
        if (!problems.isEmpty()) {
            throw InstallerException.of(Exit.INVALID, "Nothing was changed:", problems);
        }
    }
}
