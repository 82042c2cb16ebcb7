package org.jsrvany.core.win32.process;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Unicode environment block for {@code CreateProcessW} with
 * {@code CREATE_UNICODE_ENVIRONMENT}: {@code NAME=VALUE} strings, each NUL-terminated, sorted by
 * name without regard to case, and the block ended by one more NUL.
 *
 * <p>The order is Windows' own ({@code RtlCompareUnicodeString} with case-insensitivity, which
 * compares upper-cased UTF-16 units): {@link #NAME_ORDER}. It is not
 * {@code String.CASE_INSENSITIVE_ORDER}, which compares lower-cased characters where the
 * upper-cased ones differ, and so puts {@code _} before letters where Windows puts it after
 * ({@code "A_B"} vs {@code "AB"}).
 *
 * <p>Names that differ only in case are the same variable on Windows; giving both is an error
 * rather than a silent pick. Pure Java: built and tested on any OS.
 */
public final class EnvironmentBlock {

    /** Windows' order of environment variable names: UTF-16 units compared upper-cased. */
    public static final Comparator<String> NAME_ORDER = EnvironmentBlock::compareNames;

    private final Map<String, String> variables;

    private EnvironmentBlock(Map<String, String> variables) {
        this.variables = variables;
    }

    /**
     * A block holding exactly these variables.
     *
     * @throws IllegalArgumentException for an empty name, a name with {@code =} after its first
     *     character (a leading {@code =} is allowed, as in Windows' per-drive {@code =C:}
     *     variables), a NUL in a name or a value, or two names that differ only in case
     */
    public static EnvironmentBlock of(Map<String, String> variables) {
        TreeMap<String, String> sorted = new TreeMap<>(NAME_ORDER);
        for (Map.Entry<String, String> e : variables.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            validate(name, value);
            String existing = sorted.floorKey(name);
            if (existing != null && NAME_ORDER.compare(existing, name) == 0) {
                throw new IllegalArgumentException("environment variables '" + existing + "' and '"
                        + name + "' differ only in case: Windows sees one variable");
            }
            sorted.put(name, value);
        }
        return new EnvironmentBlock(Collections.unmodifiableMap(new LinkedHashMap<>(sorted)));
    }

    private static void validate(String name, String value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("environment variable with an empty name");
        }
        if (name.indexOf('=', 1) >= 0) {
            throw new IllegalArgumentException(
                    "environment variable name '" + name + "' contains '=' after its first character");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("environment variable name contains NUL: " + name);
        }
        if (value == null) {
            throw new IllegalArgumentException("environment variable '" + name + "' has no value");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("value of environment variable '" + name + "' contains NUL");
        }
    }

    /** The variables in block order. */
    public Map<String, String> variables() {
        return variables;
    }

    /**
     * The block as UTF-16 units: every {@code NAME=VALUE} followed by NUL, then one more NUL. An
     * empty block is two NULs (Windows reads the first entry's terminator and the end marker).
     */
    public char[] toChars() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : variables.entrySet()) {
            sb.append(e.getKey()).append('=').append(e.getValue()).append('\0');
        }
        if (variables.isEmpty()) {
            sb.append('\0');
        }
        sb.append('\0');
        char[] chars = new char[sb.length()];
        sb.getChars(0, sb.length(), chars, 0);
        return chars;
    }

    private static int compareNames(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = Character.toUpperCase(a.charAt(i));
            char cb = Character.toUpperCase(b.charAt(i));
            if (ca != cb) {
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }

    @Override
    public String toString() {
        return "EnvironmentBlock" + variables.keySet();
    }
}
