package org.jsrvany.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SidsTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "LocalSystem|S-1-5-18",
        "|S-1-5-18",
        ".\\LocalSystem|S-1-5-18",
        "NT AUTHORITY\\SYSTEM|S-1-5-18",
        "NT AUTHORITY\\LocalService|S-1-5-19",
        "nt authority\\local service|S-1-5-19",
        "NT AUTHORITY\\NetworkService|S-1-5-20",
        "NT SERVICE\\TrustedInstaller|S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464",
        "nt service\\mssqlserver|S-1-5-80-3880718306-3832830129-1677859214-2598158968-1052248003",
        ".\\alice|-",
        "CORP\\svc-worker|-",
        "CORP\\gmsa$|-",
    })
    void aServiceAccountsSidWhenItsNameTellsIt(String objectName, String sid) {
        assertThat(Sids.ofServiceAccount(objectName == null ? "" : objectName).orElse("-")).isEqualTo(sid);
    }

    @Test
    void aliasesBecomeSidsAndSidsGetNames() {
        assertThat(Sids.normalize("bu")).isEqualTo(Sids.USERS);
        assertThat(Sids.normalize("s-1-5-21-1-2-3-1001")).isEqualTo("S-1-5-21-1-2-3-1001");
        assertThat(Sids.displayName("AU")).isEqualTo("Authenticated Users");
        assertThat(Sids.displayName("S-1-5-21-1-2-3-1001")).isEqualTo("S-1-5-21-1-2-3-1001");
        assertThat(Sids.NON_ADMINISTRATORS).containsExactlyInAnyOrder(Sids.USERS, Sids.AUTHENTICATED_USERS,
                Sids.EVERYONE, Sids.INTERACTIVE);
    }
}
