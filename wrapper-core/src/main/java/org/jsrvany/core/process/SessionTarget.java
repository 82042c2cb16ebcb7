package org.jsrvany.core.process;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a launch into an interactive user's session goes ({@code AppSession} Console or Active): asked at
 * every launch, so a restart follows the user. Implemented by {@code org.jsrvany.core.session.DesktopSessions}.
 */
public interface SessionTarget {

    /** The session and user to start the program in now; empty when nobody is logged on as the rule asks. */
    Optional<Placement> placement();

    /**
     * A session with its logged-on user.
     *
     * @param session the Windows session id
     * @param user    the user logged on to it, {@code DOMAIN\name}
     */
    record Placement(int session, String user) {
        public Placement {
            Objects.requireNonNull(user, "user");
        }

        @Override
        public String toString() {
            return "session " + session + " (" + user + ")";
        }
    }
}
