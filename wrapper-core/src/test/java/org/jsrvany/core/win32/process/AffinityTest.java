package org.jsrvany.core.win32.process;

import org.jsrvany.core.config.CpuList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AffinityTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "'';            0",
        "'   ';         0",
        "0;             1",
        "0-2,4;         23",
        "' 1 , 3 ';     10",
        "4,0-2;         23",
        "2-2;           4",
        "0-1,1-2;       7",
        "63;            -9223372036854775808",
        "0-63;          -1",
    })
    void parsesCpuLists(String list, long mask) {
        assertThat(CpuList.mask(list)).isEqualTo(mask);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "64;        CPU 64 is beyond 63",
        "0-64;      CPU 64 is beyond 63",
        "99999999999; is beyond 63",
        "3-1;       the range 3-1 runs backwards; write it as 1-3",
        "a;         'a' is not a CPU number",
        "1,,2;      '' is not a CPU number",
        "1-;        '1-' is not a CPU number",
        "-1;        '-1' is not a CPU number",
        "',';       '' is not a CPU number",
    })
    void rejectsWhatNoMaskCanHoldNamingTheList(String list, String problem) {
        assertThatThrownBy(() -> CpuList.mask(list)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AppAffinity '" + list + "'").hasMessageContaining(problem);
    }

    @Test
    void emptyRequestLeavesTheDefault() {
        assertThat(Affinity.resolve(0, 0b1111)).isEqualTo(new Affinity.Resolved(0, 0));
    }

    @Test
    void cpusTheSystemLacksAreDroppedAndReported() {
        assertThat(Affinity.resolve(0b110011, 0b1111)).isEqualTo(new Affinity.Resolved(0b0011, 0b110000));
        assertThat(Affinity.resolve(0b0101, 0b1111)).isEqualTo(new Affinity.Resolved(0b0101, 0));
    }

    @Test
    void aRequestNamingNoExistingCpuFails() {
        assertThatThrownBy(() -> Affinity.resolve(0b110000, 0b1111)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CPUs 4-5").hasMessageContaining("only CPUs 0-3");
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
}
