package org.jsrvany.core.config;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * NSSM's event hooks ({@code Parameters\AppEvents\<Event>\<Action>}): a command line per event, and
 * how long one may run.
 *
 * @param commands the command line of each configured hook (expanded)
 * @param timeout  {@code AppHookTimeout}
 * @param redirect {@code AppRedirectHook}: hooks' output into the program's output files (docs/hooks.md)
 */
public record Hooks(Map<Hook, String> commands, Duration timeout, boolean redirect) {
    /** The hooks jsrvany runs, each with its parameter (NSSM's event and action names). */
    public enum Hook {
        START_PRE(Param.APP_EVENTS_START_PRE),
        START_POST(Param.APP_EVENTS_START_POST),
        STOP_PRE(Param.APP_EVENTS_STOP_PRE),
        EXIT_POST(Param.APP_EVENTS_EXIT_POST),
        ROTATE_PRE(Param.APP_EVENTS_ROTATE_PRE),
        ROTATE_POST(Param.APP_EVENTS_ROTATE_POST),
        POWER_CHANGE(Param.APP_EVENTS_POWER_CHANGE),
        POWER_RESUME(Param.APP_EVENTS_POWER_RESUME);

        /** PBT_APMPOWERSTATUSCHANGE: the power status changed (on battery, back on mains...). */
        public static final int PBT_APMPOWERSTATUSCHANGE = 0x0A;
        /** PBT_APMRESUMEAUTOMATIC: the system resumes from sleep or hibernation. */
        public static final int PBT_APMRESUMEAUTOMATIC = 0x12;

        /**
         * The hook for a SERVICE_CONTROL_POWEREVENT's event type (NSSM's mapping); empty for the other
         * power events (suspend, power setting changes), which run nothing.
         */
        public static Optional<Hook> forPowerEvent(int eventType) {
            return switch (eventType) {
                case PBT_APMPOWERSTATUSCHANGE -> Optional.of(POWER_CHANGE);
                case PBT_APMRESUMEAUTOMATIC -> Optional.of(POWER_RESUME);
                default -> Optional.empty();
            };
        }

        private final Param param;

        Hook(Param param) {
            this.param = param;
        }

        public Param param() {
            return param;
        }

        /** NSSM's event name: Start, Stop, Exit. */
        public String event() {
            return param.registryName().split("\\\\")[1];
        }

        /** NSSM's action name: Pre, Post. */
        public String action() {
            return param.registryName().split("\\\\")[2];
        }

        /** {@code Start/Pre}, for messages. */
        public String label() {
            return event() + "/" + action();
        }
    }

    /** NSSM's rule: a {@code Start/Pre} hook exiting with this code cancels the start. */
    public static final int ABORT_EXIT_CODE = 99;

    public Hooks {
        EnumMap<Hook, String> copy = new EnumMap<>(Hook.class);
        copy.putAll(commands);
        commands = Collections.unmodifiableMap(copy);
    }

    /** No hooks. */
    /** Hooks whose output goes to the wrapper's log ({@code AppRedirectHook=0}). */
    public Hooks(Map<Hook, String> commands, Duration timeout) {
        this(commands, timeout, false);
    }

    public static Hooks none() {
        return new Hooks(Map.of(), Duration.ofMillis(60_000));
    }

    /** Whether a Power hook is configured (then the service accepts SERVICE_CONTROL_POWEREVENT). */
    public boolean wantsPowerEvents() {
        return commands.containsKey(Hook.POWER_CHANGE) || commands.containsKey(Hook.POWER_RESUME);
    }

    /** The command line of this hook, when one is configured. */
    public Optional<String> command(Hook hook) {
        return Optional.ofNullable(commands.get(hook));
    }
}
