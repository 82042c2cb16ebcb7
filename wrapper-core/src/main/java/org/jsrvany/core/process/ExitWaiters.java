package org.jsrvany.core.process;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Threads that wait for the exit of a process this control started (a run's main process, its
 * watchdog), reused from one run to the next. Not {@code Process.onExit()}: it completes through
 * {@code handleAsync} on the common pool, which on a machine with one or two processors starts a new
 * thread for every exit, and every new thread takes a fresh allocation buffer from the young generation:
 * megabytes of heap per restart. Daemon threads; an idle one ends after a minute.
 */
final class ExitWaiters {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jsrvany-exit-wait");
        t.setDaemon(true);
        return t;
    });

    private ExitWaiters() {
    }

    /**
     * Completes with {@code process}'s exit code once it has ended, on a reused waiter thread (dependent
     * actions added without an executor run there too: keep them short).
     */
    static CompletableFuture<Integer> exitOf(Process process) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        THREADS.execute(() -> {
            try {
                exit.complete(process.waitFor());
            } catch (InterruptedException e) {
                exit.completeExceptionally(e);
            } catch (RuntimeException | Error e) {
                exit.completeExceptionally(e);
                throw e;
            }
        });
        return exit;
    }
}
