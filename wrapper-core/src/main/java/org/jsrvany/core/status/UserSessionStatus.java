package org.jsrvany.core.status;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a service with {@code AppSession} Console or Active runs its program (docs/desktop-session.md): in which
 * session and as which user, or that it waits for a logon. Part of {@link PublishedStatus}; absent for a service
 * whose program runs in the service's own session.
 *
 * @param mode    the {@code AppSession} value, {@code Console} or {@code Active}
 * @param session the Windows session id the program runs (or is being started) in; empty while it waits for a logon
 * @param user    the user of that session, {@code DOMAIN\name}; empty while it waits
 */
public record UserSessionStatus(String mode, OptionalLong session, Optional<String> user) {
    public UserSessionStatus {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(session, "session");
        user = Objects.requireNonNull(user, "user").map(String::strip).filter(u -> !u.isEmpty());
        mode = mode.strip();
        if (mode.isEmpty()) {
            throw new IllegalArgumentException("mode must name the AppSession value (Console or Active)");
        }
        if (session.isPresent() && session.getAsLong() < 0) {
            throw new IllegalArgumentException("session must be zero or more, not " + session.getAsLong());
        }
    }

    /** Waiting for a logon under {@code mode}. */
    public static UserSessionStatus waiting(String mode) {
        return new UserSessionStatus(mode, OptionalLong.empty(), Optional.empty());
    }

    /** Running (or being started) in {@code session} as {@code user}. */
    public static UserSessionStatus in(String mode, long session, String user) {
        return new UserSessionStatus(mode, OptionalLong.of(session), Optional.of(user));
    }

    /** Whether the service waits for a logon (no session to run the program in). */
    public boolean waiting() {
        return session.isEmpty();
    }

    /**
     * For people: {@code "session 1, user PC\alice (AppSession Console)"} or
     * {@code "waiting for a logon (AppSession Active)"}.
     */
    public String text() {
        String where = session.isPresent()
                ? "session " + session.getAsLong() + user.map(u -> ", user " + u).orElse("")
                : "waiting for a logon";
        return where + " (AppSession " + mode + ")";
    }
}
