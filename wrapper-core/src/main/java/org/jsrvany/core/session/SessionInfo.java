package org.jsrvany.core.session;

import java.util.Objects;
import java.util.Optional;

/**
 * One session as Windows lists it ({@code WTSEnumerateSessionsW}, the user from
 * {@code WTSQuerySessionInformationW}).
 *
 * @param id    the session id
 * @param state its connection state
 * @param user  the logged-on user, {@code DOMAIN\name}; empty when nobody is logged on (a logon screen, a
 *              listener, session 0)
 */
public record SessionInfo(int id, State state, Optional<String> user) {
    public SessionInfo {
        Objects.requireNonNull(state, "state");
        user = Objects.requireNonNull(user, "user").filter(u -> !u.isBlank() && !u.endsWith("\\"));
    }

    /** A session with a logged-on user. */
    public static SessionInfo of(int id, State state, String user) {
        return new SessionInfo(id, state, Optional.ofNullable(user));
    }

    /**
     * {@code WTS_CONNECTSTATE_CLASS}, reduced to what the rule needs.
     */
    public enum State {
        /** {@code WTSActive}: a user works in it (at the console or over Remote Desktop). */
        ACTIVE,
        /** {@code WTSConnected}: connected, nobody logged on yet (the logon screen). */
        CONNECTED,
        /** {@code WTSDisconnected}: the user is still logged on but not connected (switched away, RDP closed). */
        DISCONNECTED,
        /** Listening, shadowing, resetting, down or initializing. */
        OTHER;

        /** The state for a {@code WTS_CONNECTSTATE_CLASS} value. */
        public static State of(int wtsState) {
            return switch (wtsState) {
                case 0 -> ACTIVE;
                case 1 -> CONNECTED;
                case 4 -> DISCONNECTED;
                default -> OTHER;
            };
        }
    }
}
