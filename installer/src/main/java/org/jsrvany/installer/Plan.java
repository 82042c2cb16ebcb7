package org.jsrvany.installer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.service.FailureActions;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.service.SidType;
import org.jsrvany.core.service.StartType;
import org.jsrvany.core.config.StoredParameters;

/**
 * The steps that take a service from what is installed to what is wanted: a pure function, tested
 * as a table. An empty plan means there is nothing to do (install run twice is a no-op).
 *
 * <p>Order: a new service is created first and everything else follows, so a failure anywhere is
 * undone by deleting it. On an existing service the Parameters go first, then the extra SCM settings,
 * and the basic configuration (ImagePath, account...) last: the step most likely to be refused
 * (a bad account) comes when the others can still be undone.
 */
final class Plan {
    private Plan() {
    }

    /**
     * What is wanted.
     *
     * @param definition  the complete wanted SCM configuration; its optional settings are empty when they stay as they are
     * @param parameters  values to write (present) or delete (empty); parameters not in the map stay as they are
     * @param exitActions the whole {@code AppExit} table to store, or empty to leave it
     */
    record Wanted(ServiceDefinition definition, Map<Param, Optional<RawValue>> parameters,
                  Optional<Map<String, String>> exitActions) {
        Wanted {
            Objects.requireNonNull(definition, "definition");
            parameters = Map.copyOf(parameters);
            Objects.requireNonNull(exitActions, "exitActions");
        }
    }

    static List<Step> steps(Optional<ServiceDefinition> installed, StoredParameters stored, Wanted wanted,
                            Optional<char[]> password, Optional<String> grantLogonRightTo, boolean registerEventSource) {
        List<Step> steps = new ArrayList<>();
        ServiceDefinition w = wanted.definition();
        String name = w.name();
        grantLogonRightTo.ifPresent(account -> steps.add(new Step.GrantLogonRight(account)));
        if (installed.isEmpty()) {
            steps.add(new Step.Create(w, password));
        }
        if (registerEventSource) {
            steps.add(new Step.RegisterEventSource(name));
        }
        StoredParameters before = installed.isEmpty() ? StoredParameters.none() : stored;
        for (Param p : Param.values()) {
            if (!wanted.parameters().containsKey(p)) {
                continue;
            }
            Optional<RawValue> want = wanted.parameters().get(p);
            Optional<RawValue> have = Optional.ofNullable(before.values().get(p));
            if (want.isPresent() && !want.equals(have)) {
                steps.add(new Step.WriteParam(name, p, want.get(), have));
            } else if (want.isEmpty() && have.isPresent()) {
                steps.add(new Step.DeleteParam(name, p, have.get()));
            }
        }
        wanted.exitActions().ifPresent(table -> {
            if (!AppExitTable.same(table, before.exitActions())) {
                steps.add(new Step.WriteExitActions(name, table, before.exitActions()));
            }
        });
        ServiceDefinition have = installed.orElse(null);
        String haveDescription = have == null ? "" : have.description();
        if (!w.description().equals(haveDescription)) {
            steps.add(new Step.Description(name, w.description(), haveDescription));
        }
        boolean delayed = w.startType() == StartType.DELAYED_AUTO;
        boolean wasDelayed = have != null && have.startType() == StartType.DELAYED_AUTO;
        if (delayed != wasDelayed) {
            steps.add(new Step.DelayedStart(name, delayed));
        }
        // A new service starts from Windows' defaults (the preshutdown default depends on the Windows version).
        Optional<ServiceDefinition> h = installed.or(() -> Optional.of(w.withFailureActions(Optional.of(FailureActions.none()))
                .withFailureActionsOnNonCrash(Optional.of(false)).withPreshutdownTimeout(Optional.empty())
                .withSidType(Optional.of(SidType.NONE))));
        w.preshutdownTimeout().filter(t -> !h.flatMap(ServiceDefinition::preshutdownTimeout).equals(Optional.of(t)))
                .ifPresent(t -> steps.add(new Step.SetPreshutdown(name, t, h.flatMap(ServiceDefinition::preshutdownTimeout))));
        w.failureActions().filter(f -> !h.flatMap(ServiceDefinition::failureActions).equals(Optional.of(f)))
                .ifPresent(f -> steps.add(new Step.SetFailureActions(name, f, h.flatMap(ServiceDefinition::failureActions))));
        w.failureActionsOnNonCrash().filter(f -> !h.flatMap(ServiceDefinition::failureActionsOnNonCrash).equals(Optional.of(f)))
                .ifPresent(f -> steps.add(new Step.SetNonCrash(name, f, h.flatMap(ServiceDefinition::failureActionsOnNonCrash))));
        w.sidType().filter(s -> !h.flatMap(ServiceDefinition::sidType).equals(Optional.of(s)))
                .ifPresent(s -> steps.add(new Step.SetSidType(name, s, h.flatMap(ServiceDefinition::sidType))));
        if (have != null && (basicConfigDiffers(w, have) || password.isPresent())) {
            steps.add(new Step.ChangeConfig(w, have, password));
        }
        return steps;
    }

    /** Whether what {@code ChangeServiceConfig} sets differs. */
    static boolean basicConfigDiffers(ServiceDefinition a, ServiceDefinition b) {
        return !a.displayName().equals(b.displayName())
                || !a.imagePath().equals(b.imagePath())
                || a.startType().scmValue() != b.startType().scmValue()
                || !sameDependencies(a.dependencies(), b.dependencies())
                || !Accounts.same(a.account(), b.account());
    }

    /** Dependencies are names, compared case-insensitively and in any order. */
    static boolean sameDependencies(List<String> a, List<String> b) {
        TreeSet<String> x = new TreeSet<>();
        a.forEach(s -> x.add(s.toLowerCase(Locale.ROOT)));
        TreeSet<String> y = new TreeSet<>();
        b.forEach(s -> y.add(s.toLowerCase(Locale.ROOT)));
        return x.equals(y);
    }
}
