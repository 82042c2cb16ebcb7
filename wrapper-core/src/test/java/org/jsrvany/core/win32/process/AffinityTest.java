package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jsrvany.core.config.CpuList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AppAffinity: the CPU list, and its placement on a machine's processor groups. */
class AffinityTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "'';            ''",
        "'   ';         ''",
        "0;             0",
        "0-2,4;         0 1 2 4",
        "' 1 , 3 ';     1 3",
        "4,0-2;         0 1 2 4",
        "2-2;           2",
        "0-1,1-2;       0 1 2",
        "63-65;         63 64 65",
        "4095;          4095",
    })
    void parsesCpuLists(String list, String cpus) {
        assertThat(CpuList.cpus(list)).containsExactlyElementsOf(set(cpus));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "4096;      CPU 4096 is beyond 4095",
        "0-4096;    CPU 4096 is beyond 4095",
        "99999999999; is beyond 4095",
        "3-1;       the range 3-1 runs backwards; write it as 1-3",
        "a;         'a' is not a CPU number",
        "1,,2;      '' is not a CPU number",
        "1-;        '1-' is not a CPU number",
        "-1;        '-1' is not a CPU number",
        "',';       '' is not a CPU number",
    })
    void rejectsWhatIsNoCpuListNamingTheList(String list, String problem) {
        assertThatThrownBy(() -> CpuList.cpus(list)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AppAffinity '" + list + "'").hasMessageContaining(problem);
    }

    /**
     * Placement on the machine's groups. Columns: requested CPUs; active CPUs per group; the group, the mask
     * within it (as a CPU list), the CPUs dropped, and whether the child must be created in that group.
     */
    @ParameterizedTest(name = "{0} on groups [{1}] -> group {2}, CPUs {3}, missing {4}, attribute {5}")
    @CsvSource(delimiter = ';', value = {
        // one group (64 CPUs or fewer): the usual numbering, no group attribute
        "0;              2;       0; 0;       (none);   false",
        "1;              2;       0; 1;       (none);   false",
        "0-2 4;          8;       0; 0-2,4;   (none);   false",
        "0-63;           64;      0; 0-63;    (none);   false",
        "2 3 6 7;        4;       0; 2-3;     6-7;      false",
        // two full groups: 64-127 are group 1's CPUs 0-63
        "64;             64 64;   1; 0;       (none);   true",
        "64-127;         64 64;   1; 0-63;    (none);   true",
        "0-3;            64 64;   0; 0-3;     (none);   true",
        // two groups of 40 (80 CPUs): 40-79 are group 1's CPUs 0-39
        "40 41 79;       40 40;   1; 0-1,39;  (none);   true",
        "79 80 200;      40 40;   1; 39;      80,200;   true",
        // groups of different sizes
        "96-99;          64 36 64; 1; 32-35;  (none);   true",
        "100-103;        64 36 64; 2; 0-3;    (none);   true",
    })
    void placesTheRequestOnOneProcessorGroup(String requested, String groups, int group, String cpus, String missing,
                                             boolean attribute) {
        Affinity.Placement p = Affinity.place(set(requested), sizes(groups)).orElseThrow();

        assertThat(p.group()).isEqualTo(group);
        assertThat(Affinity.format(p.mask())).isEqualTo(cpus);
        assertThat(Affinity.format(p.missing())).isEqualTo(missing);
        assertThat(p.groupAttribute()).isEqualTo(attribute);
    }

    @Test
    void anEmptyRequestLeavesTheDefault() {
        assertThat(Affinity.place(set(""), sizes("64 64"))).isEqualTo(Optional.empty());
    }

    @Test
    void aRequestNamingNoExistingCpuFailsWithTheMachinesCpus() {
        assertThatThrownBy(() -> Affinity.place(set("4 5"), sizes("4"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CPUs 4-5").hasMessageContaining("only CPUs 0-3");
    }

    @Test
    void aRequestSpanningTwoGroupsFailsNamingEachGroupsCpus() {
        assertThatThrownBy(() -> Affinity.place(set("38 39 40 41"), sizes("40 40")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CPUs 38-41 in processor groups [0, 1]")
                .hasMessageContaining("a process runs in one group")
                .hasMessageContaining("group 0 = CPUs 0-39, group 1 = CPUs 40-79");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "0;                     (none)",
        "1;                     0",
        "23;                    0-2,4",
        "10;                    1,3",
        "-1;                    0-63",
        "-9223372036854775808;  63",
    })
    void formatsMasksAsLists(long mask, String list) {
        assertThat(Affinity.format(mask)).isEqualTo(list);
    }

    /** Space-separated CPU numbers or ranges. */
    private static SortedSet<Integer> set(String cpus) {
        return cpus == null || cpus.isBlank() ? new TreeSet<>() : CpuList.cpus(String.join(",", cpus.trim().split(" +")));
    }

    private static List<Integer> sizes(String groups) {
        return Arrays.stream(groups.trim().split(" +")).map(Integer::valueOf).toList();
    }
}
