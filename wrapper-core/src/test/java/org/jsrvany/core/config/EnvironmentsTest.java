package org.jsrvany.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentsTest {
    private static final Map<String, String> VARS = Map.of("A", "1", "HOME", "/h", "EMPTY", "");

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
        "plain|plain",
        "%A%|1",
        "x%A%y%HOME%z|x1y/hz",
        "%EMPTY%x|x",
        "%NOPE%|%NOPE%",
        "%NOPE%A%|%NOPE1",
        "100%|100%",
        "%%|%%",
        "%A|%A",
        "a%%A%|a%1",
    })
    void expandsLikeExpandEnvironmentStrings(String in, String out) {
        assertThat(Environments.expand(in, VARS::get)).isEqualTo(out);
    }

    @Test
    void appEnvironmentReplacesAndExtraMergesInOrder() {
        var r = Environments.build(Map.of("PATH", "/usr/bin", "KEEP", "k"), Optional.of(List.of("A=1", "B=%A%2", "E=")), false,
                List.of("PATH=/opt/bin:%PATH%", "C=%B%%KEEP%"), false);
        assertThat(r.problems()).isEmpty();
        // KEEP is gone (replaced), but %PATH% and %KEEP% still expand from the wrapper's own environment.
        assertThat(r.environment()).containsExactly(Map.entry("A", "1"), Map.entry("B", "12"), Map.entry("C", "12k"),
                Map.entry("E", ""), Map.entry("PATH", "/opt/bin:/usr/bin"));
    }

    @Test
    void srvanyNgMergeKeepsTheBase() {
        var r = Environments.build(Map.of("KEEP", "k"), Optional.of(List.of("A=1")), true, List.of(), false);
        assertThat(r.environment()).containsEntry("KEEP", "k").containsEntry("A", "1");
    }

    @Test
    void windowsNamesIgnoreCase() {
        var r = Environments.build(Map.of("Path", "C:\\W"), Optional.empty(), false, List.of("PATH=C:\\bin;%path%"), true);
        assertThat(r.environment()).hasSize(1).containsEntry("path", "C:\\bin;C:\\W");
    }

    @Test
    void entriesWithoutEqualsOrNameAreRejectedWithTheirText() {
        var r = Environments.build(Map.of(), Optional.of(List.of("NOEQUALS", "=C:=C:\\x", "OK=1")), false,
                List.of(" =v"), false);
        assertThat(r.environment()).containsEntry("=C:", "C:\\x").containsEntry("OK", "1");
        assertThat(r.problems()).containsExactly(
                "AppEnvironment entry 'NOEQUALS' has no '=': write each entry as KEY=VALUE (the value may be empty, as in KEY=).",
                "AppEnvironmentExtra entry ' =v' has an empty name before '=': write KEY=VALUE.");
    }
}
