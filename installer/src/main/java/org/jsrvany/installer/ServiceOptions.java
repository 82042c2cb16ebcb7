package org.jsrvany.installer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsrvany.core.service.FailureActions;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.service.SidType;
import org.jsrvany.core.service.StartType;
import picocli.CommandLine.Option;

/**
 * {@code install}'s options for the SCM's own settings of the service. Options not given keep the
 * installed value (a new service gets Windows' defaults, and starts automatically as LocalSystem).
 */
final class ServiceOptions {
    @Option(names = "--display-name", paramLabel = "TEXT", description = "The name services.msc shows. Default: the service name.")
    String displayName;

    @Option(names = "--description", paramLabel = "TEXT", description = "The description services.msc shows.")
    String description;

    @Option(names = "--start", paramLabel = "TYPE", description = "auto (the default for a new service), delayed-auto,"
            + " manual or disabled.")
    String start;

    @Option(names = "--depends-on", paramLabel = "SERVICE", description = "A service that must run first (repeat it;"
            + " +NAME for a load-order group). Replaces the list.")
    List<String> dependsOn;

    @Option(names = "--no-dependencies", description = "Remove every dependency.")
    boolean noDependencies;

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "LocalSystem (the default), LocalService,"
            + " NetworkService, virtual (NT SERVICE\\<name>), or a user (.\\name, DOMAIN\\name, name@domain,"
            + " or a managed service account ending in $). A user's password is asked for, never taken from the"
            + " command line.")
    String account;

    @Option(names = "--password-stdin", description = "Read the account's password from the first line of standard"
            + " input instead of asking.")
    boolean passwordStdin;

    @Option(names = "--change-password", description = "Ask for the account's password again even though the account"
            + " does not change.")
    boolean changePassword;

    @Option(names = "--grant-logon-right", description = "Grant the account the 'Log on as a service' right if it lacks it.")
    boolean grantLogonRight;

    @Option(names = "--on-failure", paramLabel = "ACTION[/DELAY]", description = "A recovery action for the first,"
            + " second, later failures (repeat it): restart, run, reboot or none, e.g. restart/1m (default delay 1m).")
    List<String> onFailure;

    @Option(names = "--failure-reset", paramLabel = "DURATION", description = "Start counting failures again after"
            + " this long without one (e.g. 1d). Default 0.")
    String failureReset;

    @Option(names = "--failure-command", paramLabel = "COMMAND", description = "The command line of a 'run' recovery action.")
    String failureCommand;

    @Option(names = "--failure-reboot-message", paramLabel = "TEXT", description = "The message sent before a"
            + " 'reboot' recovery action.")
    String failureRebootMessage;

    @Option(names = "--no-failure-actions", description = "Remove every recovery action.")
    boolean noFailureActions;

    @Option(names = "--non-crash-failures", negatable = true, description = "Run the recovery actions also when the"
            + " service stops with an error, not only when its process dies (the failure actions flag). jsrvany"
            + " stops with an error when AppExit says Exit for a non-zero code.")
    Boolean nonCrashFailures;

    @Option(names = "--preshutdown-timeout", paramLabel = "DURATION", description = "How long Windows waits for the"
            + " service at shutdown (preshutdown), e.g. 30s.")
    String preshutdownTimeout;

    @Option(names = "--sid-type", paramLabel = "TYPE", description = "The service SID type: none, unrestricted or restricted.")
    String sidType;

    /** A new service's settings before the options apply. */
    static ServiceDefinition defaults(String name, String imagePath) {
        return new ServiceDefinition(name, name, "", imagePath, StartType.AUTO, List.of(), Accounts.LOCAL_SYSTEM,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** {@code base} with the options given applied; each problem is a sentence added to {@code problems}. */
    ServiceDefinition apply(ServiceDefinition base, List<String> problems) {
        ServiceDefinition d = base;
        if (displayName != null) {
            ServiceNames.displayNameProblem(displayName).ifPresentOrElse(problems::add, () -> { });
            d = d.withDisplayName(displayName);
        }
        if (description != null) {
            d = d.withDescription(description);
        }
        if (start != null) {
            Optional<StartType> t = StartType.parse(start);
            if (t.isEmpty()) {
                problems.add("--start '" + start + "' is not a start type: use auto, delayed-auto, manual or disabled.");
            } else {
                d = d.withStartType(t.get());
            }
        }
        if (noDependencies && dependsOn != null) {
            problems.add("--no-dependencies and --depends-on contradict each other: give one.");
        } else if (noDependencies) {
            d = d.withDependencies(List.of());
        } else if (dependsOn != null) {
            List<String> deps = new ArrayList<>();
            for (String dep : dependsOn) {
                String n = dep.strip();
                String plain = n.startsWith("+") ? n.substring(1) : n;
                Optional<String> bad = ServiceNames.problem(plain);
                if (bad.isPresent()) {
                    problems.add("--depends-on '" + dep + "': " + bad.get());
                } else if (plain.equalsIgnoreCase(base.name())) {
                    problems.add("--depends-on '" + dep + "': a service cannot depend on itself.");
                } else {
                    deps.add(n);
                }
            }
            d = d.withDependencies(deps);
        }
        if (account != null) {
            try {
                d = d.withAccount(Accounts.resolve(account, base.name()));
            } catch (InstallerException e) {
                problems.add(e.getMessage());
            }
        }
        if (noFailureActions && (onFailure != null || failureReset != null || failureCommand != null)) {
            problems.add("--no-failure-actions and --on-failure/--failure-* contradict each other: give one.");
        } else if (noFailureActions) {
            d = d.withFailureActions(Optional.of(FailureActions.none()));
        } else if (onFailure != null || failureReset != null || failureCommand != null || failureRebootMessage != null) {
            if (onFailure == null) {
                problems.add("--failure-reset, --failure-command and --failure-reboot-message need --on-failure actions.");
            } else {
                Optional<FailureActions> f = FailureText.parse(onFailure, failureReset, failureCommand,
                        failureRebootMessage, problems);
                if (f.isPresent()) {
                    d = d.withFailureActions(f);
                }
            }
        }
        if (nonCrashFailures != null) {
            d = d.withFailureActionsOnNonCrash(Optional.of(nonCrashFailures));
        }
        if (preshutdownTimeout != null) {
            Optional<Duration> t = Units.duration(preshutdownTimeout, "s");
            if (t.isEmpty() || t.get().toMillis() > 0xFFFF_FFFFL) {
                problems.add("--preshutdown-timeout '" + preshutdownTimeout + "' is not a duration: write e.g. 30s or 3m.");
            } else {
                d = d.withPreshutdownTimeout(t);
            }
        }
        if (sidType != null) {
            Optional<SidType> s = SidType.parse(sidType);
            if (s.isEmpty()) {
                problems.add("--sid-type '" + sidType + "' is not a SID type: use none, unrestricted or restricted.");
            } else {
                d = d.withSidType(s);
            }
        }
        return d;
    }
}
