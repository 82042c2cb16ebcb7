package org.jsrvany.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputLockTest {

    @Test
    void theLockFileSitsBesideTheOutputFile() {
        assertThat(OutputLock.lockFileOf(Path.of("logs", "app.log"))).isEqualTo(Path.of("logs", "app.log.lock"));
    }

    @Test
    void theHoldersCommandLineLeavesTheClassPathOutAndStaysShort() {
        assertThat(OutputLock.describeCommand("/usr/bin/java", new String[] {"-cp", "/a.jar:/b.jar", "Main", "x"}))
                .isEqualTo("/usr/bin/java -cp ... Main x");
        assertThat(OutputLock.describeCommand("java.exe", new String[] {"-Xrs", "-jar", "jsrvany-launcher.jar"}))
                .isEqualTo("java.exe -Xrs -jar jsrvany-launcher.jar");
        assertThat(OutputLock.describeCommand("java", new String[] {"--class-path", "x", "-classpath", "y", "M"}))
                .isEqualTo("java --class-path ... -classpath ... M");
        assertThat(OutputLock.describeCommand("java", new String[] {"a".repeat(1000)})).hasSize(303).endsWith("...");
        assertThat(OutputLock.describeCommand("", new String[0])).isEmpty();
    }

    @ParameterizedTest(name = "{0} on Windows: {1}")
    @CsvSource(delimiter = '|', value = {
            "NUL              | true",
            "logs/nul         | true",
            "logs/NUL.txt     | true",
            "logs/con         | true",
            "COM1             | true",
            "lpt9.log         | true",
            "AUX              | true",
            "'\\\\.\\pipe\\x' | true",
            "logs/null        | false",
            "logs/app.log     | false",
            "logs/console.log | false",
            "COM10            | false",
            "nul-output.log   | false",
    })
    void windowsDeviceNamesGetNoLockFile(String path, boolean device) {
        assertThat(OutputLock.isDevice(Path.of(path), true)).isEqualTo(device);
        assertThat(OutputLock.isDevice(Path.of(path), false)).as("elsewhere what exists decides").isFalse();
    }
}
