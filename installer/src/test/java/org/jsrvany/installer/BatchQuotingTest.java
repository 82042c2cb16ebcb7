package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BatchQuotingTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"plain", "two words", "100%", "%PATH%", "a&b", "a|b", "<in>", "(x86)", "caret^",
        "say \"hi\"", "odd \" quote & more", "\"", "end\\", "C:\\dir\\", "ünï ✓", "", "\\\\\"", "a\"b\"c&d"})
    void cmdThenTheRuntimeGiveTheArgumentBack(String arg) {
        String line = BatchQuoting.line("%JSRVANY%", List.of("x", arg, "after & | %y%"));
        String afterCmd = DumpCommandTest.cmdExe(line.substring("%JSRVANY% ".length()));
        assertThat(WindowsCommandLine.splitArguments(afterCmd)).containsExactly("x", arg, "after & | %y%");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "a&b|a^&b",
        "\"a&b\"|\"a&b\"",
        "50%|50%%",
        "\"50%\"|\"50%%\"",
        "x \\\"&\\\" y|x \\\"&\\\" y",
        "x \\\"y&|x \\\"y&",
    })
    void escapesOnlyOutsideCmdsQuotes(String runtimeQuoted, String batch) {
        assertThat(BatchQuoting.escape(runtimeQuoted)).isEqualTo(batch);
    }

    @ParameterizedTest
    @ValueSource(strings = {"line\nbreak", "cr\rx"})
    void aLineBreakCannotBeWritten(String arg) {
        assertThatThrownBy(() -> BatchQuoting.line("x", List.of(arg))).isInstanceOf(IllegalArgumentException.class);
    }
}
