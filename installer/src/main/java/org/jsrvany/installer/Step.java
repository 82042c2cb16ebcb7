package org.jsrvany.installer;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.service.EventSources;
import org.jsrvany.core.service.FailureActions;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.service.SidType;

/**
 * One change to a service, and how to take it back. {@link Plan} computes the steps;
 * {@link Transaction} runs them and, when one fails, undoes the ones already done.
 */
sealed interface Step {

    /** One line for people: what changes, old and new value. Never a password. */
    String describe();

    void apply(Backends b);

    /** Takes this step back (it was applied); may itself fail. */
    void undo(Backends b);

    /** A step whose undo cannot restore everything says what stays changed. */
    default Optional<String> undoCaveat() {
        return Optional.empty();
    }

    /** Erases a password this step holds. */
    default void wipe() {
    }

    /**
     * Whether what this step changes lives outside the service's own key (an event source, an account
     * right): deleting a service this run created does not take it back, so it is undone on its own.
     */
    default boolean outsideServiceKey() {
        return false;
    }

    record Create(ServiceDefinition definition, Optional<char[]> password) implements Step {
        @Override
        public String describe() {
            return "create the service '" + definition.name() + "' (" + definition.displayName() + "), start "
                    + definition.startType().word() + ", account " + definition.account();
        }

        @Override
        public void apply(Backends b) {
            b.scm().create(definition, password);
        }

        @Override
        public void undo(Backends b) {
            b.store().deleteAll(definition.name());
            b.scm().delete(definition.name());
        }

        @Override
        public void wipe() {
            password.ifPresent(p -> Arrays.fill(p, '\0'));
        }
    }

    record ChangeConfig(ServiceDefinition wanted, ServiceDefinition before, Optional<char[]> password) implements Step {
        @Override
        public String describe() {
            java.util.List<String> parts = new java.util.ArrayList<>();
            if (!wanted.displayName().equals(before.displayName())) {
                parts.add("display name \"" + before.displayName() + "\" -> \"" + wanted.displayName() + "\"");
            }
            if (!wanted.imagePath().equals(before.imagePath())) {
                parts.add("ImagePath " + before.imagePath() + " -> " + wanted.imagePath());
            }
            if (wanted.startType().scmValue() != before.startType().scmValue()) {
                parts.add("start " + before.startType().word() + " -> " + wanted.startType().word());
            }
            if (!Plan.sameDependencies(wanted.dependencies(), before.dependencies())) {
                parts.add("dependencies " + before.dependencies() + " -> " + wanted.dependencies());
            }
            if (!Accounts.same(wanted.account(), before.account())) {
                parts.add("account " + before.account() + " -> " + wanted.account());
            }
            if (password.isPresent()) {
                parts.add("new password");
            }
            return String.join(", ", parts);
        }

        @Override
        public void apply(Backends b) {
            b.scm().changeConfig(wanted, password);
        }

        @Override
        public void undo(Backends b) {
            b.scm().changeConfig(before, Optional.empty());
        }

        @Override
        public Optional<String> undoCaveat() {
            return password.isPresent() ? Optional.of("the service keeps the new password") : Optional.empty();
        }

        @Override
        public void wipe() {
            password.ifPresent(p -> Arrays.fill(p, '\0'));
        }
    }

    /** {@code upgrade}: the service's ImagePath now runs this copy of jsrvany; nothing else changes. */
    record Repoint(ServiceDefinition before, String imagePath) implements Step {
        @Override
        public String describe() {
            return "'" + before.name() + "': ImagePath " + before.imagePath() + " -> " + imagePath;
        }

        @Override
        public void apply(Backends b) {
            b.scm().changeConfig(before.withImagePath(imagePath), Optional.empty());
        }

        @Override
        public void undo(Backends b) {
            b.scm().changeConfig(before, Optional.empty());
        }
    }

    record Description(String service, String wanted, String before) implements Step {
        @Override
        public String describe() {
            return "description \"" + before + "\" -> \"" + wanted + "\"";
        }

        @Override
        public void apply(Backends b) {
            b.scm().setDescription(service, wanted);
        }

        @Override
        public void undo(Backends b) {
            b.scm().setDescription(service, before);
        }
    }

    record DelayedStart(String service, boolean wanted) implements Step {
        @Override
        public String describe() {
            return wanted ? "delayed auto-start on" : "delayed auto-start off";
        }

        @Override
        public void apply(Backends b) {
            b.scm().setDelayedAutoStart(service, wanted);
        }

        @Override
        public void undo(Backends b) {
            b.scm().setDelayedAutoStart(service, !wanted);
        }
    }

    record SetFailureActions(String service, FailureActions wanted, Optional<FailureActions> before) implements Step {
        @Override
        public String describe() {
            return "recovery actions " + before.map(FailureText::show).orElse("(unknown)") + " -> " + FailureText.show(wanted);
        }

        @Override
        public void apply(Backends b) {
            b.scm().setFailureActions(service, wanted);
        }

