package org.jsrvany.core.win32.process;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The decisions around a user's token, in plain Java (tested on any OS); {@link UserToken} makes the calls.
 */
final class SessionTokens {
    /** Accounts whose token never goes to a program on a user's desktop: SYSTEM, LocalService, NetworkService. */
    static final List<String> SERVICE_SIDS = List.of("S-1-5-18", "S-1-5-19", "S-1-5-20");

    private SessionTokens() {
    }

    /** Which token the child gets. */
    enum Choice {
        /** The token {@code WTSQueryUserToken} gave: the user's own (the filtered one under UAC). */
        OWN,
        /** Its linked token: the elevated half of an administrator's split token. */
        LINKED
    }

    /**
     * {@code AppSessionElevated} against the token's {@code TokenElevationType}: the linked token only when it
     * was asked for and the user's token is the filtered half of a split token; otherwise the user's own
     * token (already elevated with UAC off or when it is the full half; a standard user has nothing more).
     */
    static Choice choose(boolean elevatedAsked, int elevationType) {
        return elevatedAsked && elevationType == Advapi32Ex.TokenElevationTypeLimited ? Choice.LINKED : Choice.OWN;
    }

    /** Why an elevated token was asked for and not used, for the log; empty when there is nothing to say. */
    static Optional<String> elevationNote(boolean elevatedAsked, int elevationType) {
        if (!elevatedAsked || elevationType != Advapi32Ex.TokenElevationTypeDefault) {
            return Optional.empty();
        }
        return Optional.of("AppSessionElevated=1, but the user's token has no elevated linked token (a standard user,"
                + " or UAC is off): the program runs with the user's own token");
    }

    /**
     * Why the token must not start the program, or empty when it may: never a service account's token (SYSTEM,
     * LocalService, NetworkService) on a user's desktop, never a token of another session, never session 0.
     *
     * @param sid           the token's user, as a string SID
     * @param tokenSession  the token's {@code TokenSessionId}
     * @param wantedSession the session the program is to run in
     */
    static Optional<String> refusal(String sid, int tokenSession, int wantedSession) {
        if (wantedSession == 0) {
            return Optional.of("session 0 is the services' session, with no user's desktop");
        }
        if (SERVICE_SIDS.contains(sid.toUpperCase(java.util.Locale.ROOT))) {
            return Optional.of("the token of session " + wantedSession + " belongs to the service account " + sid
                    + ", not to a logged-on user; jsrvany never starts a program with it on a user's desktop");
        }
        if (tokenSession != wantedSession) {
            return Optional.of("the user's token belongs to session " + tokenSession + ", not to session " + wantedSession);
        }
        return Optional.empty();
    }

    /**
     * The variables of an environment block ({@code NAME=VALUE} strings, as {@code CreateEnvironmentBlock}
     * gives them), case-insensitive as Windows' names are; a string without {@code '='} after its first
     * character is skipped.
     */
    static SortedMap<String, String> environment(List<String> entries) {
        SortedMap<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String e : entries) {
            int eq = e.indexOf('=', 1);
            if (eq > 0) {
                env.putIfAbsent(e.substring(0, eq), e.substring(eq + 1));
            }
        }
        return env;
    }
}
