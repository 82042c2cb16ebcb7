package org.jsrvany.core.config;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Splits the text of a properties file into its entries, each with the line it starts on, so that
 * duplicate keys and malformed lines can be named by line. {@link Properties} alone cannot: it keeps
 * the last of two equal keys silently and reports a bad escape without saying where.
 *
 * <p>The split into logical lines follows {@code java.util.Properties.load(Reader)} exactly: a line
 * ends at {@code \n}, {@code \r} or {@code \r\n}; leading spaces, tabs and form feeds are skipped; a
 * line whose first other character is {@code #} or {@code !} is a comment (never continued); a line
 * ending in an odd number of backslashes continues on the next. Each logical line is then handed to
 * {@link Properties} itself, so keys, separators and escapes mean exactly what they always meant.
 */
final class PropertiesLines {
    private PropertiesLines() {
    }

    /** One {@code key=value} pair; {@code line} is the 1-based line it starts on. */
    record Entry(int line, String key, String value) {
    }

    /** A logical line {@link Properties} refused (a malformed {@code \\uxxxx} escape). */
    record Malformed(int line, String reason) {
    }

    record Result(List<Entry> entries, List<Malformed> malformed) {
    }

    static Result parse(String text) {
        List<Entry> entries = new ArrayList<>();
        List<Malformed> malformed = new ArrayList<>();
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
                int end = lineEnd(text, j);
                i = afterLineEnd(text, end);
                line++;
                continue;
            }
            StringBuilder logical = new StringBuilder();
            int k = j;
            while (true) {
                int end = lineEnd(text, k);
                logical.append(text, k, end);
                boolean continued = trailingBackslashes(text, k, end) % 2 == 1;
                if (end >= n) {
                    i = n;
                    break;
                }
                i = afterLineEnd(text, end);
                line++;
                if (!continued) {
                    break;
                }
                logical.append('\n');
                k = i;
            }
            parseOne(logical.toString(), startLine, entries, malformed);
        }
        return new Result(List.copyOf(entries), List.copyOf(malformed));
    }

    private static void parseOne(String logical, int line, List<Entry> entries, List<Malformed> malformed) {
        Properties one = new Properties();
        try {
            one.load(new StringReader(logical));
        } catch (IllegalArgumentException e) {
            malformed.add(new Malformed(line, e.getMessage()));
            return;
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        for (String key : one.stringPropertyNames()) {
            entries.add(new Entry(line, key, one.getProperty(key)));
        }
    }

    private static int skipBlanks(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\f') {
                break;
            }
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
