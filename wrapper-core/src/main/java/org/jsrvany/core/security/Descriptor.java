package org.jsrvany.core.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The owner and DACL of a security descriptor, read from or written as SDDL
 * ({@code O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)}).
 *
 * @param owner         the owner's SID; empty when the descriptor has none (or it was not asked for)
 * @param daclProtected the DACL inherits nothing from the parent ({@code P})
 * @param dacl          the entries in order
 */
public record Descriptor(Optional<String> owner, boolean daclProtected, List<Ace> dacl) {
    public Descriptor {
        Objects.requireNonNull(owner, "owner");
        owner = owner.map(Sids::normalize);
        dacl = List.copyOf(dacl);
    }

    /**
     * Parses the owner ({@code O:}) and DACL ({@code D:}) parts of an SDDL string; the group and SACL
     * are ignored.
     *
     * @throws IllegalArgumentException when an entry cannot be read
     */
    public static Descriptor parse(String sddl) {
        Optional<String> owner = Optional.empty();
        boolean isProtected = false;
        List<Ace> aces = new ArrayList<>();
        int i = 0;
        while (i < sddl.length()) {
            if (i + 1 >= sddl.length() || sddl.charAt(i + 1) != ':') {
                throw new IllegalArgumentException("not SDDL at " + i + ": " + sddl);
            }
            char part = sddl.charAt(i);
            int end = nextPart(sddl, i + 2);
            String body = sddl.substring(i + 2, end);
            if (part == 'O') {
                owner = Optional.of(body);
            } else if (part == 'D') {
                int open = body.indexOf('(');
                String flags = open < 0 ? body : body.substring(0, open);
                isProtected = flags.replace("AI", "").replace("AR", "").contains("P");
                if (open >= 0) {
                    for (String ace : entries(body.substring(open))) {
                        aces.add(Ace.parse(ace));
                    }
                }
            }
            i = end;
        }
        return new Descriptor(owner, isProtected, aces);
    }

    /** Where the next {@code X:} part starts (outside parentheses), or the end. */
    private static int nextPart(String s, int from) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && i + 1 < s.length() && s.charAt(i + 1) == ':' && "OGDS".indexOf(c) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /** The texts of the top-level parenthesised entries (a conditional entry's own parentheses stay inside). */
    private static List<String> entries(String aces) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = -1;
        for (int i = 0; i < aces.length(); i++) {
            char c = aces.charAt(i);
            if (c == '(') {
                if (depth++ == 0) {
                    start = i + 1;
                }
            } else if (c == ')' && --depth == 0) {
                out.add(aces.substring(start, i));
            }
        }
        return out;
    }

    /** SDDL text of the owner (when present) and the DACL. */
    public String toSddl() {
        StringBuilder sb = new StringBuilder();
        owner.ifPresent(o -> sb.append("O:").append(o));
        sb.append("D:").append(daclProtected ? "P" : "");
        dacl.forEach(a -> sb.append('(').append(a.toSddl()).append(')'));
        return sb.toString();
    }
}
