package org.jsrvany.core.process;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one long-lived thread that starts every process of the POSIX control: Linux sends the
 * parent-death signal when the <em>thread</em> that started the child ends, and a start into a cgroup
 * moves the whole wrapper there for its length (see {@link Cgroup#enter}), so no other start may
 * run meanwhile.
 */
final class Spawner {
    private static volatile Thread thread;
    /** One thread; scheduled only so that {@link #after} needs no thread of its own. */
    private static final ScheduledExecutorService EXECUTOR = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jsrvany-spawner");
        t.setDaemon(true);
        thread = t;
        return t;
    });

    private Spawner() {
    }

    /**
     * Runs {@code task} on the spawner thread after what is queued there, without waiting for it. A
     * failure stays in the task's future: the thread must not end (its children would get their
     * parent-death signal).
     */
    static void later(Runnable task) {
        EXECUTOR.submit(task);
    }

    /** True once the spawner thread exists (the POSIX control started something). */
    static boolean inUse() {
        return thread != null;
    }

    /** Runs {@code task} on the spawner thread (at once when already on it) and returns its result. */
    static <T> T call(Callable<T> task) throws ExecutionException, InterruptedException {
        if (Thread.currentThread() == thread) {
            try {
                return task.call();
            } catch (Exception e) {
                throw new ExecutionException(e);
            }
        }
        Future<T> f = EXECUTOR.submit(task);
        return f.get();
    }

    /** Like {@link #later}, not before {@code millis} have passed; the thread is free meanwhile. */
    static void after(long millis, Runnable task) {
        EXECUTOR.schedule(task, millis, TimeUnit.MILLISECONDS);
    }
}
