package org.jsrvany.core.supervisor;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.StopStep;
import org.jsrvany.core.process.ChildProcess;
import org.jsrvany.core.process.LaunchException;
import org.jsrvany.core.process.ProcessControl;

/** The process boundary, faked: children that record what they were sent and exit when told. */
final class FakeProcessControl implements ProcessControl {
    final List<FakeChild> children = Collections.synchronizedList(new ArrayList<>());
    volatile Set<StopStep> diesOn = EnumSet.of(StopStep.TERMINATE);
    volatile Set<StopStep> notApplicable = EnumSet.noneOf(StopStep.class);
    volatile String failLaunch;
    /** Launches find nobody logged on to the user's session (AppSession): {@code LaunchException.sessionGone}. */
    volatile boolean noSession;
    /** What each new child reports as its launch warnings. */
    volatile List<String> launchWarnings = List.of();

    @Override
    public ChildProcess launch(ServiceConfig config) throws LaunchException {
        if (failLaunch != null) {
            throw new LaunchException(failLaunch, 2, null);
        }
        if (noSession) {
            throw LaunchException.sessionGone("nobody is logged on to session 1", 1008, null);
        }
        FakeChild c = new FakeChild(1000 + children.size());
        children.add(c);
        return c;
    }

    FakeChild last() {
        return children.get(children.size() - 1);
    }

    final class FakeChild implements ChildProcess {
        final long pid;
        final CompletableFuture<Integer> exit = new CompletableFuture<>();
        final List<String> received = Collections.synchronizedList(new ArrayList<>());
        final List<String> warnings = launchWarnings;
        /** The budget each step was delivered with, as "STEP=millis". */
        final List<String> budgets = Collections.synchronizedList(new ArrayList<>());
        volatile boolean closed;
        /** Where the supervisor wants limit breaches ({@link #onLimitBreach}). */
        volatile java.util.function.Consumer<org.jsrvany.core.process.LimitBreach> breaches;

        FakeChild(long pid) {
            this.pid = pid;
        }

        void exit(int code) {
            exit.complete(code);
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public String commandLine() {
            return "\"fake\"";
        }

        @Override
        public CompletableFuture<Integer> onExit() {
            return exit;
        }

        @Override
        public InputStream stdout() {
            return null;
        }

        @Override
        public InputStream stderr() {
            return null;
        }

        @Override
        public List<String> launchWarnings() {
            return warnings;
        }

        @Override
        public boolean deliver(StopStep step, java.time.Duration budget) {
            budgets.add(step.name() + "=" + budget.toMillis());
            return deliver(step);
        }

        @Override
        public boolean deliver(StopStep step) {
            received.add(step.name());
            if (notApplicable.contains(step)) {
                return false;
            }
            if (diesOn.contains(step)) {
                exit(step == StopStep.TERMINATE ? 1 : 0);
            }
            return true;
        }

        @Override
        public void onLimitBreach(java.util.function.Consumer<org.jsrvany.core.process.LimitBreach> handler) {
            breaches = handler;
        }

        /** The platform reports that the tree reached its memory limit. */
        void breachMemory() {
            breaches.accept(new org.jsrvany.core.process.LimitBreach(org.jsrvany.core.process.LimitBreach.Kind.MEMORY,
                    "the job reached its 64 MiB"));
        }

        @Override
        public void suspend() {
            received.add("SUSPEND");
        }

        @Override
        public void resume() {
            received.add("RESUME");
        }

        @Override
        public void killRemaining() {
            received.add("KILL_REMAINING");
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
