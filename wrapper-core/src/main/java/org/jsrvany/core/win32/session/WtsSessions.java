package org.jsrvany.core.win32.session;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jsrvany.core.session.SessionInfo;
import org.jsrvany.core.session.SessionQuery;
import org.jsrvany.core.session.SessionSnapshot;
import org.jsrvany.core.win32.Win32CallException;

/**
 * The machine's sessions as {@link SessionSnapshot}s: {@code WTSGetActiveConsoleSessionId},
 * {@code WTSEnumerateSessionsW} and each session's user ({@code WTSQuerySessionInformationW}, user and domain).
 * Every buffer is freed with {@code WTSFreeMemory} on every path.
 */
public final class WtsSessions implements SessionQuery {

    /** The sessions of this machine. */
    public static SessionQuery query() {
        return new WtsSessions();
    }

    private WtsSessions() {
    }

    @Override
    public SessionSnapshot snapshot() {
        return new SessionSnapshot(consoleSession(), sessions());
    }

    /** {@code WTSGetActiveConsoleSessionId}; empty while the console is being switched. */
    public static OptionalInt consoleSession() {
        int id = Kernel32Ex.instance().WTSGetActiveConsoleSessionId();
        return id == Kernel32Ex.NO_CONSOLE_SESSION ? OptionalInt.empty() : OptionalInt.of(id);
    }

    private static List<SessionInfo> sessions() {
        PointerByReference array = new PointerByReference();
        IntByReference count = new IntByReference();
        if (!Wtsapi32Ex.instance().WTSEnumerateSessionsW(Wtsapi32Ex.WTS_CURRENT_SERVER_HANDLE, 0, 1, array, count)) {
            throw Win32CallException.lastError("WTSEnumerateSessionsW");
        }
        Pointer p = array.getValue();
        try {
            List<SessionInfo> out = new ArrayList<>();
            int size = new Wtsapi32Ex.WTS_SESSION_INFOW().size();
            for (int i = 0; i < count.getValue(); i++) {
                Wtsapi32Ex.WTS_SESSION_INFOW info = new Wtsapi32Ex.WTS_SESSION_INFOW(p.share((long) i * size));
                out.add(new SessionInfo(info.SessionId, SessionInfo.State.of(info.State), user(info.SessionId)));
            }
            return out;
        } finally {
            Wtsapi32Ex.instance().WTSFreeMemory(p);
        }
    }

    /** {@code DOMAIN\name} of the user logged on to the session; empty when nobody is (or it cannot be read). */
    static Optional<String> user(int session) {
        Optional<String> name = text(session, Wtsapi32Ex.WTSUserName);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(text(session, Wtsapi32Ex.WTSDomainName).map(d -> d + "\\").orElse("") + name.get());
    }

    private static Optional<String> text(int session, int infoClass) {
        PointerByReference buffer = new PointerByReference();
        IntByReference bytes = new IntByReference();
        if (!Wtsapi32Ex.instance().WTSQuerySessionInformationW(Wtsapi32Ex.WTS_CURRENT_SERVER_HANDLE, session, infoClass,
                buffer, bytes)) {
            return Optional.empty(); // a session that ended meanwhile, or a listener: nobody to run for
        }
        Pointer p = buffer.getValue();
        if (p == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(p.getWideString(0)).filter(s -> !s.isEmpty());
        } finally {
            Wtsapi32Ex.instance().WTSFreeMemory(p);
        }
    }
}
