package org.jsrvany.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The environment file's lines: what is an entry, what is skipped, what is a problem (named by line, never by value). */
class EnvironmentFileTest {
    private static EnvironmentFile.Result parse(String text) {
        return EnvironmentFile.parse("AppEnvironmentFile app.env", text);
    }

    @Test
    void entriesAreTakenAsWrittenAfterTheFirstEquals() {
        EnvironmentFile.Result r = parse("# comment\n  # indented comment\n\nA=1\nB = two words \nC=x=y\nD=\nE=\"q\" %P%\r\n=C:=C:\\\\\n");
        assertThat(r.problems()).isEmpty();
        assertThat(r.entries()).containsExactly("A=1", "B= two words ", "C=x=y", "D=", "E=\"q\" %P%", "=C:=C:\\\\");
    }

    @Test
    void problemsNameTheLineAndNeverTheValue() {
        EnvironmentFile.Result r = parse("OK=fine\nno-equals-hunter2\n=\nMY VAR=hunter2\nZ=a\0b\n");
        assertThat(r.entries()).containsExactly("OK=fine");
        assertThat(r.problems()).containsExactly(
                "Line 2 of AppEnvironmentFile app.env has no '=': write each variable as KEY=VALUE (a comment line starts with #).",
                "Line 3 of AppEnvironmentFile app.env has no '=': write each variable as KEY=VALUE (a comment line starts with #).",
                "Line 4 of AppEnvironmentFile app.env has a name with a space before '=': write KEY=VALUE with a name such as DB_PASSWORD.",
                "Line 5 of AppEnvironmentFile app.env (Z) contains a NUL character, which no environment variable can hold: remove it.");
        assertThat(String.join(" ", r.problems())).doesNotContain("hunter2");
    }

    @Test
    void anEmptyFileIsNoEntries() {
        assertThat(parse("").entries()).isEmpty();
        assertThat(parse("\n\n# only comments\n").problems()).isEmpty();
        assertThat(List.of()).isEmpty();
    }
}
