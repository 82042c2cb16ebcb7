package org.jsrvany.core.security;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One access control entry as SDDL writes it ({@code type;flags;rights;object;inherit-object;sid}), with
 * its rights as a number and its SID resolved from an alias ({@code BU} becomes {@code S-1-5-32-545}).
 *
 * @param type  {@code A} (allow), {@code D} (deny), or another SDDL type ({@code OA}, {@code XA}, {@code AU} ...)
 * @param flags the inheritance flags as written ({@code OICIID}), upper case
 * @param mask  the access mask; SDDL's letter codes are turned into their bits (generic bits stay generic)
 * @param sid   the trustee's SID string
 */
public record Ace(String type, String flags, int mask, String sid) {
    /** SDDL's right codes (Microsoft's "ACE Strings" page) and their bits. */
    private static final Map<String, Integer> RIGHTS = Map.ofEntries(
            Map.entry("GA", 0x10000000), Map.entry("GR", 0x80000000), Map.entry("GW", 0x40000000),
            Map.entry("GX", 0x20000000), Map.entry("RC", 0x20000), Map.entry("SD", 0x10000),
            Map.entry("WD", 0x40000), Map.entry("WO", 0x80000), Map.entry("RP", 0x10), Map.entry("WP", 0x20),
            Map.entry("CC", 0x1), Map.entry("DC", 0x2), Map.entry("LC", 0x4), Map.entry("SW", 0x8),
            Map.entry("LO", 0x80), Map.entry("DT", 0x40), Map.entry("CR", 0x100),
            Map.entry("FA", 0x1F01FF), Map.entry("FR", 0x120089), Map.entry("FW", 0x120116), Map.entry("FX", 0x1200A0),
            Map.entry("KA", 0xF003F), Map.entry("KR", 0x20019), Map.entry("KW", 0x20006), Map.entry("KX", 0x20019));

    public Ace {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(sid, "sid");
        type = type.toUpperCase(Locale.ROOT);
        flags = flags.toUpperCase(Locale.ROOT);
        sid = Sids.normalize(sid);
    }

    /** An allow entry. */
    public static Ace allow(String flags, int mask, String sid) {
        return new Ace("A", flags, mask, sid);
    }

    /**
     * Parses one ACE string (without its parentheses).
     *
     * @throws IllegalArgumentException when it is not an ACE string
     */
    public static Ace parse(String text) {
        String[] f = text.split(";", -1);
        if (f.length < 6 || f[0].isEmpty() || f[5].isBlank()) {
            throw new IllegalArgumentException("not an ACE string: (" + text + ")");
        }
        return new Ace(f[0], f[1], rights(f[2]), f[5]);
    }

    /** SDDL rights: {@code 0x1301bf}, a decimal number, or letter codes ({@code FA}, {@code DCLCRPCR}). */
    static int rights(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.startsWith("0X")) {
            return (int) Long.parseLong(t.substring(2), 16);
        }
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return (int) Long.parseLong(t);
        }
        if (t.length() % 2 != 0) {
            throw new IllegalArgumentException("not SDDL rights: " + text);
        }
        int mask = 0;
        for (int i = 0; i < t.length(); i += 2) {
            Integer bits = RIGHTS.get(t.substring(i, i + 2));
            if (bits == null) {
                throw new IllegalArgumentException("unknown SDDL right '" + t.substring(i, i + 2) + "' in " + text);
            }
            mask |= bits;
        }
        return mask;
    }

    public boolean allows() {
        return type.equals("A") || type.equals("XA"); // a callback (conditional) allow may apply: counted
    }

    public boolean denies() {
        return type.equals("D");
    }

    /** Set on entries copied from a parent ({@code ID}). */
    public boolean inherited() {
        return hasFlag("ID");
    }

    /** Only for children ({@code IO}): does not apply to the object itself. */
    public boolean inheritOnly() {
        return hasFlag("IO");
    }

    private boolean hasFlag(String flag) {
        for (int i = 0; i + 1 < flags.length(); i += 2) {
            if (flags.startsWith(flag, i)) {
                return true;
            }
        }
        return false;
    }

    /** The flags that say where the entry applies, without {@code ID}: what two equal entries share. */
    String placement() {
        StringBuilder sb = new StringBuilder();
        for (String f : new String[] {"OI", "CI", "NP", "IO"}) {
            if (hasFlag(f)) {
                sb.append(f);
            }
        }
        return sb.toString();
    }

    /** SDDL text, rights in hexadecimal. */
    public String toSddl() {
        return type + ";" + flags + ";0x" + Integer.toHexString(mask) + ";;;" + sid;
    }
}
