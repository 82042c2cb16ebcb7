package org.jsrvany.core.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.jsrvany.core.config.StopPolicy;
import org.jsrvany.core.config.StopStep;

/**
 * The stop ladder's decisions for one stop, as a pure class (the supervisor delivers the steps and
 * keeps the timers): which step comes next, how long to wait after it, and how both shrink to fit a
 * shutdown deadline.
 *
 * <ul>
 *   <li>The steps are CONSOLE, WINDOW, THREADS, TERMINATE in that order, less those
 *       {@code AppStopMethodSkip} skips.</li>
 *   <li>After a graceful step that reached someone, wait its {@code AppStopMethod*} time; after one that
 *       did not apply (no window, no POSIX counterpart), go on at once.</li>
 *   <li>After TERMINATE, wait {@link #FINAL_GRACE} for the tree to die and its output to drain.</li>
 *   <li>At SHUTDOWN or PRESHUTDOWN the ladder must end within the budget less {@link #SHUTDOWN_MARGIN}:
 *       waits are cut to the deadline, and graceful steps not yet started once it has passed are
 *       skipped; TERMINATE is never skipped for time.</li>
 *   <li>When every step is used up and TERMINATE was skipped, the child is left running, as asked.</li>
 * </ul>
 */
public final class StopLadder {
    /** Time allowed, after the last stop step, for the tree to die and its output to drain. */
    public static final Duration FINAL_GRACE = Duration.ofSeconds(5);
    /** Kept back from a shutdown budget for reporting STOPPED and closing the output. */
    public static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(1);

    private final StopPolicy policy;
    private final Deque<StopStep> remaining = new ArrayDeque<>();
    private Instant deadline;

    /** A ladder with every step the policy does not skip. */
    public StopLadder(StopPolicy policy) {
        this.policy = policy;
        for (StopStep step : StopStep.values()) {
            if (!policy.skipped().contains(step)) {
                remaining.add(step);
            }
        }
    }

    /**
     * The longest a stop under this policy can take when nothing shortens it: every step's wait that
     * is not skipped, plus {@link #FINAL_GRACE}. What the installer waits for a service to stop is
     * based on this.
     */
    public static Duration worstCase(StopPolicy policy) {
        return new StopLadder(policy).remainingTime();
    }

    /** A shutdown arrived with this budget: the ladder must end by {@code now + budget - margin} (the earlier deadline wins). */
    public void fitInto(Duration budget, Instant now) {
        Duration usable = budget.minus(SHUTDOWN_MARGIN);
        Instant d = now.plus(usable.isNegative() ? Duration.ZERO : usable);
        if (deadline == null || d.isBefore(deadline)) {
            deadline = d;
        }
    }

    /**
     * The next step to deliver, or empty when none is left. Graceful steps are passed over once the
     * shutdown deadline has passed; {@code skippedForTime} hears each one.
     */
    public Optional<StopStep> next(Instant now, java.util.function.Consumer<StopStep> skippedForTime) {
        while (!remaining.isEmpty()) {
            StopStep step = remaining.poll();
            if (step != StopStep.TERMINATE && deadline != null && !now.isBefore(deadline)) {
                skippedForTime.accept(step);
                continue;
            }
            return Optional.of(step);
        }
        return Optional.empty();
    }

    /**
     * How long to wait for the child after delivering {@code step}; zero means go on to the next
     * step at once.
     *
     * @param delivered whether the step reached anyone
     */
    public Duration waitAfter(StopStep step, boolean delivered, Instant now) {
        if (step == StopStep.TERMINATE) {
            return FINAL_GRACE;
        }
        if (!delivered) {
            return Duration.ZERO;
        }
        return clamp(policy.waitAfter(step), now);
    }

    /** A wait starting {@code now}, cut to the shutdown deadline (zero once it has passed). */
    public Duration clamp(Duration wait, Instant now) {
        if (deadline == null) {
            return wait;
        }
        Duration left = Duration.between(now, deadline);
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(left) < 0 ? wait : left;
    }

    /** The most the steps not yet delivered can still take, with the final grace: the SCM's wait hint. */
    public Duration remainingTime() {
        Duration total = FINAL_GRACE;
        for (StopStep step : remaining) {
            total = total.plus(policy.waitAfter(step));
        }
        return total;
    }
}
