package org.jsrvany.installer;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command test on a fresh {@link Harness} (fake SCM and registry, real files in {@code temp}). JUnit runs this
 * {@code @BeforeEach} before a subclass's own, so a subclass's set-up can use {@code h}.
 */
abstract class HarnessTest {
    @TempDir
    Path temp;

    Harness h;

    @BeforeEach
    void newHarness() throws IOException {
        h = new Harness(temp);
    }
}
