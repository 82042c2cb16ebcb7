package org.jsrvany.core.supervisor;

import java.time.Duration;

/** What to do after the child exited by itself. */
public sealed interface ExitDecision {

    /** Start again after {@code delay}; {@code unhealthyRuns} is the back-off counter to keep. */
    record Restart(Duration delay, int unhealthyRuns) implements ExitDecision {
    }

    /** Keep the service running without a child (srvany's behaviour). */
    record Ignore() implements ExitDecision {
    }

    /** Stop the service, reporting the child's exit code. */
    record Exit(int exitCode) implements ExitDecision {
    }

    /** The program exited before it passed its readiness check: the service's start fails (not ready). */
    record NotReady() implements ExitDecision {
    }

    /** End the wrapper without reporting STOPPED, so the SCM's recovery actions run. */
    record Suicide(int exitCode) implements ExitDecision {
    }
}
