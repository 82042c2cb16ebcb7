package org.jsrvany.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Against SIDs Windows shows ({@code sc showsid NAME}, the TrustedInstaller owner of system files). */
class VirtualAccountTest {

    @ParameterizedTest(name = "[{index}] NT SERVICE\\{0}")
    @CsvSource({
        "TrustedInstaller,S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464",
        "trustedinstaller,S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464",
        "MSSQLSERVER,S-1-5-80-3880718306-3832830129-1677859214-2598158968-1052248003",
    })
    void theSidIsDerivedFromTheUpperCaseName(String service, String sid) {
        assertThat(VirtualAccount.sid(service)).isEqualTo(sid);
    }

    @ParameterizedTest
    @CsvSource({"straße,STRAßE", "dienst-ü,DIENST-Ü"})
    void noCharacterBecomesTwoWhenUpcased(String name, String upper) {
        assertThat(VirtualAccount.upcase(name)).isEqualTo(upper);
    }
}
