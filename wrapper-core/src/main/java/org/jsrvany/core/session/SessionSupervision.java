package org.jsrvany.core.session;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jsrvany.core.process.SessionTarget;
import org.jsrvany.core.supervisor.SessionGate;
import org.jsrvany.core.supervisor.Supervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires {@link DesktopSessions} to a {@link Supervisor}: the service's start, every
 * {@code SERVICE_CONTROL_SESSIONCHANGE} and the program's own exits go through the state machine, and its
 * actions become {@link Supervisor#hold()} (end the run, not as a crash; wait) and {@link Supervisor#release()}
 * (start in the session the machine now names, which the process control asks at the launch through
 * {@link #target()}).
 *
 * <p>Session changes arrive on the SCM's dispatcher thread, which must return at once: they are queued to one
 * thread of this class, which lists the sessions and decides, in the order they came.
 */
public final class SessionSupervision implements SessionGate, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionSupervision.class);

    private final DesktopSessions sessions;
    private final SessionQuery query;
    private final Observer observer;
    private final ExecutorService events;
    private volatile Supervisor supervisor;
    /** What the observer heard last; null before the first: a repeated "waiting" is not said twice. */
    private Optional<SessionTarget.Placement> lastPlaced;

    /** Hears where the program runs now, for the published status and the event log. */
    public interface Observer {
        /**
         * @param where where the program runs (or is being started); empty = waiting for a logon
         * @param why   one sentence: what happened
         */
        void placed(Optional<SessionTarget.Placement> where, String why);
    }

    public SessionSupervision(DesktopSessions sessions, SessionQuery query, Observer observer) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.query = Objects.requireNonNull(query, "query");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jsrvany-sessions");
            t.setDaemon(true);
            return t;
        });
    }

    /** Where a launch goes: give it to the process control. */
    public SessionTarget target() {
        return sessions;
    }

    /**
     * Before {@link Supervisor#start()}: decides where the first run goes, and holds the supervisor when nobody is
     * logged on (it then reports RUNNING and waits).
     */
    public void attach(Supervisor s) {
        supervisor = Objects.requireNonNull(s, "supervisor");
        SessionSnapshot now;
        try {
            now = query.snapshot();
        } catch (RuntimeException e) {
            LOG.error("The sessions cannot be listed ({}); waiting for a session change", e.getMessage());
            now = SessionSnapshot.empty();
        }
        apply(sessions.start(now));
    }

    /**
     * A {@code SERVICE_CONTROL_SESSIONCHANGE}: queued, decided on this class's thread. Returns at once.
     *
     * @param eventType its {@code dwEventType} (WTS_*)
     * @param sessionId the {@code WTSSESSION_NOTIFICATION.dwSessionId}
     */
    public void sessionChanged(int eventType, int sessionId) {
        Optional<SessionEvent> event = SessionEvent.of(eventType);
        if (event.isEmpty()) {
            LOG.debug("Session change {} for session {} is not one jsrvany knows; ignored", eventType, sessionId);
            return;
        }
        events.execute(() -> {
            try {
                apply(sessions.on(event.get(), sessionId, query.snapshot()));
            } catch (RuntimeException e) {
                LOG.error("Session change {} for session {} could not be handled; nothing changed", event.get(),
                        sessionId, e);
            }
        });
    }

    /**
     * Looks at the sessions again (queued like a session change): for the moment after the start, before the
     * service accepted SESSIONCHANGE, when a logon would not have been heard.
     */
    public void recheck() {
        events.execute(() -> {
            try {
                apply(sessions.recheck(query.snapshot()));
            } catch (RuntimeException e) {
                LOG.error("The sessions could not be looked at again; nothing changed", e);
            }
        });
    }

    /** Asked by the supervisor, on its thread, when the program exited by itself. */
    @Override
    public boolean sessionEnded() {
        SessionSnapshot now;
        try {
            now = query.snapshot();
        } catch (RuntimeException e) {
            LOG.warn("The sessions cannot be listed ({}); the program's exit goes to AppExit", e.getMessage());
            return false;
        }
        DesktopSessions.Action a = sessions.programExited(now);
        if (a instanceof DesktopSessions.Action.ExitRules) {
            return false;
        }
        if (a instanceof DesktopSessions.Action.Move m) {
            placed(Optional.of(m.to()), m.reason());
            supervisor.release(); // handled after the supervisor has put itself on hold
        } else if (a instanceof DesktopSessions.Action.End e) {
            placed(Optional.empty(), e.reason());
        }
        return true;
    }

    @Override
    public void launchFoundNoUser() {
        sessions.launchFoundNoUser();
        placed(Optional.empty(), "the user was no longer logged on when the program was to start");
    }

    /** Tells the observer, unless it is the same wait again. */
    private synchronized void placed(Optional<SessionTarget.Placement> where, String why) {
        if (where.isEmpty() && lastPlaced != null && lastPlaced.isEmpty()) {
            LOG.debug("Still waiting for a logon ({})", why);
            return;
        }
        lastPlaced = where;
        observer.placed(where, why);
    }

    private void apply(DesktopSessions.Action a) {
        Supervisor s = supervisor;
        if (a instanceof DesktopSessions.Action.Launch l) {
            placed(Optional.of(l.to()), "starting the program in " + l.to());
            s.release();
        } else if (a instanceof DesktopSessions.Action.Move m) {
            placed(Optional.of(m.to()), m.reason() + "; moving the program from " + m.from() + " to " + m.to());
            s.hold();
            s.release();
        } else if (a instanceof DesktopSessions.Action.End e) {
            placed(Optional.empty(), e.reason() + "; the program ends and starts again at the next logon");
            s.hold();
        } else if (a instanceof DesktopSessions.Action.Wait w) {
            placed(Optional.empty(), w.reason());
            s.hold();
        }
        // Stay: nothing changes. ExitRules comes only from sessionEnded().
    }

    /** Stops the event thread (the service is ending). */
    @Override
    public void close() {
        events.shutdownNow();
    }
}
