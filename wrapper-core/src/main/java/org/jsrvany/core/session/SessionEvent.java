package org.jsrvany.core.session;

import java.util.Arrays;
import java.util.Optional;

/**
 * The event types of {@code SERVICE_CONTROL_SESSIONCHANGE} ({@code dwEventType}, WTS_* in WinUser.h, as
 * documented for {@code WM_WTSSESSION_CHANGE}).
 */
public enum SessionEvent {
    CONSOLE_CONNECT(0x1),
    CONSOLE_DISCONNECT(0x2),
    REMOTE_CONNECT(0x3),
    REMOTE_DISCONNECT(0x4),
    LOGON(0x5),
    LOGOFF(0x6),
    LOCK(0x7),
    UNLOCK(0x8),
    REMOTE_CONTROL(0x9),
    CREATE(0xA),
    TERMINATE(0xB);

    private final int code;

    SessionEvent(int code) {
        this.code = code;
    }

    /** The {@code WTS_*} value. */
    public int code() {
        return code;
    }

    /** The event with this {@code WTS_*} value; empty for one Windows added after these. */
    public static Optional<SessionEvent> of(int code) {
        return Arrays.stream(values()).filter(e -> e.code == code).findFirst();
    }

    /** Events that never change where the program runs: lock, unlock, remote control. */
    boolean changesNothing() {
        return this == LOCK || this == UNLOCK || this == REMOTE_CONTROL;
    }
}
