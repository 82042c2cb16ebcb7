package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jsrvany.core.supervisor.Supervisor;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The idle wrapper gives its start's native memory back once, {@link NativeHeap#AFTER_START_MILLIS} after its first
 * child started, on the spawner thread (docs/performance.md, "Idle memory (part C)"); and the mapping works.
 */
@EnabledOnOs(OS.LINUX)
class NativeHeapTrimIT {
    @TempDir
    Path dir;

    private Process wrapper;

    @AfterEach
    void cleanUp() {
        if (wrapper != null) {
            wrapper.destroyForcibly(); // the child has a parent-death signal
        }
    }

    @Test
    void mallocTrimIsCalledAndAnswers() {
        assertThat(LibC.INSTANCE.malloc_trim(0)).as("glibc's malloc_trim returns 1 (released) or 0").isBetween(0, 1);
    }

    @Test
    void aWrapperWhoseChildRunsTrimsItsNativeHeapOnceAfterTheStart() throws Exception {
        Path config = dir.resolve("svc.properties");
        Files.writeString(config, "Application=/bin/sleep\nAppParameters=1000\n", StandardCharsets.UTF_8);
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        wrapper = new ProcessBuilder(FixtureCommand.javaExecutable().toString(), "-cp", ContainedWrapper.classpath(),
                ContainedWrapper.class.getName(), ContainmentLevel.PROCESS_GROUP.name(), config.toString())
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(wrapper.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    out.add(line);
                }
            } catch (IOException ignored) {
                // the wrapper is gone
            }
        });
        reader.setDaemon(true);
        reader.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> said(out, "state RUNNING"));
        long running = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> said(out, "Native heap trimmed after the start"));
        assertThat(Duration.ofNanos(System.nanoTime() - running)).as("not before the start's memory was freed; said %s", out)
                .isGreaterThanOrEqualTo(Duration.ofMillis(NativeHeap.AFTER_START_MILLIS - 1000));
        assertThat(out.stream().filter(l -> l.contains("Native heap trimmed")).count()).as("once").isEqualTo(1);
    }

    private static boolean said(List<String> out, String text) {
        synchronized (out) {
            return out.stream().anyMatch(l -> l.contains(text));
        }
    }
}
