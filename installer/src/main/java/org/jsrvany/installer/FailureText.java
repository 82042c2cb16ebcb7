package org.jsrvany.installer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsrvany.core.service.FailureActions;

/** Recovery actions on the command line ({@code --on-failure restart/1m}) and in messages. */
final class FailureText {
    /** The delay of an action written without one: services.msc's default. */
    static final Duration DEFAULT_DELAY = Duration.ofMinutes(1);

    private FailureText() {
    }

    /**
     * Parses {@code ACTION[/DELAY]} words ({@code restart}, {@code run}, {@code reboot}, {@code none};
     * the delay as {@code 30s}, {@code 2m}... default one minute).
     */
    static Optional<FailureActions> parse(List<String> actions, String reset, String command, String rebootMessage,
                                          List<String> problems) {
        List<FailureActions.Action> parsed = new ArrayList<>();
        int before = problems.size();
        for (String a : actions) {
            String t = a.strip().toLowerCase(Locale.ROOT);
            int slash = t.indexOf('/');
            String word = slash < 0 ? t : t.substring(0, slash);
            FailureActions.Kind kind = null;
            for (FailureActions.Kind k : FailureActions.Kind.values()) {
                if (k.word().equals(word)) {
                    kind = k;
                }
            }
            if (kind == null) {
                problems.add("The recovery action '" + a + "' is not one of restart, run, reboot or none (write e.g."
                        + " restart/1m).");
                continue;
            }
            Duration delay = kind == FailureActions.Kind.NONE ? Duration.ZERO : DEFAULT_DELAY;
            if (slash >= 0) {
                Optional<Duration> d = Units.duration(t.substring(slash + 1), "s");
                if (d.isEmpty() || d.get().toMillis() > 0xFFFF_FFFFL) {
                    problems.add("The delay in '" + a + "' is not a duration: write e.g. restart/30s or restart/2m.");
                    continue;
                }
                delay = d.get();
            }
            parsed.add(new FailureActions.Action(kind, delay));
        }
        Duration resetPeriod = Duration.ZERO;
        if (reset != null) {
            Optional<Duration> d = Units.duration(reset, "s");
            if (d.isEmpty() || d.get().toSeconds() > 0xFFFF_FFFFL) {
                problems.add("--failure-reset '" + reset + "' is not a duration: write e.g. 1d or 12h.");
            } else {
                resetPeriod = d.get();
            }
        }
        String cmd = command == null ? "" : command;
        if (parsed.stream().anyMatch(x -> x.kind() == FailureActions.Kind.RUN) && cmd.isBlank()) {
            problems.add("A 'run' recovery action needs the command to run: give --failure-command \"...\".");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new FailureActions(resetPeriod, parsed, cmd, rebootMessage == null ? "" : rebootMessage));
    }

    /** {@code restart/1m, restart/5m, none; reset after 1d}, or {@code none}. */
    static String show(FailureActions f) {
        if (f.actions().isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (FailureActions.Action a : f.actions()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(word(a));
        }
        sb.append("; reset after ").append(Units.exact(f.resetPeriod()));
        if (!f.command().isEmpty()) {
            sb.append("; command ").append(f.command());
        }
        return sb.toString();
    }

    /** One action as {@code --on-failure} takes it. */
    static String word(FailureActions.Action a) {
        return a.kind() == FailureActions.Kind.NONE && a.delay().isZero() ? "none"
                : a.kind().word() + "/" + Units.exact(a.delay());
    }
}
