package org.jsrvany.core.supervisor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock and scheduler that move only when the test says so. */
final class ManualTime extends Clock implements Scheduler {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<Task> tasks = new ArrayList<>();

    private static final class Task {
        final Instant due;
        final Runnable action;
        boolean cancelled;

        Task(Instant due, Runnable action) {
            this.due = due;
            this.action = action;
        }
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay), task);
        tasks.add(t);
        return () -> {
            synchronized (ManualTime.this) {
                t.cancelled = true;
            }
        };
    }

    /** Moves time forward and runs what fell due, in order. */
    void advance(Duration d) {
        List<Task> due = new ArrayList<>();
        synchronized (this) {
            now = now.plus(d);
            for (Task t : tasks) {
                if (!t.cancelled && !t.due.isAfter(now)) {
                    due.add(t);
                }
            }
            tasks.removeAll(due);
            due.sort(Comparator.comparing(t -> t.due));
        }
        due.forEach(t -> t.action.run());
    }

    /** The delays of the timers still pending, from now. */
    synchronized List<Duration> pendingDelays() {
        return tasks.stream().filter(t -> !t.cancelled).map(t -> Duration.between(now, t.due)).toList();
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
