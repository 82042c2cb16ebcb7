package org.jsrvany.core.process;

import java.util.OptionalInt;

/** The child could not be started. The message is a sentence for the administrator. */
public final class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Integer systemError;
    private final boolean sessionGone;

    public LaunchException(String message, Integer systemError, Throwable cause) {
        this(message, systemError, cause, false);
    }

    private LaunchException(String message, Integer systemError, Throwable cause, boolean sessionGone) {
        super(message, cause);
        this.systemError = systemError;
        this.sessionGone = sessionGone;
    }

    /**
     * The user's session the program was to start in has no logged-on user (any more): nobody logged on,
     * the user logged off between the event and the launch ({@code ERROR_NO_TOKEN}). Not a failure of the
     * service: it waits for the next logon.
     */
    public static LaunchException sessionGone(String message, Integer systemError, Throwable cause) {
        return new LaunchException(message, systemError, cause, true);
    }

    /** Whether this is {@link #sessionGone}: wait for a logon instead of failing. */
    public boolean isSessionGone() {
        return sessionGone;
    }

    /** The OS error code (a Win32 error on Windows), when the OS gave one. */
    public OptionalInt systemError() {
        return systemError == null ? OptionalInt.empty() : OptionalInt.of(systemError);
    }
}
