package org.jsrvany.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DescriptorTest {

    @Test
    void ownerProtectionAndEntriesAreReadWithAliasesResolved() {
        Descriptor d = Descriptor.parse("O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;CIID;DCLCRPCR;;;BU)(D;;0x40000;;;WD)S:(AU;SA;FA;;;WD)");
        assertThat(d.owner()).contains(Sids.ADMINISTRATORS);
        assertThat(d.daclProtected()).isTrue();
        assertThat(d.dacl()).containsExactly(
                new Ace("A", "OICI", 0x1F01FF, Sids.LOCAL_SYSTEM),
                new Ace("A", "CIID", 0x2 | 0x4 | 0x10 | 0x100, Sids.USERS),
                new Ace("D", "", 0x40000, Sids.EVERYONE));
        assertThat(d.dacl().get(1).inherited()).isTrue();
        assertThat(d.dacl().get(0).inherited()).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        // owner|sddl|protected|entries
        "O:S-1-5-21-0-0-0-1000D:(A;OICI;FA;;;SY)(A;OICI;0x1200a9;;;WD)|S-1-5-21-0-0-0-1000|false|2",
        "O:BAD:(A;CIIO;GR;;;BU)(A;;KA;;;BA)|S-1-5-32-544|false|2",
        "D:AI(A;OICIID;FA;;;SY)|-|false|1",
        "D:P|-|true|0",
        "O:DDD:P(A;;FA;;;SY)|DD|true|1", // an alias ending in D right before D: (one jsrvany does not map stays)
    })
    void partsAreSplitWhereverTheNextOneStarts(String sddl, String owner, boolean isProtected, int entries) {
        Descriptor d = Descriptor.parse(sddl);
        if (owner.equals("-")) {
            assertThat(d.owner()).isEmpty();
        } else {
            assertThat(d.owner()).contains(owner);
        }
        assertThat(d.daclProtected()).isEqualTo(isProtected);
        assertThat(d.dacl()).hasSize(entries);
    }

    @Test
    void aConditionalEntryKeepsItsOwnParentheses() {
        Descriptor d = Descriptor.parse("D:(XA;;FA;;;WD;(@User.Title==\"PM\"))(A;;FR;;;BU)");
        assertThat(d.dacl()).hasSize(2);
        assertThat(d.dacl().get(0).type()).isEqualTo("XA");
        assertThat(d.dacl().get(0).sid()).isEqualTo(Sids.EVERYONE);
        assertThat(d.dacl().get(1).mask()).isEqualTo(0x120089);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"FA,0x1f01ff", "0x1301bf,0x1301bf", "1245631,0x1301bf", "GAGW,0x50000000", "KW,0x20006", "RCSDWDWO,0xf0000"})
    void rightsAreReadAsTheirBits(String rights, String hex) {
        assertThat(Ace.rights(rights)).isEqualTo((int) Long.parseLong(hex.substring(2), 16));
    }

    @Test
    void somethingThatIsNotSddlIsRefused() {
        assertThatThrownBy(() -> Descriptor.parse("D:(A;;QQ;;;BU)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Descriptor.parse("D:(A;;FA)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Descriptor.parse("garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writtenBackItReadsTheSame() {
        Descriptor d = new Descriptor(Optional.of("BA"), true, List.of(Ace.allow("OICI", 0x1F01FF, "SY"),
                Ace.allow("OIIO", 0x1301bf, "S-1-5-19")));
        assertThat(d.toSddl()).isEqualTo("O:S-1-5-32-544D:P(A;OICI;0x1f01ff;;;S-1-5-18)(A;OIIO;0x1301bf;;;S-1-5-19)");
        assertThat(Descriptor.parse(d.toSddl())).isEqualTo(d);
    }
}
