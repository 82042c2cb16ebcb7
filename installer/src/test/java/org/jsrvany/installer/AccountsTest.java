package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountsTest {
    @ParameterizedTest(name = "[{index}] {0} -> {1} (password: {2})")
    @CsvSource(delimiter = '|', value = {
        "LocalSystem|LocalSystem|false",
        "system|LocalSystem|false",
        "NT AUTHORITY\\SYSTEM|LocalSystem|false",
        "LocalService|NT AUTHORITY\\LocalService|false",
        "nt authority\\local service|NT AUTHORITY\\LocalService|false",
        "NetworkService|NT AUTHORITY\\NetworkService|false",
        "virtual|NT SERVICE\\MyApp|false",
        "nt service\\myapp|NT SERVICE\\MyApp|false",
        "svcuser|.\\svcuser|true",
        ".\\svcuser|.\\svcuser|true",
        "CORP\\svc-web|CORP\\svc-web|true",
        "svc@corp.example|svc@corp.example|true",
        "CORP\\gmsa-web$|CORP\\gmsa-web$|false",
    })
    void resolvesWordsToObjectNames(String given, String objectName, boolean password) {
        assertThat(Accounts.resolve(given, "MyApp")).isEqualTo(objectName);
        assertThat(Accounts.needsPassword(objectName)).isEqualTo(password);
    }

    @Test
    void refusesEmptyAndOtherServicesVirtualAccounts() {
        assertThatThrownBy(() -> Accounts.resolve(" ", "MyApp")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Accounts.resolve("NT SERVICE\\Other", "MyApp")).hasMessageContaining("own virtual account");
    }

    @ParameterizedTest(name = "[{index}] {0} = {1}")
    @CsvSource(delimiter = '|', value = {"LocalSystem|.\\LocalSystem", "|LocalSystem",
        "NT AUTHORITY\\LocalService|nt authority\\local service", "CORP\\a|corp\\A"})
    void sameAccountsCompareEqual(String a, String b) {
        assertThat(Accounts.same(a == null ? "" : a, b)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {"LocalSystem|LocalSystem", "NT AUTHORITY\\LocalService|LocalService",
        "NT AUTHORITY\\NetworkService|NetworkService", "NT SERVICE\\MyApp|virtual", ".\\bob|.\\bob"})
    void commandLineWords(String objectName, String word) {
        assertThat(Accounts.commandLineWord(objectName, "MyApp")).isEqualTo(word);
    }
}
