package org.jsrvany.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PropertiesLinesTest {
    private static PropertiesLines.Entry e(int line, String key, String value) {
        return new PropertiesLines.Entry(line, key, value);
    }

    static Stream<Arguments> texts() {
        return Stream.of(
                // text, expected entries with the line each starts on
                Arguments.of("a=1\nb=2\n", List.of(e(1, "a", "1"), e(2, "b", "2"))),
                Arguments.of("a=1\r\nb=2\rc=3", List.of(e(1, "a", "1"), e(2, "b", "2"), e(3, "c", "3"))),
                Arguments.of("# x\n! y\n\n   \na=1\n", List.of(e(5, "a", "1"))),
                Arguments.of("  # comment \\\na=1\n", List.of(e(2, "a", "1"))),
                Arguments.of("a=1\\\n  2\\\n   3\nb=4\n", List.of(e(1, "a", "123"), e(4, "b", "4"))),
                Arguments.of("a=1\\\n# not a comment\nb=2", List.of(e(1, "a", "1# not a comment"), e(3, "b", "2"))),
                Arguments.of("a=1\\\\\nb=2\n", List.of(e(1, "a", "1\\"), e(2, "b", "2"))),
                Arguments.of("a 1\nb:2\nc\n\td = \\u0041\\n", List.of(e(1, "a", "1"), e(2, "b", "2"), e(3, "c", ""),
                        e(4, "d", "A\n"))),
                Arguments.of("key\\ with\\ spaces = v\n", List.of(e(1, "key with spaces", "v"))),
                Arguments.of("a=1\\", List.of(e(1, "a", "1"))),
                Arguments.of("a=1\n\\\nb=2\n", List.of(e(1, "a", "1"), e(2, "b", "2"))),
                Arguments.of("\f a=1\n", List.of(e(1, "a", "1"))),
                Arguments.of("a=1\na=2\n", List.of(e(1, "a", "1"), e(2, "a", "2"))),
                Arguments.of("a=1\\\n\nb=2", List.of(e(1, "a", "1"), e(3, "b", "2"))),
                Arguments.of("a=1\\\n   \nb=2", List.of(e(1, "a", "1"), e(3, "b", "2"))),
                Arguments.of("  key  =  value  \n", List.of(e(1, "key", "value  "))),
                Arguments.of("a\\=b=c\nd\\:e:f\n", List.of(e(1, "a=b", "c"), e(2, "d:e", "f"))),
                Arguments.of("=v\n:w\n", List.of(e(1, "", "v"), e(2, "", "w"))),
                Arguments.of("a = = b\nc : : d\ne  f\n", List.of(e(1, "a", "= b"), e(2, "c", ": d"), e(3, "e", "f"))),
                Arguments.of("\\u00e9t\u00e9=\\x\\\\y\\\n", List.of(e(1, "\u00e9t\u00e9", "x\\y"))),
                Arguments.of("a=\\t\\r\\f|\n", List.of(e(1, "a", "\t\r\f|"))),
                Arguments.of("a=1\\\r\n  2\r\nb=3", List.of(e(1, "a", "12"), e(3, "b", "3"))),
                Arguments.of("a=x\\\\\\", List.of(e(1, "a", "x\\"))));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("texts")
    void splitsAsPropertiesDoesButKeepsLinesAndDuplicates(String text, List<PropertiesLines.Entry> expected) throws IOException {
        PropertiesLines.Result result = PropertiesLines.parse(text);
        assertThat(result.entries()).containsExactlyElementsOf(expected);
        assertThat(result.malformed()).isEmpty();
        Properties reference = new Properties();
        reference.load(new StringReader(text));
        for (PropertiesLines.Entry entry : result.entries()) {
            assertThat(reference).containsKey(entry.key());
        }
        assertThat(reference.size()).isEqualTo(result.entries().stream().map(PropertiesLines.Entry::key).distinct().count());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("texts")
    void valuesAreExactlyWhatPropertiesReadsWhenNoKeyRepeats(String text, List<PropertiesLines.Entry> expected)
            throws IOException {
        Properties reference = new Properties();
        reference.load(new StringReader(text));
        for (PropertiesLines.Entry entry : PropertiesLines.parse(text).entries()) {
            if (expected.stream().filter(x -> x.key().equals(entry.key())).count() == 1) {
                assertThat(entry.value()).isEqualTo(reference.getProperty(entry.key()));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aMalformedEscapeIsKeptWithItsLineAndTheRestIsRead() {
        PropertiesLines.Result result = PropertiesLines.parse("a=1\nb=\\uZZZZ\nc=3\nd=\\u12\ne=\\u\uFF11234\n");
        assertThat(result.entries()).containsExactly(e(1, "a", "1"), e(3, "c", "3"));
        assertThat(result.malformed()).extracting(PropertiesLines.Malformed::line).containsExactly(2, 4, 5);
        for (String bad : List.of("b=\\uZZZZ", "d=\\u12", "e=\\u\uFF11234")) {
            assertThatThrownBy(() -> new Properties().load(new StringReader(bad))).as("Properties refuses %s too", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
