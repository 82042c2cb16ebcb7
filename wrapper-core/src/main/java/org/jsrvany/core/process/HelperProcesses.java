package org.jsrvany.core.process;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;

/**
 * Starts the wrapper's helper processes (hooks, health-check commands) outside every run's containment. On
 * Linux every start goes through the {@link Spawner} thread: between starts the wrapper may wait inside the
 * next run's cgroup ({@link Cgroup#outsideSeat}), and a helper born there would belong to that run.
 */
public final class HelperProcesses {
    private HelperProcesses() {
    }

    /** {@code builder.start()}, in the wrapper's own cgroup. */
    public static Process start(ProcessBuilder builder) throws IOException {
        if (!Spawner.inUse()) {
            return builder.start(); // Windows, or no child started yet: nothing to stay out of
        }
        try {
            return Spawner.call(() -> Cgroup.outsideSeat(builder::start));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while starting " + builder.command().get(0));
        }
    }
}
