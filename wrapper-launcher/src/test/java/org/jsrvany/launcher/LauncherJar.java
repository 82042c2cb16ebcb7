package org.jsrvany.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsrvany.samples.FixtureCommand;

/**
 * The real launcher jar ({@code target/jsrvany-launcher.jar}) started as a process by a test, its
 * output collected line by line, and everything it started ended by pid afterwards ({@link #cleanUp}).
 */
final class LauncherJar {
    static final Path JAR = Path.of("target", "jsrvany-launcher.jar").toAbsolutePath();

    /** A started launcher with its output collected line by line. */
    record Launched(Process process, List<String> out, List<String> err) {
        boolean said(String text) {
            synchronized (out) {
                return out.stream().anyMatch(l -> l.contains(text));
            }
        }

        /** Waits (bounded) for the launcher to end and returns its exit code. */
        int exitCode() throws InterruptedException {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
            return process.exitValue();
        }
    }

    private final List<Process> started = new ArrayList<>();
    private final List<Long> pidsToReap = new ArrayList<>();

    /** {@code java -jar jsrvany-launcher.jar ARGS} in {@code dir}, after {@code prefix} (such as {@code setsid}). */
    Launched start(Path dir, List<String> prefix, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(FixtureCommand.javaExecutable().toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
        started.add(p);
        p.getOutputStream().close();
        Launched l = new Launched(p, Collections.synchronizedList(new ArrayList<>()),
                Collections.synchronizedList(new ArrayList<>()));
        collect(p.getInputStream(), l.out());
        collect(p.getErrorStream(), l.err());
        return l;
    }

    /** Pids the test learnt (children, grandchildren) that {@link #cleanUp} must end if they still run. */
    void reapAfterwards(List<Long> pids) {
        pidsToReap.addAll(pids);
    }

    /** Ends every launcher this test started, and every recorded pid, by pid. */
    void cleanUp() {
        started.forEach(Process::destroyForcibly);
        pidsToReap.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** Copies a stream's lines into {@code lines} on a daemon thread until the stream ends. */
    static void collect(InputStream in, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the launcher is gone
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
