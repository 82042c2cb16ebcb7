package org.jsrvany.core.security;

import java.io.IOException;

/** A folder jsrvany refuses to use or cannot make safe; the message says what the administrator should do. */
public final class UnsafeFolderException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnsafeFolderException(String message) {
        super(message);
    }

    public UnsafeFolderException(String message, Throwable cause) {
        super(message, cause);
    }
}
