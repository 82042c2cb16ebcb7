package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentBlockTest {

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void entriesAreNulTerminatedAndTheBlockEndsWithOneMoreNul() {
        EnvironmentBlock block = EnvironmentBlock.of(map("B", "2", "a", "1"));

        assertThat(new String(block.toChars())).isEqualTo("a=1\0B=2\0\0");
    }

    @Test
    void emptyBlockIsTwoNuls() {
        assertThat(EnvironmentBlock.of(Map.of()).toChars()).containsExactly('\0', '\0');
    }

    @Test
    void namesAreSortedIgnoringCaseByUpperCasedUnitsAsWindowsDoes() {
        EnvironmentBlock block = EnvironmentBlock.of(map(
                "path", "p", "A_B", "x", "AB", "y", "Zeta", "z", "alpha", "a", "=C:", "C:\\", "_U", "u"));

        // Upper-cased units: '=' (0x3D) < letters (0x41..0x5A) < '_' (0x5F).
        assertThat(block.variables().keySet())
                .containsExactly("=C:", "AB", "alpha", "A_B", "path", "Zeta", "_U");
        // String.CASE_INSENSITIVE_ORDER compares lower-cased units there and disagrees:
        assertThat(String.CASE_INSENSITIVE_ORDER.compare("A_B", "AB")).isNegative();
        assertThat(EnvironmentBlock.NAME_ORDER.compare("A_B", "AB")).isPositive();
    }

    @Test
    void valuesAreKeptExactly() {
        EnvironmentBlock block = EnvironmentBlock.of(map(
                "EMPTY", "", "EQ", "a=b=c", "SPACE", " x y ", "UNI", "ünïcødé ✓ \uD83D\uDE00"));

        assertThat(new String(block.toChars()))
                .isEqualTo("EMPTY=\0EQ=a=b=c\0SPACE= x y \0UNI=ünïcødé ✓ \uD83D\uDE00\0\0");
    }

    @Test
    void namesDifferingOnlyInCaseAreRejected() {
        assertThatThrownBy(() -> EnvironmentBlock.of(map("Path", "a", "PATH", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Path'").hasMessageContaining("'PATH'");
    }

    @Test
    void malformedNamesAndValuesAreRejected() {
        assertThatThrownBy(() -> EnvironmentBlock.of(map("", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty name");
        assertThatThrownBy(() -> EnvironmentBlock.of(map("A=B", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'A=B'");
        assertThatThrownBy(() -> EnvironmentBlock.of(map("A\0B", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> EnvironmentBlock.of(map("A", "x\0y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'A'");
    }

    @Test
    void variablesAreUnmodifiable() {
        EnvironmentBlock block = EnvironmentBlock.of(map("A", "1"));

        assertThatThrownBy(() -> block.variables().put("B", "2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
