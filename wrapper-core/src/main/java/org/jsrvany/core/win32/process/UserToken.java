package org.jsrvany.core.win32.process;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.platform.win32.WinNT.PSID;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.jsrvany.core.win32.Win32CallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The primary token of the user logged on to a session, for {@code CreateProcessAsUserW}:
 * {@code WTSQueryUserToken}, the linked elevated token only when asked ({@link SessionTokens#choose}),
 * {@code DuplicateTokenEx} into a primary token this object owns, and the checks of
 * {@link SessionTokens#refusal} (never a service account's token, never another session's). Every
 * intermediate handle is closed on every path; {@link #close()} closes the token.
 */
final class UserToken implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UserToken.class);
    private static final int PRIMARY_ACCESS = Advapi32Ex.TOKEN_ASSIGN_PRIMARY | Advapi32Ex.TOKEN_DUPLICATE
            | Advapi32Ex.TOKEN_QUERY | Advapi32Ex.TOKEN_ADJUST_DEFAULT | Advapi32Ex.TOKEN_ADJUST_SESSIONID;

    private final int session;
    private final String sid;
    private HANDLE token;

    private UserToken(int session, String sid, HANDLE token) {
        this.session = session;
        this.sid = sid;
        this.token = token;
    }

    /** What refused a token that exists: a service account's, another session's. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * The token for a program in {@code session}.
     *
     * @throws Win32CallException from {@code WTSQueryUserToken} with {@code ERROR_NO_TOKEN} (1008) when nobody
     *     is logged on there, {@code ERROR_PRIVILEGE_NOT_HELD} (1314) without SeTcbPrivilege; or from the
     *     token calls
     * @throws Refused when the token must not start a program on a user's desktop
     */
    static UserToken open(int session, boolean elevated) {
        HANDLE queried = queryUserToken(session);
        HANDLE source = queried;
        HANDLE linked = null;
        try {
            if (elevated) {
                int type = intInformation(queried, Advapi32Ex.TokenElevationType, "TokenElevationType");
                SessionTokens.elevationNote(true, type).ifPresent(n -> LOG.warn("{}", n));
                if (SessionTokens.choose(true, type) == SessionTokens.Choice.LINKED) {
                    linked = linkedToken(queried);
                    source = linked;
                }
            }
            HANDLEByReference primary = new HANDLEByReference();
            if (!Advapi32.INSTANCE.DuplicateTokenEx(source, PRIMARY_ACCESS, null, Advapi32Ex.SecurityImpersonation,
                    Advapi32Ex.TokenPrimary, primary)) {
                throw Win32CallException.lastError("DuplicateTokenEx(token of session " + session + ")");
            }
            HANDLE result = primary.getValue();
            try {
                String user = userSid(result);
                int tokenSession = intInformation(result, Advapi32Ex.TokenSessionId, "TokenSessionId");
                Optional<String> refusal = SessionTokens.refusal(user, tokenSession, session);
                if (refusal.isPresent()) {
                    throw new Refused(refusal.get());
                }
                UserToken t = new UserToken(session, user, result);
                result = null;
                return t;
            } finally {
                closeQuietly(result);
            }
        } finally {
            closeQuietly(linked);
            closeQuietly(queried);
        }
    }

    private static HANDLE queryUserToken(int session) {
        HANDLEByReference ref = new HANDLEByReference();
        if (!Wtsapi32Ex.instance().WTSQueryUserToken(session, ref)) {
            throw Win32CallException.lastError("WTSQueryUserToken(session " + session + ")");
        }
        return ref.getValue();
    }

    private static HANDLE linkedToken(HANDLE token) {
        Advapi32Ex.TOKEN_LINKED_TOKEN linked = new Advapi32Ex.TOKEN_LINKED_TOKEN();
        IntByReference length = new IntByReference();
        if (!Advapi32Ex.instance().GetTokenInformation(token, Advapi32Ex.TokenLinkedToken, linked.getPointer(),
                linked.size(), length)) {
            throw Win32CallException.lastError("GetTokenInformation(TokenLinkedToken)");
        }
        linked.read();
        return linked.LinkedToken;
    }

    private static int intInformation(HANDLE token, int informationClass, String name) {
        Memory m = new Memory(4);
        IntByReference length = new IntByReference();
        if (!Advapi32Ex.instance().GetTokenInformation(token, informationClass, m, 4, length)) {
            throw Win32CallException.lastError("GetTokenInformation(" + name + ")");
        }
        return m.getInt(0);
    }

    /** {@code TokenUser}: the {@code TOKEN_USER}'s SID pointer sits at offset 0 of the buffer. */
    private static String userSid(HANDLE token) {
        IntByReference length = new IntByReference();
        Advapi32Ex.instance().GetTokenInformation(token, Advapi32Ex.TokenUser, null, 0, length);
        if (length.getValue() <= 0) {
            throw Win32CallException.lastError("GetTokenInformation(TokenUser, size)");
        }
        Memory m = new Memory(length.getValue());
        if (!Advapi32Ex.instance().GetTokenInformation(token, Advapi32Ex.TokenUser, m, (int) m.size(), length)) {
            throw Win32CallException.lastError("GetTokenInformation(TokenUser)");
        }
        return Advapi32Util.convertSidToStringSid(new PSID(m.getPointer(0)));
    }

    /** The session this token's program runs in. */
    int session() {
        return session;
    }

    /** The token's user as a string SID (for the log; never a service account's, see {@link SessionTokens#refusal}). */
    String sid() {
        return sid;
    }

    synchronized HANDLE handle() {
        if (token == null) {
            throw new IllegalStateException("the user's token of session " + session + " is already closed");
        }
        return token;
    }

    /**
     * The user's own environment ({@code CreateEnvironmentBlock} with {@code bInherit} FALSE: nothing of the
     * service's), the block destroyed before this returns.
     */
    SortedMap<String, String> environment() {
        PointerByReference ref = new PointerByReference();
        if (!UserenvEx.instance().CreateEnvironmentBlock(ref, handle(), false)) {
            throw Win32CallException.lastError("CreateEnvironmentBlock(session " + session + ")");
        }
        Pointer block = ref.getValue();
        try {
            List<String> entries = new ArrayList<>();
            long offset = 0;
            while (true) {
                String s = block.getWideString(offset);
                if (s.isEmpty()) {
                    break;
                }
                entries.add(s);
                offset += (long) (s.length() + 1) * Native.WCHAR_SIZE;
            }
            return SessionTokens.environment(entries);
        } finally {
            if (!UserenvEx.instance().DestroyEnvironmentBlock(block)) {
                LOG.warn("{}", Win32CallException.lastError("DestroyEnvironmentBlock(session " + session + ")").getMessage());
            }
        }
    }

    /** Closes the token. Idempotent. */
    @Override
    public synchronized void close() {
        HANDLE t = token;
        token = null;
        if (t != null && !Kernel32.INSTANCE.CloseHandle(t)) {
            throw Win32CallException.lastError("CloseHandle(user token of session " + session + ")");
        }
    }

    private static void closeQuietly(HANDLE h) {
        if (h != null && !Kernel32.INSTANCE.CloseHandle(h)) {
            LOG.warn("{}", Win32CallException.lastError("CloseHandle(token)").getMessage());
        }
    }
}
