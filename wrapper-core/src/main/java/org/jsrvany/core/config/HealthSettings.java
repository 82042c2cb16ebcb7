package org.jsrvany.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Readiness, liveness and the start condition (docs/readiness-health.md); every part off by default.
 *
 * @param ready                {@code AppReadyCheck}: what makes the program ready; empty = ready once started
 * @param readyTimeout         {@code AppReadyTimeout}
 * @param readyTimeoutAction   {@code AppReadyTimeoutAction}
 * @param health               {@code AppHealthCheck}: the periodic liveness check; empty = none
 * @param healthInterval       {@code AppHealthInterval}
 * @param healthTimeout        {@code AppHealthTimeout}
 * @param healthFailures       {@code AppHealthFailures}: failures in a row that restart the program (at least 1)
 * @param silence              {@code AppHealthSilence}: restart after this long without output; zero = never
 * @param startCondition       {@code AppStartCondition}: a TCP target to wait for before the first launch
 * @param startConditionTimeout {@code AppStartConditionTimeout}
 */
public record HealthSettings(Optional<Check> ready, Duration readyTimeout, ReadyTimeoutAction readyTimeoutAction,
                             Optional<Check> health, Duration healthInterval, Duration healthTimeout, int healthFailures,
                             Duration silence, Optional<Check> startCondition, Duration startConditionTimeout) {

    /** What happens when the program is not ready in time. */
    public enum ReadyTimeoutAction {
        /** Stop the program; the service ends with 0x20000010 (not ready). */
        STOP("Stop"),
        /** Report RUNNING anyway and log a warning. */
        RUN("Run");

        private final String word;

        ReadyTimeoutAction(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public HealthSettings {
        Objects.requireNonNull(ready);
        Objects.requireNonNull(readyTimeout);
        Objects.requireNonNull(readyTimeoutAction);
        Objects.requireNonNull(health);
        Objects.requireNonNull(healthInterval);
        Objects.requireNonNull(healthTimeout);
        Objects.requireNonNull(silence);
        Objects.requireNonNull(startCondition);
        Objects.requireNonNull(startConditionTimeout);
        if (healthFailures < 1) {
            throw new IllegalArgumentException("healthFailures must be at least 1, not " + healthFailures);
        }
    }

    /** Everything off (the defaults). */
    public static HealthSettings none() {
        return new HealthSettings(Optional.empty(), Duration.ofSeconds(60), ReadyTimeoutAction.STOP, Optional.empty(),
                Duration.ofSeconds(30), Duration.ofSeconds(5), 3, Duration.ZERO, Optional.empty(), Duration.ofSeconds(60));
    }

    /** Whether the program's output must be watched (an output readiness check, or the silence limit). */
    public boolean watchesOutput() {
        return ready.map(c -> c instanceof Check.OutputLine).orElse(false) || !silence.isZero();
    }

    /**
     * Reads the parameters through the loader's typed accessors; each problem is one sentence.
     *
     * @param text    a string parameter's value, if set
     * @param dword   a DWORD parameter's value or its default
     * @param base    the working directory, for relative {@code file:} paths
     * @param problem receives each problem
     */
    static HealthSettings read(Function<Param, Optional<String>> text, Function<Param, Optional<Long>> dword,
                               Path base, Consumer<String> problem) {
        Optional<Check> ready = check(Param.APP_READY_CHECK, text,
                EnumSet.of(Check.Kind.TCP, Check.Kind.HTTP, Check.Kind.FILE, Check.Kind.OUTPUT), base, problem);
        String actionText = text.apply(Param.APP_READY_TIMEOUT_ACTION).map(String::strip).orElse("Stop");
        ReadyTimeoutAction action = ReadyTimeoutAction.STOP;
        if (actionText.equalsIgnoreCase("Run")) {
            action = ReadyTimeoutAction.RUN;
        } else if (!actionText.equalsIgnoreCase("Stop") && !actionText.isEmpty()) {
            problem.accept("AppReadyTimeoutAction is '" + actionText + "': expected Stop or Run.");
        }
        Optional<Check> health = check(Param.APP_HEALTH_CHECK, text,
                EnumSet.of(Check.Kind.TCP, Check.Kind.HTTP, Check.Kind.CMD), base, problem);
        Optional<Check> start = check(Param.APP_START_CONDITION, text, EnumSet.of(Check.Kind.TCP), base, problem);
        Duration interval = millis(Param.APP_HEALTH_INTERVAL, dword);
        Duration timeout = millis(Param.APP_HEALTH_TIMEOUT, dword);
        long failures = dword.apply(Param.APP_HEALTH_FAILURES).orElse(3L);
        if (health.isPresent()) {
            if (interval.toMillis() < 100) {
                problem.accept("AppHealthInterval is " + interval.toMillis() + ": expected at least 100 (milliseconds"
                        + " between two liveness checks).");
            }
            if (timeout.toMillis() < 1) {
                problem.accept("AppHealthTimeout is 0: expected the milliseconds one liveness check may take (at least 1).");
            }
        }
        if (failures < 1) {
            problem.accept("AppHealthFailures is 0: expected how many failed checks in a row restart the program"
                    + " (at least 1).");
            failures = 1;
        }
        Duration silence = millis(Param.APP_HEALTH_SILENCE, dword);
        if (!silence.isZero() && silence.toMillis() < 100) {
            problem.accept("AppHealthSilence is " + silence.toMillis() + ": expected 0 (off) or at least 100 milliseconds.");
        }
        return new HealthSettings(ready, millis(Param.APP_READY_TIMEOUT, dword), action, health, interval, timeout,
                (int) Math.min(Integer.MAX_VALUE, failures), silence, start, millis(Param.APP_START_CONDITION_TIMEOUT, dword));
    }

    private static Optional<Check> check(Param param, Function<Param, Optional<String>> text, EnumSet<Check.Kind> allowed,
                                         Path base, Consumer<String> problem) {
        Optional<String> value = text.apply(param).map(String::strip).filter(s -> !s.isEmpty());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Check.parse(param, value.get(), allowed, base));
        } catch (IllegalArgumentException e) {
            problem.accept(e.getMessage());
            return Optional.empty();
        }
    }

    private static Duration millis(Param param, Function<Param, Optional<Long>> dword) {
        return Duration.ofMillis(dword.apply(param).orElse(0L));
    }
}
