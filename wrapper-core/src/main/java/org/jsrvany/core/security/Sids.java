package org.jsrvany.core.security;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Well-known security identifiers (Microsoft's "Well-known SIDs" page), the two-letter SDDL aliases
 * Windows writes for them, and the accounts jsrvany's checks name.
 */
public final class Sids {
    public static final String EVERYONE = "S-1-1-0";
    public static final String CREATOR_OWNER = "S-1-3-0";
    public static final String OWNER_RIGHTS = "S-1-3-4";
    public static final String INTERACTIVE = "S-1-5-4";
    public static final String SERVICE = "S-1-5-6";
    public static final String AUTHENTICATED_USERS = "S-1-5-11";
    public static final String LOCAL_SYSTEM = "S-1-5-18";
    public static final String LOCAL_SERVICE = "S-1-5-19";
    public static final String NETWORK_SERVICE = "S-1-5-20";
    public static final String ADMINISTRATORS = "S-1-5-32-544";
    public static final String USERS = "S-1-5-32-545";
    public static final String GUESTS = "S-1-5-32-546";
    /** {@code NT SERVICE\TrustedInstaller}, owner of Windows' own files. */
    public static final String TRUSTED_INSTALLER = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464";

    /**
     * The groups every non-administrator belongs to (or can log on as): what may write a file a
     * service runs is checked against these. Users, Authenticated Users, Everyone, INTERACTIVE.
     */
    public static final Set<String> NON_ADMINISTRATORS = Set.of(USERS, AUTHENTICATED_USERS, EVERYONE, INTERACTIVE);

    /** SDDL's SID aliases (the ones Windows writes for local objects) and what they stand for. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("WD", EVERYONE), Map.entry("CO", CREATOR_OWNER), Map.entry("OW", OWNER_RIGHTS),
            Map.entry("IU", INTERACTIVE), Map.entry("SU", SERVICE), Map.entry("AU", AUTHENTICATED_USERS),
            Map.entry("SY", LOCAL_SYSTEM), Map.entry("LS", LOCAL_SERVICE), Map.entry("NS", NETWORK_SERVICE),
            Map.entry("BA", ADMINISTRATORS), Map.entry("BU", USERS), Map.entry("BG", GUESTS),
            Map.entry("AN", "S-1-5-7"), Map.entry("NU", "S-1-5-2"), Map.entry("PS", "S-1-5-10"),
            Map.entry("RC", "S-1-5-12"), Map.entry("BO", "S-1-5-32-551"), Map.entry("PU", "S-1-5-32-547"),
            Map.entry("AO", "S-1-5-32-548"), Map.entry("SO", "S-1-5-32-549"), Map.entry("PO", "S-1-5-32-550"),
            Map.entry("RE", "S-1-5-32-552"), Map.entry("RU", "S-1-5-32-554"), Map.entry("RD", "S-1-5-32-555"),
            Map.entry("NO", "S-1-5-32-556"), Map.entry("CG", "S-1-3-1"), Map.entry("AC", "S-1-15-2-1"));

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(EVERYONE, "Everyone"), Map.entry(CREATOR_OWNER, "CREATOR OWNER"),
            Map.entry(OWNER_RIGHTS, "OWNER RIGHTS"), Map.entry(INTERACTIVE, "INTERACTIVE"),
            Map.entry(SERVICE, "SERVICE"), Map.entry(AUTHENTICATED_USERS, "Authenticated Users"),
            Map.entry(LOCAL_SYSTEM, "SYSTEM"), Map.entry(LOCAL_SERVICE, "LOCAL SERVICE"),
            Map.entry(NETWORK_SERVICE, "NETWORK SERVICE"), Map.entry(ADMINISTRATORS, "Administrators"),
            Map.entry(USERS, "Users"), Map.entry(GUESTS, "Guests"), Map.entry(TRUSTED_INSTALLER, "TrustedInstaller"));

    private Sids() {
    }

    /** The SID string for an SDDL SID field: an alias becomes its SID; a SID string is upper-cased. */
    public static String normalize(String sidOrAlias) {
        String s = sidOrAlias.strip().toUpperCase(Locale.ROOT);
        return ALIASES.getOrDefault(s, s);
    }

    /** A short name for people ({@code Users}, {@code SYSTEM}); the SID itself for other accounts. */
    public static String displayName(String sid) {
        return NAMES.getOrDefault(normalize(sid), normalize(sid));
    }

    /**
     * The SID of a service's account (its ObjectName) when the name alone tells it: LocalSystem,
     * LocalService, NetworkService (in the spellings the SCM and people use) and a virtual account
     * {@code NT SERVICE\<name>} ({@link VirtualAccount#sid}); empty for users and managed accounts,
     * which only a lookup can resolve.
     */
    public static Optional<String> ofServiceAccount(String objectName) {
        String n = objectName == null ? "" : objectName.strip().toLowerCase(Locale.ROOT);
        if (n.startsWith(".\\")) {
            n = n.substring(2);
        }
        String known = switch (n) {
            case "", "localsystem", "system", "local system", "nt authority\\system", "nt authority\\localsystem" -> LOCAL_SYSTEM;
            case "localservice", "local service", "nt authority\\localservice", "nt authority\\local service" -> LOCAL_SERVICE;
            case "networkservice", "network service", "nt authority\\networkservice", "nt authority\\network service" -> NETWORK_SERVICE;
            default -> null;
        };
        if (known != null) {
            return Optional.of(known);
        }
        if (n.startsWith("nt service\\") && n.length() > "nt service\\".length()) {
            return Optional.of(VirtualAccount.sid(objectName.strip().substring("nt service\\".length())));
        }
        return Optional.empty();
    }
}
