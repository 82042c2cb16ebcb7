package org.jsrvany.installer;

import java.util.Locale;

/**
 * Service accounts: the words the command line takes, the ObjectName the SCM stores, and which ones
 * need a password.
 */
final class Accounts {
    static final String LOCAL_SYSTEM = "LocalSystem";
    static final String LOCAL_SERVICE = "NT AUTHORITY\\LocalService";
    static final String NETWORK_SERVICE = "NT AUTHORITY\\NetworkService";
    static final String VIRTUAL_PREFIX = "NT SERVICE\\";

    private Accounts() {
    }

    /**
     * The ObjectName for a command-line account: {@code LocalSystem}, {@code LocalService},
     * {@code NetworkService}, {@code virtual} (the service's own virtual account,
     * {@code NT SERVICE\<name>}), or a user ({@code name} means the local {@code .\name}).
     *
     * @throws InstallerException {@link Exit#INVALID} for an empty account or another service's virtual account
     */
    static String resolve(String given, String service) {
        String t = given.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "":
                throw new InstallerException(Exit.INVALID, "The account is empty: give LocalSystem, LocalService,"
                        + " NetworkService, virtual or a user name.");
            case "localsystem", "system", "local system", ".\\localsystem", "nt authority\\system":
                return LOCAL_SYSTEM;
            case "localservice", "local service", "nt authority\\localservice", "nt authority\\local service":
                return LOCAL_SERVICE;
            case "networkservice", "network service", "nt authority\\networkservice", "nt authority\\network service":
                return NETWORK_SERVICE;
            case "virtual":
                return VIRTUAL_PREFIX + service;
            default:
                break;
        }
        if (lower.startsWith(VIRTUAL_PREFIX.toLowerCase(Locale.ROOT))) {
            String owner = t.substring(VIRTUAL_PREFIX.length());
            if (!owner.equalsIgnoreCase(service)) {
                throw new InstallerException(Exit.INVALID, "The virtual account '" + t + "' belongs to the service '"
                        + owner + "': a service can only run as its own virtual account, " + VIRTUAL_PREFIX + service
                        + " (write --account virtual).");
            }
            return VIRTUAL_PREFIX + service;
        }
        if (t.indexOf('\\') < 0 && t.indexOf('@') < 0) {
            return ".\\" + t;
        }
        return t;
    }

    /** Whether the SCM needs a password for this account (users; not built-in, virtual or managed service accounts). */
    static boolean needsPassword(String objectName) {
        String lower = objectName.toLowerCase(Locale.ROOT);
        return !lower.equals(LOCAL_SYSTEM.toLowerCase(Locale.ROOT))
                && !lower.startsWith("nt authority\\")
                && !lower.startsWith(VIRTUAL_PREFIX.toLowerCase(Locale.ROOT))
                && !lower.endsWith("$");
    }

    /** Whether two ObjectNames name the same account, as far as their text tells. */
    static boolean same(String a, String b) {
        return key(a).equals(key(b));
    }

    private static String key(String objectName) {
        String lower = objectName.strip().toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "", "localsystem", ".\\localsystem", "nt authority\\system" -> "localsystem";
            case "nt authority\\localservice", "nt authority\\local service" -> "localservice";
            case "nt authority\\networkservice", "nt authority\\network service" -> "networkservice";
            default -> lower;
        };
    }

    /** The word {@code --account} takes for this ObjectName (for dump). */
    static String commandLineWord(String objectName, String service) {
        return switch (key(objectName)) {
            case "localsystem" -> "LocalSystem";
            case "localservice" -> "LocalService";
            case "networkservice" -> "NetworkService";
            default -> key(objectName).equals(key(VIRTUAL_PREFIX + service)) ? "virtual" : objectName;
        };
    }
}
