package org.jsrvany.launcher.service;

import java.util.function.BiConsumer;
import org.jsrvany.core.process.ProcessControl;
import org.jsrvany.core.process.SessionTarget;
import org.jsrvany.core.session.SessionQuery;
import org.jsrvany.core.win32.process.WindowsProcesses;
import org.jsrvany.core.win32.scm.ScmDispatcher;
import org.jsrvany.core.win32.session.Privileges;
import org.jsrvany.core.win32.session.WtsSessions;

/**
 * What a service whose program runs in a user's session ({@code AppSession} Console or Active) needs from the
 * platform; {@link #windows()} is the real one, tests give their own.
 */
interface UserSessions {

    /** Whether this process holds SeTcbPrivilege, which {@code WTSQueryUserToken} needs (LocalSystem does). */
    boolean holdsTcbPrivilege();

    /** The machine's sessions. */
    SessionQuery sessions();

    /** Starts each run in the session {@code target} names now, with that user's token. */
    ProcessControl processControl(SessionTarget target);

    /** Sends every {@code SERVICE_CONTROL_SESSIONCHANGE} (event type, session id) to {@code handler}; null: to nobody. */
    void onSessionChange(BiConsumer<Integer, Integer> handler);

    /** Windows: {@code Privileges}, {@code WtsSessions}, {@code CreateProcessAsUserW}, the dispatcher's session hook. */
    static UserSessions windows() {
        return new UserSessions() {
            @Override
            public boolean holdsTcbPrivilege() {
                return Privileges.held(Privileges.TCB);
            }

            @Override
            public SessionQuery sessions() {
                return WtsSessions.query();
            }

            @Override
            public ProcessControl processControl(SessionTarget target) {
                return WindowsProcesses.userSessionProcessControl(target);
            }

            @Override
            public void onSessionChange(BiConsumer<Integer, Integer> handler) {
                ScmDispatcher.onSessionChange(handler == null ? null : handler::accept);
            }
        };
    }

    /** A platform without user sessions (POSIX, tests): the privilege is never held. */
    UserSessions NONE = new UserSessions() {
        @Override
        public boolean holdsTcbPrivilege() {
            return false;
        }

        @Override
        public SessionQuery sessions() {
            throw new UnsupportedOperationException("no user sessions on this platform");
        }

        @Override
        public ProcessControl processControl(SessionTarget target) {
            throw new UnsupportedOperationException("no user sessions on this platform");
        }

        @Override
        public void onSessionChange(BiConsumer<Integer, Integer> handler) {
        }
    };
}
