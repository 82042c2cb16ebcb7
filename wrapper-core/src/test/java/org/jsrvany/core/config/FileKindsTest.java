package org.jsrvany.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileKindsTest {
    @ParameterizedTest(name = "st_mode {0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "0010644 | a named pipe (FIFO)",
        "0020666 | a character device",
        "0040755 | a folder",
        "0060660 | a block device",
        "0100644 | a regular file",
        "0140777 | a socket",
        "0000000 | neither a file nor a folder"})
    void namesEveryFileType(String octal, String words) {
        assertThat(FileKinds.fromMode(Integer.parseInt(octal, 8))).isEqualTo(words);
    }
}
