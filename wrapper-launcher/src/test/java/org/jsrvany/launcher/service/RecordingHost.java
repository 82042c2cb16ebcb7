package org.jsrvany.launcher.service;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jsrvany.core.config.ConfigException;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.process.ProcessControl;
import org.jsrvany.core.supervisor.Scheduler;

/** A {@link ServiceRun.Host} that records what the SCM and the event log would receive. */
final class RecordingHost {
    final List<ScmStatus> statuses = new ArrayList<>();
    /** Where the service publishes its status; null for none. */
    java.nio.file.Path statusFile;
    final List<EventMessage> events = new ArrayList<>();
    final List<Integer> endedWith = new ArrayList<>();
    final List<String> warningsSeen = new ArrayList<>();

    /** Reads the given in-memory parameters with the real loader, as the registry reader would. */
    static ServiceRun.ConfigReader configs(MapSource source, List<String> extraWarnings) {
        return new ServiceRun.ConfigReader() {
            @Override
            public String where(String serviceName) {
                return source.describe();
            }

            @Override
            public ServiceConfig read(String serviceName, Consumer<String> warnings) throws ConfigException {
                extraWarnings.forEach(warnings);
                return new ConfigLoader(System.getenv(), false, warnings).load(serviceName, source);
            }
        };
    }

    ServiceRun.Host host(ServiceRun.ConfigReader configs, Supplier<ProcessControl> processes,
                         Supplier<ShutdownBudgets> budgets, Scheduler scheduler) {
        return new ServiceRun.Host(this::status, sink(), configs, processes, budgets, this::ended, scheduler,
                Clock.systemUTC(), "test", "test.log", statusFile);
    }

    private synchronized void status(ScmStatus s) {
        statuses.add(s);
        notifyAll();
    }

    private synchronized void ended(int code) {
        endedWith.add(code);
        notifyAll();
    }

    private EventSink sink() {
        return new EventSink() {
            @Override
            public void post(EventMessage event) {
                synchronized (RecordingHost.this) {
                    events.add(event);
                }
            }

            @Override
            public boolean flush(Duration timeout) {
                return true;
            }
        };
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
