package org.jsrvany.core.process;

import java.util.OptionalInt;

/** The child could not be started. The message is a sentence for the administrator. */
public final class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Integer systemError;

    public LaunchException(String message, Integer systemError, Throwable cause) {
        super(message, cause);
        this.systemError = systemError;
    }

    /** The OS error code (a Win32 error on Windows), when the OS gave one. */
    public OptionalInt systemError() {
        return systemError == null ? OptionalInt.empty() : OptionalInt.of(systemError);
    }
}
