package org.jsrvany.core.cmdline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Windows command-line splitting and quoting, so that one srvany/NSSM style configuration
 * ({@code Application} plus one raw {@code AppParameters} string) means the same thing on
 * Windows and on POSIX.
 *
 * <p>On Windows the child gets the command line {@code "Application" AppParameters} verbatim
 * through {@code CreateProcessW}. On POSIX there is no command line, only an argv, so the
 * raw parameters are split here with the rules of {@code CommandLineToArgvW} (arguments part,
 * i.e. everything after argv[0]).
 *
 * <h2>Splitting rules ({@link #splitArguments})</h2>
 * <ul>
 *   <li>Arguments are separated by runs of space (U+0020) and tab (U+0009) outside quotes.
 *       No other character (not even newline) separates arguments.</li>
 *   <li>{@code "} toggles quoted mode and is not copied. A quoted part may be embedded in an
 *       argument ({@code a"b c"d} is {@code ab cd}); {@code ""} outside quotes is an empty
 *       argument.</li>
 *   <li>2n backslashes followed by {@code "} give n backslashes, and the {@code "} is a quote
 *       toggle. 2n+1 backslashes followed by {@code "} give n backslashes and a literal
 *       {@code "}. Backslashes not followed by {@code "} are literal.</li>
 *   <li>An unterminated quote runs to the end of the input.</li>
 *   <li><b>{@code ""} inside a quoted region</b> gives a literal {@code "} <em>and ends the
 *       quoted region</em>: {@code a"b"" c d} is the three arguments {@code ab"}, {@code c},
 *       {@code d}.</li>
 * </ul>
 *
 * <p>The last rule is where the Windows parsers disagree. The Microsoft C runtime since
 * Visual C++ 2008 keeps the quoted region open after {@code ""} (its documentation,
 * "Parsing C command-line arguments" on learn.microsoft.com, lists {@code a"b"" c d} as the
 * single argument {@code ab" c d}). {@code CommandLineToArgvW} (shell32) keeps the older
 * behaviour of the pre-2008 CRT (e.g. Visual C++ 2.0 / msvcrt.dll): literal {@code "}, quoted
 * region closed. This class implements <b>{@code CommandLineToArgvW}</b>, because that is the
 * documented Win32 API for this job. Sources: MicrosoftDocs/cpp-docs issue #3291 (output of
 * {@code CommandLineToArgvW} for {@code a"b"" c d}: {@code ab"}, {@code c}, {@code d});
 * Wine's {@code CommandLineToArgvW} in {@code dlls/shell32/shell32_main.c} (counts
 * consecutive quotes; the third emits a literal quote and leaves quoted mode); David Deley,
 * "How Command Line Parameters Are Parsed" (daviddeley.com), which documents the 2008 change.
 * {@link #quoteArgument} never produces {@code ""} inside quotes, so text built by this class
 * means the same to both parsers.
 *
 * <h2>Program paths ({@link #quoteProgram})</h2>
 * argv[0] follows a different rule: if it starts with {@code "}, everything up to the next
 * {@code "} is the program, backslashes included. A program path is therefore always wrapped
 * in quotes (closing the "unquoted service path" hole) and may not contain {@code "}.
 */
public final class WindowsCommandLine {

    private WindowsCommandLine() {
    }

    /**
     * Splits the arguments part of a Windows command line into an argv, with the rules of
     * {@code CommandLineToArgvW} for every argument after argv[0] (see the class description,
     * including the {@code ""}-inside-quotes rule).
     *
     * @param raw the raw argument string, e.g. the {@code AppParameters} registry value
     * @return the arguments, unmodifiable; empty for an empty or whitespace-only string
     * @throws NullPointerException if {@code raw} is null
     */
    public static List<String> splitArguments(String raw) {
        return split(raw).arguments();
    }

    /**
     * Whether a quote opened in {@code raw} is never closed ({@code -x "a b}): the rules above then
     * take everything after it, spaces included, as part of the last argument. Windows accepts such a
     * command line, so this is worth a warning, not a refusal.
     *
     * @throws NullPointerException if {@code raw} is null
     */
    public static boolean hasUnterminatedQuote(String raw) {
        return split(raw).unterminated();
    }

    private record Split(List<String> arguments, boolean unterminated) {
    }

    private static Split split(String raw) {
        Objects.requireNonNull(raw, "raw");
        List<String> args = new ArrayList<>();
        boolean unterminated = false;
        int n = raw.length();
        int i = 0;
        while (true) {
            while (i < n && isSeparator(raw.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            StringBuilder arg = new StringBuilder();
            boolean quoted = false;
            while (i < n) {
                char c = raw.charAt(i);
                if (!quoted && isSeparator(c)) {
                    break;
                }
                if (c == '\\') {
                    int start = i;
                    while (i < n && raw.charAt(i) == '\\') {
                        i++;
                    }
                    int backslashes = i - start;
                    if (i < n && raw.charAt(i) == '"') {
                        appendRepeated(arg, '\\', backslashes / 2);
                        if (backslashes % 2 == 1) {
                            arg.append('"');
                            i++;
                        }
                        // even count: the quote is left for the quote rule below
                    } else {
                        appendRepeated(arg, '\\', backslashes);
                    }
                } else if (c == '"') {
                    if (quoted && i + 1 < n && raw.charAt(i + 1) == '"') {
                        // CommandLineToArgvW: "" inside quotes is a literal quote and ends quoting
                        arg.append('"');
                        i += 2;
                        quoted = false;
                    } else {
                        quoted = !quoted;
                        i++;
                    }
                } else {
                    arg.append(c);
                    i++;
                }
            }
            args.add(arg.toString());
            unterminated = quoted;
        }
        return new Split(List.copyOf(args), unterminated);
    }

    /**
     * Quotes one argument so that {@link #splitArguments} (and both the pre- and post-2008
     * MSVC runtimes) give it back unchanged: {@code splitArguments(quoteArgument(a))} equals
     * {@code [a]} for every string {@code a}.
     *
     * <p>The argument is returned as is unless it is empty or contains a space, tab, newline,
     * vertical tab or {@code "}. Otherwise it is wrapped in quotes; each {@code "} becomes
     * {@code \"}, backslashes directly before a {@code "} or before the closing quote are
     * doubled, all other backslashes are kept as they are.
     *
     * @param arg the argument
     * @return the argument, quoted if needed
     * @throws NullPointerException if {@code arg} is null
     */
    public static String quoteArgument(String arg) {
        Objects.requireNonNull(arg, "arg");
        if (!arg.isEmpty() && !needsQuoting(arg)) {
            return arg;
        }
        StringBuilder sb = new StringBuilder(arg.length() + 2);
        sb.append('"');
        int n = arg.length();
        int i = 0;
        while (i < n) {
            int start = i;
            while (i < n && arg.charAt(i) == '\\') {
                i++;
            }
            int backslashes = i - start;
            if (i == n) {
                appendRepeated(sb, '\\', backslashes * 2); // before the closing quote
            } else if (arg.charAt(i) == '"') {
                appendRepeated(sb, '\\', backslashes * 2 + 1);
                sb.append('"');
                i++;
            } else {
                appendRepeated(sb, '\\', backslashes);
                sb.append(arg.charAt(i));
                i++;
            }
        }
        sb.append('"');
        return sb.toString();
    }

    /**
     * Quotes each argument with {@link #quoteArgument} and joins them with one space, so that
     * {@code splitArguments(joinArguments(args))} equals {@code args}.
     *
     * @param args the arguments
     * @return the argument string; empty for an empty list
     * @throws NullPointerException if {@code args} or one of its elements is null
     */
    public static String joinArguments(List<String> args) {
        Objects.requireNonNull(args, "args");
        StringBuilder sb = new StringBuilder();
        for (String arg : args) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quoteArgument(arg));
        }
        return sb.toString();
    }

    /**
     * Quotes a program path for argv[0] of a command line (service {@code ImagePath},
     * srvany/NSSM {@code "Application" AppParameters}): the path is always wrapped in
     * {@code "}, even without spaces, so the unquoted-service-path ambiguity cannot arise.
     *
     * <p>Trailing backslashes are doubled: {@code C:\dir\} becomes {@code "C:\dir\\"}. The
     * argv[0] rule (CreateProcessW, CommandLineToArgvW) ends the program at the first
     * {@code "} whatever precedes it, so the extra backslash is only a redundant separator
     * there; a parser applying the general argument rules, such as {@link #splitArguments},
     * gets the original path back instead of treating the closing quote as escaped and
     * swallowing the parameters that follow. Other backslashes are kept as they are.
     *
     * @param path the program path
     * @return the quoted path
     * @throws NullPointerException if {@code path} is null
     * @throws IllegalArgumentException if {@code path} is empty or contains {@code "}
     */
    public static String quoteProgram(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("Program path is empty");
        }
        if (path.indexOf('"') >= 0) {
            throw new IllegalArgumentException(
                    "Program path must not contain a double quote: " + path);
        }
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '\\') {
            end--;
        }
        int trailing = path.length() - end;
        StringBuilder sb = new StringBuilder(path.length() + trailing + 2);
        sb.append('"').append(path);
        appendRepeated(sb, '\\', trailing);
        return sb.append('"').toString();
    }

    /**
     * Builds the srvany/NSSM command line {@code "Application" AppParameters}: the quoted
     * program ({@link #quoteProgram}), then, unless the parameters hold no argument (null,
     * empty, or only spaces and tabs), one space and the raw parameters exactly as given. The
     * parameters are never re-quoted or trimmed; they are already a Windows argument string.
     *
     * @param application the program path
     * @param rawParameters the raw argument string ({@code AppParameters}); may be null
     * @return the command line to pass to {@code CreateProcessW}
     * @throws NullPointerException if {@code application} is null
     * @throws IllegalArgumentException if {@code application} is not a valid program path
     *     (see {@link #quoteProgram})
     */
    public static String commandLine(String application, String rawParameters) {
        String program = quoteProgram(application);
        if (rawParameters == null || rawParameters.chars().allMatch(c -> isSeparator((char) c))) {
            return program;
        }
        return program + ' ' + rawParameters;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean needsQuoting(String arg) {
        for (int i = 0; i < arg.length(); i++) {
            switch (arg.charAt(i)) {
                case ' ', '\t', '\n', '\u000B', '"':
                    return true;
                default:
                    break;
            }
        }
        return false;
    }

    private static void appendRepeated(StringBuilder sb, char c, int count) {
        for (int k = 0; k < count; k++) {
            sb.append(c);
        }
    }
}
