package org.jsrvany.launcher.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ServiceLoggingTest {

    @Test
    void theFolderIsTheServicesOwnUnderProgramDataUnlessTheSystemPropertyMovesIt() {
        Supplier<Path> pd = () -> Path.of("/pd");
        assertThat(ServiceLogging.folder(null, pd, "My Service")).isEqualTo(Path.of("/pd", "jsrvany", "logs", "My Service"));
        assertThat(ServiceLogging.folder(" ", pd, "a:b")).isEqualTo(Path.of("/pd", "jsrvany", "logs", "a#3Ab"));
        assertThat(ServiceLogging.folder("/var/log/x", () -> {
            throw new AssertionError("ProgramData is not needed when the folder is given");
        }, "svc")).isEqualTo(Path.of("/var/log/x"));
    }

    @Test
    void theFileIsNamedLikeTheServicesFolder() {
        assertThat(ServiceLogging.baseName("My Service")).isEqualTo("My Service");
        assertThat(ServiceLogging.baseName("a<b>c:d")).isEqualTo("a#3Cb#3Ec#3Ad");
        assertThat(ServiceLogging.baseName("CON")).isEqualTo("#43ON");
        assertThat(ServiceLogging.baseName("100%")).as("no % for Logback to read as a pattern").isEqualTo("100#25");
    }
}
