package org.jsrvany.core.session;

import java.util.Objects;
import java.util.Optional;
import org.jsrvany.core.config.SessionMode;
import org.jsrvany.core.config.SessionRule;
import org.jsrvany.core.process.SessionTarget;

/**
 * The session state machine of {@code AppSession} Console and Active: which session the program runs in,
 * and what a session change, the service's start and the program's own exit mean for it. Pure: it is
 * given the machine's sessions ({@link SessionSnapshot}) with each event and answers with an
 * {@link Action}; the caller ends and starts runs.
 *
 * <p>The rule (docs/desktop-session.md):
 * <ul>
 *   <li>Console: the session attached to the physical console, while a user (the one of
 *       {@code AppSessionUser}, if set) is logged on to it.</li>
 *   <li>Active: the session the program runs in, while it stays active; else the console's session when it
 *       is active; else the active session with the lowest id. Remote Desktop sessions count.</li>
 *   <li>Sticky: the program stays in its session while its user is logged on there, unless the rule picks
 *       another session with a user (then it moves: ended there, started here). A user who disconnects (a
 *       closed Remote Desktop window, a switch to another user who has not logged on yet) keeps the program,
 *       and finds it again on reconnecting.</li>
 *   <li>Logoff (or the session ending) ends the program as expected, not as a crash: no exit rule, no
 *       back-off; it starts again at the next logon the rule accepts.</li>
 *   <li>Lock, unlock and remote control change nothing.</li>
 *   <li>The program exiting by itself while its user is still logged on: {@code AppExit} applies as for any
 *       program ({@link Action.ExitRules}), the restart going to the same session.</li>
 *   <li>Stop and shutdown are the service's own: they end the program through the stop ladder whatever
 *       the session; nothing here is asked.</li>
 * </ul>
 *
 * <p>Thread-safe: session events, the supervisor's questions and launches may come from different
 * threads.
 */
public final class DesktopSessions implements SessionTarget {
    private final SessionRule rule;
    /** Where the program runs, or is to start at the next launch; null = nowhere, waiting for a logon. */
    private Placement current;

    /** What the caller does. */
    public sealed interface Action {
        /** Nobody is logged on as the rule asks: nothing runs; wait for a logon. */
        record Wait(String reason) implements Action {
        }

        /** Start the program in this session (nothing runs now). */
        record Launch(Placement to) implements Action {
        }

        /** Nothing changes. */
        record Stay() implements Action {
        }

        /** End the program's run (not a crash: no exit rule, no back-off) and wait for the next logon. */
        record End(Placement from, String reason) implements Action {
        }

        /** End the run in {@code from} (not a crash) and start the program in {@code to}. */
        record Move(Placement from, Placement to, String reason) implements Action {
        }

        /** The program exited by itself and its user is still logged on: {@code AppExit} decides as usual. */
        record ExitRules() implements Action {
        }
    }

    public DesktopSessions(SessionRule rule) {
        this.rule = Objects.requireNonNull(rule, "rule");
        if (!rule.desktop()) {
            throw new IllegalArgumentException("AppSession is Service: the program runs in the service's session");
        }
    }

    public SessionRule rule() {
        return rule;
    }

    /** Where the next launch goes; empty while waiting for a logon. */
    @Override
    public synchronized Optional<Placement> placement() {
        return Optional.ofNullable(current);
    }

    /** The service starts: run the program if someone the rule accepts is logged on, else wait. */
    public synchronized Action start(SessionSnapshot sessions) {
        current = null;
        return decide(sessions, Optional.empty(), "the service started");
    }

    /**
     * A {@code SERVICE_CONTROL_SESSIONCHANGE}.
     *
     * @param event    its event type
     * @param session  the session it is about ({@code WTSSESSION_NOTIFICATION.dwSessionId})
     * @param sessions the sessions as they are now
     */
    public synchronized Action on(SessionEvent event, int session, SessionSnapshot sessions) {
        if (event.changesNothing()) {
            return new Action.Stay();
        }
        // A session logging off may still be listed with its user for a moment: it is gone for the rule.
        Optional<Integer> leaving = event == SessionEvent.LOGOFF || event == SessionEvent.TERMINATE
                ? Optional.of(session) : Optional.empty();
        return decide(sessions, leaving, describe(event, session));
    }

