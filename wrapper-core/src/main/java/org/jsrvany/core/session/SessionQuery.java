package org.jsrvany.core.session;

/** The machine's sessions now (Windows: {@code org.jsrvany.core.win32.session.WtsSessions}). */
@FunctionalInterface
public interface SessionQuery {

    /**
     * @throws RuntimeException when the sessions cannot be listed (the caller logs it and changes nothing)
     */
    SessionSnapshot snapshot();
}
