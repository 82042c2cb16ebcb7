package org.jsrvany.launcher.service;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.ParameterStore;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.StoredParameters;
import org.jsrvany.core.process.ProcessControl;
import org.jsrvany.core.supervisor.Scheduler;

/**
 * A {@link ServiceRun.Host} that records what the SCM and the event log would receive, and in
 * {@link #journal()} every call to the platform in the order it happened ("status START_PENDING",
 * "log started", "events opened", "events closed", "log stopped", "ended 3", "event 1 after close").
 */
final class RecordingHost {
    final List<ScmStatus> statuses = new ArrayList<>();
    private final List<String> journal = new ArrayList<>();
    /** Where the service publishes its status; null for none. */
    java.nio.file.Path statusFile;
    final List<EventMessage> events = new ArrayList<>();
    final List<Integer> endedWith = new ArrayList<>();
    final List<String> warningsSeen = new ArrayList<>();

    /**
     * The given in-memory parameters as the service's store: what the registry store would hand over,
     * read by the real loader in the service. {@code foreign} names values the table does not know (a
     * warning each).
     */
    static ParameterStore configs(MapSource source, List<String> foreign) {
        Map<Param, RawValue> values = new EnumMap<>(Param.class);
        for (Param p : Param.values()) {
            source.value(p).ifPresent(v -> values.put(p, v));
        }
        Map<String, String> unknown = new LinkedHashMap<>();
        foreign.forEach(name -> unknown.put(name, "REG_SZ"));
        StoredParameters stored = new StoredParameters(values, source.exitActions(), unknown, true);
        return new ParameterStore() {
            @Override
            public String describe(String service) {
                return source.describe();
            }

            @Override
            public StoredParameters read(String service) {
                return stored;
            }

            @Override
            public void write(String service, Param param, RawValue value) {
                throw new UnsupportedOperationException("the service never writes its parameters");
            }

            @Override
            public void delete(String service, Param param) {
                throw new UnsupportedOperationException("the service never writes its parameters");
            }

            @Override
            public void writeExitActions(String service, Map<String, String> actions) {
                throw new UnsupportedOperationException("the service never writes its parameters");
            }

            @Override
            public void deleteAll(String service) {
                throw new UnsupportedOperationException("the service never writes its parameters");
            }
        };
    }

    ServiceRun.Host host(ParameterStore configs, Supplier<ProcessControl> processes,
                         Supplier<ShutdownBudgets> budgets, Scheduler scheduler) {
        return host(this::status, configs, processes, budgets, scheduler);
    }

    /** The host around a given status sink (what ServiceMain builds once the handler is registered). */
    ServiceRun.Host host(java.util.function.Consumer<ScmStatus> status, ParameterStore configs,
                         Supplier<ProcessControl> processes, Supplier<ShutdownBudgets> budgets, Scheduler scheduler) {
        return new ServiceRun.Host(status, () -> {
            note("log started");
            return "test.log";
        }, () -> {
            note("events opened");
            return sink();
        }, () -> note("log stopped"), configs, processes, budgets, this::ended, scheduler, Clock.systemUTC(), "test",
                () -> statusFile);
    }

    synchronized void status(ScmStatus s) {
        statuses.add(s);
        journal.add("status " + stateName(s.currentState()));
        notifyAll();
    }

    private static String stateName(int state) {
        return switch (state) {
            case ScmStatus.SERVICE_STOPPED -> "STOPPED";
            case ScmStatus.SERVICE_START_PENDING -> "START_PENDING";
            case ScmStatus.SERVICE_STOP_PENDING -> "STOP_PENDING";
            case ScmStatus.SERVICE_RUNNING -> "RUNNING";
            case ScmStatus.SERVICE_CONTINUE_PENDING -> "CONTINUE_PENDING";
            case ScmStatus.SERVICE_PAUSE_PENDING -> "PAUSE_PENDING";
            case ScmStatus.SERVICE_PAUSED -> "PAUSED";
            default -> Integer.toString(state);
        };
    }

    synchronized void note(String call) {
        journal.add(call);
    }

    private synchronized void ended(int code) {
        endedWith.add(code);
        journal.add("ended " + code);
        notifyAll();
    }

    private EventSink sink() {
        return new EventSink() {
            private boolean closed;

            @Override
            public void post(EventMessage event) {
                synchronized (RecordingHost.this) {
                    if (closed) {
                        journal.add("event " + event.id() + " after close");
                    } else {
                        events.add(event);
                    }
                }
            }

            @Override
            public boolean flush(Duration timeout) {
                return true;
            }

            @Override
            public void close() {
                synchronized (RecordingHost.this) {
                    closed = true;
                    journal.add("events closed");
                }
            }
        };
    }

    /** Every platform call so far, in order. */
    synchronized List<String> journal() {
        return List.copyOf(journal);
    }

    synchronized List<ScmStatus> statuses() {
        return List.copyOf(statuses);
    }

    synchronized List<Integer> eventIds() {
        return events.stream().map(EventMessage::id).toList();
    }

    synchronized List<EventMessage> events() {
        return List.copyOf(events);
    }

    synchronized ScmStatus lastStatus() {
        return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1);
    }

    /** A scheduler whose tasks never run: for flows that end before any timer matters. */
    static Scheduler idleScheduler() {
        return (delay, task) -> () -> { };
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
