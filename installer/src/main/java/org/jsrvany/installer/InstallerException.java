package org.jsrvany.installer;

import java.util.List;

/**
 * A failure a person can act on: its exit code and a message that says what happened and what to do.
 * Commands throw it; {@link ExceptionExits} prints the message and returns the code.
 */
final class InstallerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Exit exit;

    InstallerException(Exit exit, String message) {
        super(message);
        this.exit = exit;
    }

    InstallerException(Exit exit, String message, Throwable cause) {
        super(message, cause);
        this.exit = exit;
    }

    /** One problem per line under a heading. */
    static InstallerException of(Exit exit, String heading, List<String> problems) {
        StringBuilder sb = new StringBuilder(heading);
        for (String p : problems) {
            sb.append(System.lineSeparator()).append("  - ").append(p);
        }
        return new InstallerException(exit, sb.toString());
    }

    Exit exit() {
        return exit;
    }

    /** The same failure with one more paragraph after the list. */
    InstallerException withTail(String tail) {
        return new InstallerException(exit, getMessage() + System.lineSeparator() + tail, getCause());
    }
}
