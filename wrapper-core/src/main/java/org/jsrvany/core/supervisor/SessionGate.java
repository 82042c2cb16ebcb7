package org.jsrvany.core.supervisor;

/**
 * What the supervisor asks about the user's session its child runs in ({@code AppSession} Console or
 * Active; {@code org.jsrvany.core.session.SessionSupervision} answers). For a child in the service's own
 * session, {@link #NONE}: sessions never end and every exit goes to {@code AppExit}.
 */
public interface SessionGate {
    /** The service's session: no session ever ends under the child. */
    SessionGate NONE = new SessionGate() {
        @Override
        public boolean sessionEnded() {
            return false;
        }
    };

    /**
     * The child exited by itself: whether its session ended with it (the user logged off before the
     * notification came). True: no exit rule and no back-off apply; the supervisor waits, held, until
     * {@link Supervisor#release()}. Called on the supervisor's thread; may call {@code release()}.
     */
    boolean sessionEnded();

    /** A launch found nobody logged on ({@code LaunchException.isSessionGone()}): the supervisor now waits, held. */
    default void launchFoundNoUser() {
    }
}
