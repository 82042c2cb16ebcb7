package org.jsrvany.core.health;

import java.util.Objects;

/**
 * What one look at the program found.
 *
 * @param passed whether the check passed
 * @param seen   what it saw, for logs and events: "connected", "HTTP 503", "connection refused", "exit code 2"
 */
public record ProbeResult(boolean passed, String seen) {
    public ProbeResult {
        Objects.requireNonNull(seen);
    }

    public static ProbeResult pass(String seen) {
        return new ProbeResult(true, seen);
    }

    public static ProbeResult fail(String seen) {
        return new ProbeResult(false, seen);
    }
}
