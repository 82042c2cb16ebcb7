package org.jsrvany.core.supervisor;

import java.time.Duration;

/**
 * What to do after the child exited by itself. Each says it in words for the log line of the exit
 * ({@code toString}): a record's generated {@code toString} is bootstrapped through method handles at its
 * first call, about 20 ms spent between the first exit and the next start (issue 12).
 */
public sealed interface ExitDecision {

    /** Start again after {@code delay}; {@code unhealthyRuns} is the back-off counter to keep. */
    record Restart(Duration delay, int unhealthyRuns) implements ExitDecision {
        @Override
        public String toString() {
            return "restart " + (delay.isZero() ? "at once" : "in " + delay.toMillis() + " ms")
                    + (unhealthyRuns > 0 ? " (quick exits in a row: " + unhealthyRuns + ")" : "");
        }
    }

    /** Keep the service running without a child (srvany's behaviour). */
    record Ignore() implements ExitDecision {
        @Override
        public String toString() {
            return "ignore (the service keeps running without the program)";
        }
    }

    /** Stop the service, reporting the child's exit code. */
    record Exit(int exitCode) implements ExitDecision {
        @Override
        public String toString() {
            return "stop the service (exit code " + exitCode + ")";
        }
    }

    /** The program exited before it passed its readiness check: the service's start fails (not ready). */
    record NotReady() implements ExitDecision {
        @Override
        public String toString() {
            return "the start fails (the program exited before it was ready)";
        }
    }

    /** End the wrapper without reporting STOPPED, so the SCM's recovery actions run. */
    record Suicide(int exitCode) implements ExitDecision {
        @Override
        public String toString() {
            return "end without reporting STOPPED (exit code " + exitCode + "), so the recovery actions run";
        }
    }
}
