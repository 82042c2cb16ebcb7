package org.jsrvany.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The rename used by rotation never replaces a file, even when renamers race for one name. */
class NoReplaceRenameTest {

    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    @TempDir
    Path dir;

    @Test
    void anExistingTargetIsLeftAloneAndTheSourceStays() throws IOException {
        Path source = Files.writeString(dir.resolve("app.log"), "current\n");
        Path target = Files.writeString(dir.resolve("app-1.log"), "rotated before\n");
        assertThatThrownBy(() -> NoReplaceRename.rename(source, target, WINDOWS))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(target).hasContent("rotated before");
        assertThat(source).hasContent("current");
    }

    @Test
    void aFreeTargetGetsTheFile() throws IOException {
        Path source = Files.writeString(dir.resolve("app.log"), "current\n");
        Path target = dir.resolve("app-1.log");
        NoReplaceRename.rename(source, target, WINDOWS);
        assertThat(target).hasContent("current");
        assertThat(source).doesNotExist();
    }

    @Test
    void aMissingSourceLeavesNoPlaceholderBehind() {
        Path target = dir.resolve("app-1.log");
        assertThatThrownBy(() -> NoReplaceRename.rename(dir.resolve("gone.log"), target, WINDOWS))
                .isInstanceOf(IOException.class);
        assertThat(target).doesNotExist();
    }

    /**
     * Many threads rename their own file to the same name at the same instant, 200 times: exactly one
     * wins each round, the name holds the winner's bytes, and every loser still has its file. (A
     * check-then-rename, {@code Files.move} without options on Linux, loses files here.)
     */
    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "tests the POSIX strategy; Windows' MoveFileEx is atomic by itself")
    void racingRenamersNeverOverwriteEachOther() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                Path target = dir.resolve("rotated-" + round + ".log");
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Path> sources = new ArrayList<>();
                List<Future<Boolean>> won = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Path source = Files.writeString(dir.resolve("r" + round + "-t" + t + ".log"), "round " + round + " thread " + t);
                    sources.add(source);
                    won.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            NoReplaceRename.rename(source, target, false);
                            return true;
                        } catch (FileAlreadyExistsException lost) {
                            return false;
                        }
                    }));
                }
                int winners = 0;
                for (int t = 0; t < threads; t++) {
                    if (won.get(t).get(30, TimeUnit.SECONDS)) {
                        winners++;
                        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("round " + round + " thread " + t);
                        assertThat(sources.get(t)).doesNotExist();
                    } else {
                        assertThat(sources.get(t)).as("a loser keeps its file").hasContent("round " + round + " thread " + t);
                    }
                }
                assertThat(winners).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