        @Override
        public void undo(Backends b) {
            before.ifPresent(v -> b.scm().setFailureActions(service, v));
        }

        @Override
        public Optional<String> undoCaveat() {
            return before.isPresent() ? Optional.empty() : Optional.of("the previous recovery actions were unknown");
        }
    }

    record SetNonCrash(String service, boolean wanted, Optional<Boolean> before) implements Step {
        @Override
        public String describe() {
            return "recovery on non-crash failures " + before.map(b -> b ? "on" : "off").orElse("(unknown)") + " -> "
                    + (wanted ? "on" : "off");
        }

        @Override
        public void apply(Backends b) {
            b.scm().setFailureActionsOnNonCrash(service, wanted);
        }

        @Override
        public void undo(Backends b) {
            before.ifPresent(v -> b.scm().setFailureActionsOnNonCrash(service, v));
        }
    }

    record SetPreshutdown(String service, Duration wanted, Optional<Duration> before) implements Step {
        @Override
        public String describe() {
            return "preshutdown timeout " + before.map(Units::exact).orElse("(default)") + " -> " + Units.exact(wanted);
        }

        @Override
        public void apply(Backends b) {
            b.scm().setPreshutdownTimeout(service, wanted);
        }

        @Override
        public void undo(Backends b) {
            before.ifPresent(v -> b.scm().setPreshutdownTimeout(service, v));
        }
    }

    record SetSidType(String service, SidType wanted, Optional<SidType> before) implements Step {
        @Override
        public String describe() {
            return "service SID type " + before.map(SidType::word).orElse("(unknown)") + " -> " + wanted.word();
        }

        @Override
        public void apply(Backends b) {
            b.scm().setSidType(service, wanted);
        }

        @Override
        public void undo(Backends b) {
            before.ifPresent(v -> b.scm().setSidType(service, v));
        }
    }

    record WriteParam(String service, Param param, RawValue wanted, Optional<RawValue> before) implements Step {
        @Override
        public String describe() {
            return param.registryName() + " " + before.map(ParamText::show).orElse("(not set)") + " -> " + ParamText.show(wanted);
        }

        @Override
        public void apply(Backends b) {
            b.store().write(service, param, wanted);
        }

        @Override
        public void undo(Backends b) {
            if (before.isPresent()) {
                b.store().write(service, param, before.get());
            } else {
                b.store().delete(service, param);
            }
        }
    }

    record DeleteParam(String service, Param param, RawValue before) implements Step {
        @Override
        public String describe() {
            return param.registryName() + " " + ParamText.show(before) + " -> (not set; default "
                    + param.defaultText().map(d -> d.isEmpty() ? "empty" : d).orElse("none") + ")";
        }

        @Override
        public void apply(Backends b) {
            b.store().delete(service, param);
        }

        @Override
        public void undo(Backends b) {
            b.store().write(service, param, before);
        }
    }

    record WriteExitActions(String service, Map<String, String> wanted, Map<String, String> before) implements Step {
        @Override
        public String describe() {
            return "AppExit " + AppExitTable.show(before) + " -> " + AppExitTable.show(wanted);
        }

        @Override
        public void apply(Backends b) {
            b.store().writeExitActions(service, wanted);
        }

        @Override
        public void undo(Backends b) {
            b.store().writeExitActions(service, before);
        }
    }

    record GrantLogonRight(String account) implements Step {
        @Override
        public String describe() {
            return "grant " + account + " the 'Log on as a service' right";
        }

        @Override
        public void apply(Backends b) {
            b.scm().grantServiceLogonRight(account);
        }

        @Override
        public void undo(Backends b) {
            // Not taken back: the right is harmless without the service, and revoking it could break
            // another service that runs as the same account.
        }

        @Override
        public Optional<String> undoCaveat() {
            return Optional.of(account + " keeps the 'Log on as a service' right");
        }
    }

    /**
     * Registers the service's event log source (or, when another program owns that name, the shared
     * {@code jsrvany} one); undone only for what it created.
     */
    final class RegisterEventSource implements Step {
        private final String service;
        private String created;

        RegisterEventSource(String service) {
            this.service = service;
        }

        @Override
        public boolean outsideServiceKey() {
            return true;
        }

        @Override
        public String describe() {
            return "register the event log source '" + service + "'";
        }

        @Override
        public void apply(Backends b) {
            EventSources.Registration r = b.events().register(service);
            if (r == EventSources.Registration.CREATED) {
                created = service;
            } else if (r == EventSources.Registration.TAKEN
                    && b.events().register(EventSources.FALLBACK) == EventSources.Registration.CREATED) {
                created = EventSources.FALLBACK;
            }
        }

        @Override
        public void undo(Backends b) {
            if (created != null) {
                b.events().unregister(created);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RegisterEventSource r && r.service.equals(service);
        }

        @Override
        public int hashCode() {
            return service.hashCode();
        }
    }
}
