package org.jsrvany.core.supervisor;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay. Injected so that tests drive time by hand and never sleep. */
public interface Scheduler {

    /** A scheduled task that can be called off. */
    interface Cancellable {
        void cancel();
    }

    Cancellable schedule(Duration delay, Runnable task);

    /** The real one: a single daemon thread. */
    static Scheduler system() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jsrvany-timer");
            t.setDaemon(true);
            return t;
        });
        return (delay, task) -> {
            // A scheduled executor keeps a task's exception to itself: log it, or a failure would pass unseen.
            Runnable logged = () -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    org.slf4j.LoggerFactory.getLogger(Scheduler.class).error("A timer task failed", e);
                    throw e;
                }
            };
            ScheduledFuture<?> f = executor.schedule(logged, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
    }
}
