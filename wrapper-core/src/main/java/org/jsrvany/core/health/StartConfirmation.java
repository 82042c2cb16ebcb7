package org.jsrvany.core.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;

/**
 * When {@code jsrvany start} (and {@code restart}) may say a service started: once it is RUNNING and its
 * program passed its readiness check (the service stays START_PENDING until then, so RUNNING is enough)
 * or, without one, once the program survived its {@code AppThrottle} window. A program that exits inside
 * the window failed to start, whatever the service does next (stop, or restart it with back-off).
 */
public final class StartConfirmation {

    private StartConfirmation() {
    }

    /**
     * What decides the wait, from the service's stored parameters.
     *
     * @param readyCheck whether {@code AppReadyCheck} is set
     * @param throttle   {@code AppThrottle}
     */
    public record Window(boolean readyCheck, Duration throttle) {
        public Window {
            Objects.requireNonNull(throttle);
        }

        /** From stored values (a value of the wrong type counts as its default, as the loader does). */
        public static Window of(Map<Param, RawValue> stored) {
            boolean ready = stored.get(Param.APP_READY_CHECK) instanceof RawValue.Text t && !t.value().isBlank();
            long throttle = stored.get(Param.APP_THROTTLE) instanceof RawValue.Dword d ? d.value()
                    : stored.get(Param.APP_THROTTLE) instanceof RawValue.Text t
                    ? RawValue.Dword.parse(t.value()).map(RawValue.Dword::value).orElse(1500L) : 1500L;
            return new Window(ready, Duration.ofMillis(throttle));
        }
    }

    /** The verdict on a start that reached RUNNING. */
    public sealed interface Verdict {
        /** Started: ready, or survived the window. */
        record Confirmed() implements Verdict {
        }

        /** Look again in this long. */
        record Wait(Duration left) implements Verdict {
        }

        /** The program exited inside the window ({@code exitCode} when the service published it). */
        record ProgramExited(OptionalLong exitCode, Optional<Duration> after) implements Verdict {
        }

        /** The service is STOPPED again. */
        record Stopped() implements Verdict {
        }
    }

    /**
     * @param stopped        whether the service is STOPPED now
     * @param window         the service's readiness check and throttle
     * @param programStarted when the program started (published), or when RUNNING was first seen
     * @param exitSinceStart the exit code of a program run that ended since this service process started, if any
     * @param exitAfter      how long that run lasted, when known
     * @param now            now
     */
    public static Verdict judge(boolean stopped, Window window, Instant programStarted, OptionalLong exitSinceStart,
                                Optional<Duration> exitAfter, Instant now) {
        if (stopped) {
            return new Verdict.Stopped();
        }
        if (exitSinceStart.isPresent()) {
            return new Verdict.ProgramExited(exitSinceStart, exitAfter);
        }
        if (window.readyCheck()) {
            return new Verdict.Confirmed();
        }
        Duration left = Duration.between(now, programStarted.plus(window.throttle()));
        return left.isNegative() || left.isZero() ? new Verdict.Confirmed() : new Verdict.Wait(left);
    }
}
