package org.jsrvany.launcher.service;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How long the stop ladder may take when Windows shuts down.
 *
 * @param shutdown    at SHUTDOWN: the system's {@code WaitToKillServiceTimeout} (5 s on current Windows)
 * @param preshutdown at PRESHUTDOWN: the service's preshutdown timeout; present only when one is
 *                    configured for the service, and only then is PRESHUTDOWN accepted (accepting it
 *                    makes Windows wait for the service before shutting down)
 */
record ShutdownBudgets(Duration shutdown, Optional<Duration> preshutdown) {
    /** Windows' default {@code WaitToKillServiceTimeout} since Windows 7. */
    static final Duration DEFAULT_SHUTDOWN = Duration.ofSeconds(5);
    /** Below this a stop ladder has no chance; a smaller setting is taken as this. */
    static final Duration MIN_SHUTDOWN = Duration.ofSeconds(1);

    ShutdownBudgets {
        if (shutdown.isNegative() || shutdown.isZero()) {
            throw new IllegalArgumentException("the shutdown budget must be positive: " + shutdown);
        }
    }

    /** When nothing could be learnt from the system: 5 s at SHUTDOWN, PRESHUTDOWN not accepted. */
    static ShutdownBudgets defaults() {
        return new ShutdownBudgets(DEFAULT_SHUTDOWN, Optional.empty());
    }

    /**
     * Decides the budgets from what the system says.
     *
     * @param waitToKillServiceTimeout {@code WaitToKillServiceTimeout} as stored (REG_SZ milliseconds), if any
     * @param preshutdownConfigured    whether the service's key holds a {@code PreshutdownTimeout} value
     * @param preshutdownMillis        what {@code QueryServiceConfig2(SERVICE_CONFIG_PRESHUTDOWN_INFO)} answered
     */
    static ShutdownBudgets decide(Optional<String> waitToKillServiceTimeout, boolean preshutdownConfigured,
                                  OptionalLong preshutdownMillis) {
        Duration shutdown = DEFAULT_SHUTDOWN;
        if (waitToKillServiceTimeout.isPresent()) {
            try {
                long ms = Long.parseLong(waitToKillServiceTimeout.get().strip());
                shutdown = ms < MIN_SHUTDOWN.toMillis() ? MIN_SHUTDOWN : Duration.ofMillis(ms);
            } catch (NumberFormatException e) {
                // A malformed system value: Windows falls back to its default too.
            }
        }
        Optional<Duration> preshutdown = Optional.empty();
        if (preshutdownConfigured && preshutdownMillis.isPresent() && preshutdownMillis.getAsLong() > 0) {
            preshutdown = Optional.of(Duration.ofMillis(preshutdownMillis.getAsLong()));
        }
        return new ShutdownBudgets(shutdown, preshutdown);
    }
}
