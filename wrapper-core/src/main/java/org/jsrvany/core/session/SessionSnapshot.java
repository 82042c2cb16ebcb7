package org.jsrvany.core.session;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The machine's sessions at one moment: the session attached to the physical console
 * ({@code WTSGetActiveConsoleSessionId}; empty while the console is being switched, 0xFFFFFFFF) and every
 * session Windows lists.
 */
public record SessionSnapshot(OptionalInt console, List<SessionInfo> sessions) {
    public SessionSnapshot {
        sessions = sessions.stream().sorted(Comparator.comparingInt(SessionInfo::id)).toList();
    }

    /** Nobody anywhere: no console, no sessions. */
    public static SessionSnapshot empty() {
        return new SessionSnapshot(OptionalInt.empty(), List.of());
    }

    /** The session with this id. */
    public Optional<SessionInfo> session(int id) {
        return sessions.stream().filter(s -> s.id() == id).findFirst();
    }

    /** The console's session, if it is listed. */
    public Optional<SessionInfo> consoleSession() {
        return console.isPresent() ? session(console.getAsInt()) : Optional.empty();
    }
}
