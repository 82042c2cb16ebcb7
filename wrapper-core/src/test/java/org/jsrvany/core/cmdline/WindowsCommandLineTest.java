package org.jsrvany.core.cmdline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tests for {@link WindowsCommandLine}. Expected values in the split tables come from the
 * documentation (Microsoft's "Parsing C command-line arguments" table, Raymond Chen's
 * "What's up with the strange treatment of quotation marks and backslashes by
 * CommandLineToArgvW", MicrosoftDocs/cpp-docs issue #3291) or are worked out by hand from the
 * documented rules; never copied from the implementation's output.
 *
 * <p>Java escapes make backslashes hard to read: in the comments, the command line is shown as
 * it appears on the real command line.
 */
class WindowsCommandLineTest {

    // ---------------------------------------------------------------- splitArguments

    static Stream<Arguments> documentedExamples() {
        return Stream.of(
                // Microsoft docs table, "Parsing C command-line arguments"
                // "abc" d e
                Arguments.of("\"abc\" d e", List.of("abc", "d", "e")),
                // a\\\b d"e f"g h
                Arguments.of("a\\\\\\b d\"e f\"g h", List.of("a\\\\\\b", "de fg", "h")),
                // a\\\"b c d
                Arguments.of("a\\\\\\\"b c d", List.of("a\\\"b", "c", "d")),
                // a\\\\"b c" d e
                Arguments.of("a\\\\\\\\\"b c\" d e", List.of("a\\\\b c", "d", "e")),
                // "ab\"c" "\\" d
                Arguments.of("\"ab\\\"c\" \"\\\\\" d", List.of("ab\"c", "\\", "d")),
                // a"b"" c d : CommandLineToArgvW gives ab" / c / d (cpp-docs issue #3291);
                // the post-2008 CRT (current docs table) would give the single argument ab" c d.
                Arguments.of("a\"b\"\" c d", List.of("ab\"", "c", "d")),
                // Raymond Chen (The Old New Thing, 2010-09-17)
                // "hello there.txt"
                Arguments.of("\"hello there.txt\"", List.of("hello there.txt")),
                // "C:\Hello there.txt"
                Arguments.of("\"C:\\Hello there.txt\"", List.of("C:\\Hello there.txt")),
                // "hello\"there"
                Arguments.of("\"hello\\\"there\"", List.of("hello\"there")),
                // "hello\\"
                Arguments.of("\"hello\\\\\"", List.of("hello\\")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("documentedExamples")
    void splitsDocumentedExamples(String raw, List<String> expected) {
        assertThat(WindowsCommandLine.splitArguments(raw)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> edgeCases() {
        return Stream.of(
                // empty and whitespace only: no arguments at all
                Arguments.of("", List.of()),
                Arguments.of(" ", List.of()),
                Arguments.of(" \t  \t", List.of()),
                // leading, trailing and repeated separators
                Arguments.of("  a", List.of("a")),
                Arguments.of("a  ", List.of("a")),
                Arguments.of("  a \t\t b  ", List.of("a", "b")),
                Arguments.of("a\tb", List.of("a", "b")),
                // only space and tab separate; newline, CR, vertical tab do not
                Arguments.of("a\nb\rc\u000Bd", List.of("a\nb\rc\u000Bd")),
                // backslashes not followed by a quote are literal, also at the end
                Arguments.of("a\\b", List.of("a\\b")),
                Arguments.of("C:\\dir\\", List.of("C:\\dir\\")),
                Arguments.of("a\\\\", List.of("a\\\\")),
                Arguments.of("\\", List.of("\\")),
                // \" is a literal quote
                Arguments.of("\\\"", List.of("\"")),
                // \\\\" (4 backslashes + quote) -> 2 backslashes, quote opens
                Arguments.of("\\\\\\\\\"a b\"", List.of("\\\\a b")),
                // backslashes at the end inside quotes: "a\\" -> a\ ; "a\\\\" b -> a\\ , b
                Arguments.of("\"a\\\\\"", List.of("a\\")),
                Arguments.of("\"a\\\\\\\\\" b", List.of("a\\\\", "b")),
                // "C:\dir\\" "x" -> C:\dir\ , x
                Arguments.of("\"C:\\dir\\\\\" \"x\"", List.of("C:\\dir\\", "x")),
                // "a\" b : escaped quote, then unterminated quoted region to the end
                Arguments.of("\"a\\\" b", List.of("a\" b")),
                // "a\ (unterminated, trailing backslash) -> a\
                Arguments.of("\"a\\", List.of("a\\")),
                // unterminated quote runs to the end, keeping whitespace
                Arguments.of("\"abc", List.of("abc")),
                Arguments.of("x \"a  b\t", List.of("x", "a  b\t")),
                // empty arguments
                Arguments.of("\"\"", List.of("")),
                Arguments.of("\"", List.of("")),
                Arguments.of("a \"\" b", List.of("a", "", "b")),
                Arguments.of("\"\" \"\"", List.of("", "")),
                Arguments.of("a \"\"", List.of("a", "")),
                // quoted parts embedded in an argument
                Arguments.of("a\"b c\"d", List.of("ab cd")),
                Arguments.of("--opt=\"x y\"", List.of("--opt=x y")),
                // "" inside quotes: literal quote AND quoting ends (CommandLineToArgvW)
                // """ -> open, then "" = literal quote + close
                Arguments.of("\"\"\"", List.of("\"")),
                // """a b""" -> "a , b"
                Arguments.of("\"\"\"a b\"\"\"", List.of("\"a", "b\"")),
                // "a""b c" -> a"b , c   (quoting closed after "", so the space separates;
                //                        the last quote opens an unterminated region)
                Arguments.of("\"a\"\"b c\"", List.of("a\"b", "c")),
                // """" -> open, "" literal + close, open again -> "
                Arguments.of("\"\"\"\"", List.of("\"")),
                // "a\\""b" -> 2 backslashes + quote = \ and the quote goes to the "" rule
                Arguments.of("\"a\\\\\"\"b\"", List.of("a\\\"b")),
                // unicode is ordinary text
                Arguments.of("é 中文 \"x é\" ü\"中 文\"",
                        List.of("é", "中文", "x é", "ü中 文")),
                // supplementary character (surrogate pair) survives
                Arguments.of("\"\uD83D\uDE00 x\"", List.of("\uD83D\uDE00 x")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("edgeCases")
    void splitsEdgeCases(String raw, List<String> expected) {
        assertThat(WindowsCommandLine.splitArguments(raw)).containsExactlyElementsOf(expected);
    }

    @Test
    void splitResultIsUnmodifiable() {
        List<String> args = WindowsCommandLine.splitArguments("a b");
        assertThatThrownBy(() -> args.add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void splitRejectsNull() {
        assertThatThrownBy(() -> WindowsCommandLine.splitArguments(null))
                .isInstanceOf(NullPointerException.class);
    }

    // ---------------------------------------------------------------- quoteArgument

    static Stream<Arguments> quoteExamples() {
        return Stream.of(
                // no quoting needed
                Arguments.of("abc", "abc"),
                Arguments.of("a\\b", "a\\b"),
                Arguments.of("C:\\dir\\", "C:\\dir\\"), // no quote follows: stays literal
                Arguments.of("\\\\server\\share", "\\\\server\\share"),
                Arguments.of("é中", "é中"),
                Arguments.of("--opt=1", "--opt=1"),
                // quoting needed
                Arguments.of("", "\"\""),
                Arguments.of("a b", "\"a b\""),
                Arguments.of("a\tb", "\"a\tb\""),
                Arguments.of("a\nb", "\"a\nb\""),
                Arguments.of("a\u000Bb", "\"a\u000Bb\""),
                // a"b -> "a\"b"
                Arguments.of("a\"b", "\"a\\\"b\""),
                // " -> "\""
                Arguments.of("\"", "\"\\\"\""),
                // a\"b -> "a\\\"b"
                Arguments.of("a\\\"b", "\"a\\\\\\\"b\""),
                // C:\Program Files\ -> "C:\Program Files\\"
                Arguments.of("C:\\Program Files\\", "\"C:\\Program Files\\\\\""),
                // a b\\ -> "a b\\\\"
                Arguments.of("a b\\\\", "\"a b\\\\\\\\\""),
                // inner backslashes not before a quote are kept: "C:\a b\c"
                Arguments.of("C:\\a b\\c", "\"C:\\a b\\c\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("quoteExamples")
    void quotesArguments(String arg, String expected) {
        assertThat(WindowsCommandLine.quoteArgument(arg)).isEqualTo(expected);
        assertThat(WindowsCommandLine.splitArguments(expected)).containsExactly(arg);
    }

    @Test
    void quoteArgumentRoundTripsRandomStrings() {
        Random random = new Random(20240611L);
        for (int n = 0; n < 5000; n++) {
            String arg = randomString(random, 12);
            String quoted = WindowsCommandLine.quoteArgument(arg);
            assertThat(WindowsCommandLine.splitArguments(quoted))
                    .as("arg <%s> quoted as <%s>", arg, quoted)
                    .containsExactly(arg);
        }
    }

    @Test
    void joinArgumentsRoundTripsRandomLists() {
        Random random = new Random(42L);
        for (int n = 0; n < 2000; n++) {
            int count = random.nextInt(6);
            List<String> args = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                args.add(randomString(random, 8));
            }
            String joined = WindowsCommandLine.joinArguments(args);
            assertThat(WindowsCommandLine.splitArguments(joined))
                    .as("args %s joined as <%s>", args, joined)
                    .containsExactlyElementsOf(args);
        }
    }

    @Test
    void joinArgumentsQuotesOnlyWhatNeedsIt() {
        assertThat(WindowsCommandLine.joinArguments(List.of())).isEmpty();
        assertThat(WindowsCommandLine.joinArguments(
                List.of("-jar", "C:\\path with spaces\\app.jar", "", "say \"hi\"")))
                .isEqualTo("-jar \"C:\\path with spaces\\app.jar\" \"\" \"say \\\"hi\\\"\"");
    }

    @Test
    void quoteAndJoinRejectNull() {
        assertThatThrownBy(() -> WindowsCommandLine.quoteArgument(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WindowsCommandLine.joinArguments(null))
                .isInstanceOf(NullPointerException.class);
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> WindowsCommandLine.joinArguments(withNull))
                .isInstanceOf(NullPointerException.class);
    }

    private static final char[] ALPHABET = {'a', '\\', '"', ' ', '\t', 'é', '中'};

    private static String randomString(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- quoteProgram

    static Stream<Arguments> programExamples() {
        return Stream.of(
                Arguments.of("C:\\Program Files\\Java\\bin\\java.exe",
                        "\"C:\\Program Files\\Java\\bin\\java.exe\""),
                // quoted even without spaces
                Arguments.of("C:\\Windows\\notepad.exe", "\"C:\\Windows\\notepad.exe\""),
                Arguments.of("C:\\Dienste\\Überwachung 中文\\svc.exe",
                        "\"C:\\Dienste\\Überwachung 中文\\svc.exe\""),
                // UNC path: the leading backslashes are not before the closing quote
                Arguments.of("\\\\server\\share\\app.exe", "\"\\\\server\\share\\app.exe\""),
                // trailing backslash is doubled: C:\dir\ -> "C:\dir\\"
                Arguments.of("C:\\dir\\", "\"C:\\dir\\\\\""),
                // C:\dir\\ -> "C:\dir\\\\"
                Arguments.of("C:\\dir\\\\", "\"C:\\dir\\\\\\\\\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("programExamples")
    void quotesPrograms(String path, String expected) {
        String quoted = WindowsCommandLine.quoteProgram(path);
        assertThat(quoted).isEqualTo(expected);
        // the general argument rules give the path back, and never swallow what follows
        assertThat(WindowsCommandLine.splitArguments(quoted + " -x"))
                .containsExactly(path, "-x");
    }

    @Test
    void quoteProgramRejectsQuoteNamingThePath() {
        assertThatThrownBy(() -> WindowsCommandLine.quoteProgram("C:\\a\"b.exe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("C:\\a\"b.exe");
    }

    @Test
    void quoteProgramRejectsEmptyAndNull() {
        assertThatThrownBy(() -> WindowsCommandLine.quoteProgram(""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WindowsCommandLine.quoteProgram(null))
                .isInstanceOf(NullPointerException.class);
    }

    // ---------------------------------------------------------------- commandLine

    @Test
    void commandLineBuildsImagePath() {
        String params = "-Xrs -jar "
                + WindowsCommandLine.quoteArgument("C:\\path with spaces\\jsrvany-launcher.jar");
        assertThat(WindowsCommandLine.commandLine("C:\\Program Files\\Java\\bin\\java.exe", params))
                .isEqualTo("\"C:\\Program Files\\Java\\bin\\java.exe\" -Xrs -jar "
                        + "\"C:\\path with spaces\\jsrvany-launcher.jar\"");
    }

    @Test
    void commandLinePassesParametersRaw() {
        // already-quoted parameters are not quoted again, odd spacing is kept as given
        assertThat(WindowsCommandLine.commandLine("C:\\app\\app.exe", "  -a \"x y\"  a\\\"b "))
                .isEqualTo("\"C:\\app\\app.exe\"   -a \"x y\"  a\\\"b ");
        // an unbalanced quote stays the user's business: passed through verbatim
        assertThat(WindowsCommandLine.commandLine("C:\\app\\app.exe", "\"unterminated"))
                .isEqualTo("\"C:\\app\\app.exe\" \"unterminated");
    }

    @Test
    void commandLineWithoutParameters() {
        String expected = "\"C:\\Program Files\\app\\app.exe\"";
        assertThat(WindowsCommandLine.commandLine("C:\\Program Files\\app\\app.exe", null))
                .isEqualTo(expected);
        assertThat(WindowsCommandLine.commandLine("C:\\Program Files\\app\\app.exe", ""))
                .isEqualTo(expected);
        assertThat(WindowsCommandLine.commandLine("C:\\Program Files\\app\\app.exe", " \t "))
                .isEqualTo(expected);
    }

    @Test
    void commandLineTrailingBackslashProgramDoesNotSwallowParameters() {
        String line = WindowsCommandLine.commandLine("C:\\dir\\", "-x \"y z\"");
        assertThat(line).isEqualTo("\"C:\\dir\\\\\" -x \"y z\"");
        assertThat(WindowsCommandLine.splitArguments(line)).containsExactly("C:\\dir\\", "-x", "y z");
    }

    @Test
    void commandLineRejectsBadProgram() {
        assertThatThrownBy(() -> WindowsCommandLine.commandLine("C:\\a\"b.exe", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("C:\\a\"b.exe");
        assertThatThrownBy(() -> WindowsCommandLine.commandLine(null, "x"))
                .isInstanceOf(NullPointerException.class);
    }
}
