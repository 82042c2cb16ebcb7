package org.jsrvany.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar built by the shade plugin works on its own, grandchildren included. */
class ShadedJarIT {
    private static final Path JAR = Path.of("target", "jsrvany-fixture.jar");

    @TempDir
    Path dir;

    private final Children children = new Children();

    @AfterEach
    void killEverything() {
        children.close();
    }

    @Test
    void jarRunsTheFixtureAndSpawnsGrandchildrenFromItself() throws Exception {
        assertThat(JAR).isRegularFile();
        Path out = dir.resolve("out");
        Path pidsFile = dir.resolve("pids");
        Process process = children.start(new ProcessBuilder(FixtureCommand.javaExecutable().toString(), "-jar",
                JAR.toAbsolutePath().toString(), "--lines", "2", "--spawn-grandchildren", "1",
                "--pids-file", pidsFile.toString(), "--exit-after", "0", "--exit-code", "9")
                .redirectOutput(out.toFile()).redirectErrorStream(true));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(pidsFile));
        List<String> pids = Files.readAllLines(pidsFile);
        assertThat(pids).hasSize(2);
        long grandchild = Long.parseLong(pids.get(1).substring("grandchild ".length()));
        children.alsoKill(grandchild); // it outlives the child, which exits at once

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(9);
        assertThat(Files.readAllLines(out)).containsExactly("out 1", "out 2");
        assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive)).contains(true);
    }
}