    /** A look at the sessions without an event (the service has just started accepting session changes). */
    public synchronized Action recheck(SessionSnapshot sessions) {
        return decide(sessions, Optional.empty(), "the sessions were looked at again");
    }

    /**
     * The program exited by itself (not stopped by us).
     *
     * @return {@link Action.ExitRules} when its user is still logged on to its session; else {@link Action.End}
     *     or {@link Action.Move} (the session ended with it: a logoff seen before its notification)
     */
    public synchronized Action programExited(SessionSnapshot sessions) {
        if (current == null || loggedOn(sessions, current)) {
            return new Action.ExitRules();
        }
        return decide(sessions, Optional.empty(), "the program's session ended with it");
    }

    /** Nothing runs any more because a launch found no user token: wait for the next logon. */
    public synchronized void launchFoundNoUser() {
        current = null;
    }

    private Action decide(SessionSnapshot sessions, Optional<Integer> leaving, String why) {
        SessionSnapshot usable = leaving.map(id -> new SessionSnapshot(sessions.console(),
                sessions.sessions().stream().filter(s -> s.id() != id).toList())).orElse(sessions);
        Optional<Placement> preferred = choose(rule, usable, Optional.ofNullable(current));
        Placement from = current;
        if (from == null) {
            if (preferred.isEmpty()) {
                return new Action.Wait(waitingFor(rule) + " (" + why + ")");
            }
            current = preferred.get();
            return new Action.Launch(current);
        }
        boolean stillThere = loggedOn(usable, from);
        if (preferred.isPresent() && !preferred.get().equals(from)) {
            current = preferred.get();
            return new Action.Move(from, current, (stillThere ? "" : from.user() + " logged off; ") + why);
        }
        if (stillThere) {
            return new Action.Stay();
        }
        current = null;
        return new Action.End(from, from.user() + " logged off from session " + from.session() + " (" + why + ")");
    }

    /**
     * Which session the rule picks now: a pure function of the rule, the sessions and where the program runs.
     */
    static Optional<Placement> choose(SessionRule rule, SessionSnapshot sessions, Optional<Placement> current) {
        if (rule.mode() == SessionMode.CONSOLE) {
            return sessions.consoleSession().flatMap(s -> accepted(rule, s));
        }
        Optional<Placement> stay = current.flatMap(c -> sessions.session(c.session()))
                .filter(s -> s.state() == SessionInfo.State.ACTIVE)
                .flatMap(s -> accepted(rule, s))
                .filter(p -> p.equals(current.get()));
        if (stay.isPresent()) {
            return stay;
        }
        Optional<Placement> console = sessions.consoleSession()
                .filter(s -> s.state() == SessionInfo.State.ACTIVE)
                .flatMap(s -> accepted(rule, s));
        if (console.isPresent()) {
            return console;
        }
        return sessions.sessions().stream()
                .filter(s -> s.state() == SessionInfo.State.ACTIVE)
                .map(s -> accepted(rule, s))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<Placement> accepted(SessionRule rule, SessionInfo s) {
        return s.user().filter(rule::accepts).map(u -> new Placement(s.id(), u));
    }

    private static boolean loggedOn(SessionSnapshot sessions, Placement p) {
        return sessions.session(p.session()).flatMap(SessionInfo::user)
                .filter(u -> u.equalsIgnoreCase(p.user())).isPresent();
    }

    /** "waiting for a user to log on at the console", for the status and the event log. */
    public static String waitingFor(SessionRule rule) {
        String who = rule.user().map(u -> u + " to log on").orElse("a user to log on");
        return "waiting for " + who + (rule.mode() == SessionMode.CONSOLE ? " at the console"
                : " (console or Remote Desktop)");
    }

    private static String describe(SessionEvent event, int session) {
        String what = switch (event) {
            case CONSOLE_CONNECT -> "session %d connected to the console";
            case CONSOLE_DISCONNECT -> "session %d disconnected from the console";
            case REMOTE_CONNECT -> "session %d connected remotely";
            case REMOTE_DISCONNECT -> "session %d disconnected remotely";
            case LOGON -> "a user logged on to session %d";
            case LOGOFF -> "the user of session %d logged off";
            case CREATE -> "session %d was created";
            case TERMINATE -> "session %d ended";
            default -> event + " in session %d";
        };
        return String.format(what, session);
    }
}
