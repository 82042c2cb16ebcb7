package org.jsrvany.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of a properties file into its entries, each with the line it starts on, so that
 * duplicate keys and malformed lines can be named by line. {@link java.util.Properties} alone cannot:
 * it keeps the last of two equal keys silently and reports a bad escape without saying where.
 *
 * <p>Everything follows {@code java.util.Properties.load(Reader)} exactly (a table test compares the
 * two): a line ends at {@code \n}, {@code \r} or {@code \r\n}; leading spaces, tabs and form feeds
 * are skipped; a line whose first other character is {@code #} or {@code !} is a comment (never
 * continued); a line ending in an odd number of backslashes continues on the next, whose leading
 * blanks are skipped; the key ends at the first unescaped {@code =}, {@code :} or blank; escapes are
 * {@code \t \r \n \f}, {@code \}{@code uXXXX} and a backslash before any other character. It parses
 * each line itself rather than through a {@code Properties} per line, which cost kilobytes of garbage a
 * line (a 1 MiB file took 450 MB of heap).
 */
final class PropertiesLines {
    private PropertiesLines() {
    }

    /** One {@code key=value} pair; {@code line} is the 1-based line it starts on. */
    record Entry(int line, String key, String value) {
    }

    /** A logical line that cannot be read (a malformed {@code \}{@code uXXXX} escape). */
    record Malformed(int line, String reason) {
    }

    record Result(List<Entry> entries, List<Malformed> malformed) {
    }

    private static final class BadEscape extends Exception {
        private static final long serialVersionUID = 1L;

        BadEscape() {
            super("Malformed \\uxxxx encoding", null, false, false);
        }
    }

    static Result parse(String text) {
        List<Entry> entries = new ArrayList<>();
        List<Malformed> malformed = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        int n = text.length();
        int i = 0;
        int line = 1;
        while (i < n) {
            int startLine = line;
            int j = skipBlanks(text, i);
            if (j >= n) {
                break;
            }
            char first = text.charAt(j);
            if (first == '\n' || first == '\r') {
                i = afterLineEnd(text, j);
                line++;
                continue;
            }
            if (first == '#' || first == '!') {
                i = afterLineEnd(text, lineEnd(text, j));
                line++;
                continue;
            }
            logical.setLength(0);
            int k = j;
            while (true) {
                int end = lineEnd(text, k);
                boolean continued = trailingBackslashes(text, k, end) % 2 == 1;
                logical.append(text, k, continued ? end - 1 : end);
                if (end >= n) {
                    i = n;
                    break;
                }
                i = afterLineEnd(text, end);
                line++;
                if (!continued) {
                    break;
                }
                k = skipBlanks(text, i);
            }
            try {
                entries.add(entry(logical, startLine));
            } catch (BadEscape e) {
                malformed.add(new Malformed(startLine, e.getMessage()));
            }
        }
        return new Result(List.copyOf(entries), List.copyOf(malformed));
    }

    /** Key and value of one logical line, as {@code Properties.load0} splits them. */
    private static Entry entry(CharSequence line, int number) throws BadEscape {
        int limit = line.length();
        int keyLength = 0;
        int valueStart = limit;
        boolean hasSeparator = false;
        boolean precedingBackslash = false;
        while (keyLength < limit) {
            char c = line.charAt(keyLength);
            if ((c == '=' || c == ':') && !precedingBackslash) {
                valueStart = keyLength + 1;
                hasSeparator = true;
                break;
            } else if (isBlank(c) && !precedingBackslash) {
                valueStart = keyLength + 1;
                break;
            }
            precedingBackslash = c == '\\' && !precedingBackslash;
            keyLength++;
        }
        while (valueStart < limit) {
            char c = line.charAt(valueStart);
            if (!isBlank(c)) {
                if (!hasSeparator && (c == '=' || c == ':')) {
                    hasSeparator = true;
                } else {
                    break;
                }
            }
            valueStart++;
        }
        return new Entry(number, unescape(line, 0, keyLength), unescape(line, valueStart, limit));
    }

    private static String unescape(CharSequence in, int from, int to) throws BadEscape {
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            char c = in.charAt(i++);
            if (c != '\\' || i >= to) {
                out.append(c);
                continue;
            }
            c = in.charAt(i++);
            if (c == 'u') {
                if (i + 4 > to) {
                    throw new BadEscape();
                }
                int value = 0;
                for (int d = 0; d < 4; d++) {
                    char h = in.charAt(i++);
                    int digit = h >= '0' && h <= '9' ? h - '0'
                            : h >= 'a' && h <= 'f' ? h - 'a' + 10
                            : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1; // ASCII only, as Properties
                    if (digit < 0) {
                        throw new BadEscape();
                    }
                    value = value * 16 + digit;
                }
                out.append((char) value);
            } else {
                out.append(switch (c) {
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'n' -> '\n';
                    case 'f' -> '\f';
                    default -> c;
                });
            }
        }
        return out.toString();
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }

    private static int skipBlanks(String text, int from) {
        int i = from;
        while (i < text.length() && isBlank(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Index of the {@code \r} or {@code \n} ending the line that contains {@code from}, or the text's length. */
    private static int lineEnd(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private static int afterLineEnd(String text, int end) {
        if (end < text.length() && text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n') {
            return end + 2;
        }
        return end + 1;
    }

    private static int trailingBackslashes(String text, int start, int end) {
        int count = 0;
        for (int i = end - 1; i >= start && text.charAt(i) == '\\'; i--) {
            count++;
        }
        return count;
    }
}
