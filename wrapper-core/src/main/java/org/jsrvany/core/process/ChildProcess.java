package org.jsrvany.core.process;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jsrvany.core.config.StopStep;

/** One run of the child, with the tree it starts. Only the supervisor's thread calls it. */
public interface ChildProcess extends AutoCloseable {

    long pid();

    /** The command line as the child was started, for logs and events. */
    String commandLine();

    /** Completes with the main process's exit code. */
    CompletableFuture<Integer> onExit();

    /** The child's standard output (a pipe), or null when not captured. */
    InputStream stdout();

    /** The child's standard error (a pipe), or null when merged or not captured. */
    InputStream stderr();

    /**
     * Delivers one step of the stop ladder to the child (its whole tree, unless AppKillProcessTree=0).
     *
     * @return true when something received it and waiting for the child makes sense; false when the
     *     step does not apply (no window, no POSIX counterpart) or nobody was left to receive it
     */
    boolean deliver(StopStep step);

    /**
     * {@link #deliver(StopStep)} within a time budget, the time the stop ladder will wait after this step
     * (already cut to a shutdown deadline): delivering must not take longer. Only Windows' Ctrl+C can take
     * time (a helper process, in the foreground); everything else delivers at once, as the default does.
     */
    default boolean deliver(StopStep step, Duration budget) {
        return deliver(step);
    }

    /**
     * What the platform could not do for this run as it should, one sentence each (Windows: the tree is
     * not contained because the wrapper runs in a job that allows no breakaway): logged and written to the
     * event log once the child has started. Empty by default.
     */
    default List<String> launchWarnings() {
        return List.of();
    }

    /** Freezes the child's tree; returns once the freeze is observable. */
    void suspend();

    /** Thaws the child's tree. */
    void resume();

    /** After the main process ended: kills whatever is left of its tree (when the tree is managed). */
    void killRemaining();

    /**
     * The processes, other than the wrapper, that still hold the child's output pipes ("pid 12 (sleep)"),
     * for the log line when the output did not reach its end in time; empty when the platform cannot tell.
     */
    default List<String> outputHolders() {
        return List.of();
    }

    /**
     * What the tree uses now (pids, memory, CPU), for the published status; may be called from any thread.
     * Empty when the platform cannot tell or the run has ended.
     */
    default java.util.Optional<TreeUsage> usage() {
        return java.util.Optional.empty();
    }

    /**
     * Where the platform's notices of a limit reached by this run's tree go (see {@code AppMemoryLimit}); called
     * once, right after the launch, by the supervisor. Called back on a thread of the platform's. By default no
     * notices come.
     */
    default void onLimitBreach(java.util.function.Consumer<LimitBreach> handler) {
    }

    /** Releases handles. Idempotent; does not kill a child that is still running. */
    @Override
    void close();
}
