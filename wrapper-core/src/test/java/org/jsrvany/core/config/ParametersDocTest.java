package org.jsrvany.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/parameters.md and the parameter table must not drift apart. */
class ParametersDocTest {
    @Test
    void everyParameterIsDocumentedWithItsTypeAndDefault() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "parameters.md"));
        for (Param p : Param.values()) {
            String def = p.defaultText().map(d -> d.isEmpty() ? "(empty)" : "`" + d + "`").orElse("—");
            assertThat(doc).as("docs/parameters.md row for %s", p.registryName())
                    .contains("| `" + p.registryName() + "` | " + p.kind().registryType() + " | " + def + " |");
        }
    }
}
