package org.jsrvany.installer;

import java.util.Optional;

/** What Windows accepts as a service name and a display name, checked before anything is written. */
final class ServiceNames {
    static final int MAX_LENGTH = 256;

    private ServiceNames() {
    }

    /** A sentence saying what is wrong with {@code name} as a service name, or empty when it is fine. */
    static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("The service name is empty: give the service a short name such as MyApp.");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("The service name is " + name.length() + " characters long: use at most " + MAX_LENGTH + ".");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return Optional.of("The service name '" + name + "' contains '/' or '\\', which Windows does not allow in a"
                    + " service name: leave them out (the display name may have them).");
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            return Optional.of("The service name contains a control character: use printable characters only.");
        }
        if (!name.strip().equals(name)) {
            return Optional.of("The service name '" + name + "' starts or ends with a space: remove it (such names"
                    + " can hardly be typed in sc, net or services.msc).");
        }
        return Optional.empty();
    }

    /** As {@link #problem} for a display name. */
    static Optional<String> displayNameProblem(String displayName) {
        if (displayName.isBlank()) {
            return Optional.of("The display name is empty: leave --display-name out to use the service name.");
        }
        if (displayName.length() > MAX_LENGTH) {
            return Optional.of("The display name is " + displayName.length() + " characters long: use at most "
                    + MAX_LENGTH + ".");
        }
        if (displayName.chars().anyMatch(c -> c < 0x20)) {
            return Optional.of("The display name contains a control character: use printable characters only.");
        }
        return Optional.empty();
    }

    /** Throws {@link Exit#INVALID} when the name is not valid. */
    static String require(String name) {
        problem(name).ifPresent(p -> {
            throw new InstallerException(Exit.INVALID, p);
        });
        return name;
    }
}
