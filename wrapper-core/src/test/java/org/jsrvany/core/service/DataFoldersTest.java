package org.jsrvany.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataFoldersTest {

    @Test
    void eachServiceHasItsOwnLogAndStateFolder() {
        DataFolders f = new DataFolders(Path.of("/pd"));
        assertThat(f.serviceLogs("My Service")).isEqualTo(Path.of("/pd/jsrvany/logs/My Service"));
        assertThat(f.serviceState("a:b")).isEqualTo(Path.of("/pd/jsrvany/state/a#3Ab"));
        assertThat(DataFolders.SHARED).containsExactly("logs", "state");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "MyService|MyService",
        "My Service|My Service",
        "a:b|a#3Ab",
        "a*b?c|a#2Ab#3Fc",
        "100%|100#25",
        "a#3Ab|a#233Ab", // distinct from a:b
        "dienst-ü|dienst-ü",
        "trailing.|trailing#2E",
        "'q\"<>|'|'q#22#3C#3E#7C'",
        "CON|#43ON",
        "nul.svc|#6Eul.svc",
        "COM1|#43OM1",
        "COM10|COM10",
        "CONSOLE|CONSOLE",
    })
    void folderNamesEncodeWhatWindowsForbids(String service, String folder) {
        assertThat(DataFolders.folderName(service)).isEqualTo(folder);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "/pd/jsrvany/logs/svc|/pd",
        "/pd/JSRVANY/State/svc|/pd",
        "/pd/jsrvany/tmp/svc|-",
        "/pd/other/logs/svc|-",
        "/var/log/svc|-",
        "/jsrvany/logs|-",
    })
    void aPerServiceFolderIsRecognisedByItsPlace(String folder, String programData) {
        assertThat(DataFolders.ofServiceFolder(Path.of(folder)).map(d -> d.programData().toString()).orElse("-"))
                .isEqualTo(programData);
    }
}
