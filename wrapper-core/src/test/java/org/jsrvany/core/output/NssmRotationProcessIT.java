package org.jsrvany.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotate-now (NSSM's control 128) and copy-and-truncate rotation with real children writing fast:
 * every line arrives exactly once, in order, and every file ends at a line boundary.
 */
class NssmRotationProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void endChildren() {
        started.forEach(Process::destroyForcibly);
    }

    private Process start(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        started.add(p);
        return p;
    }

    private Process rotateChild(Path stop) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path classes = Path.of(RotateChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return start(List.of(java.toString(), "-cp", classes.toString(), RotateChild.class.getName(), stop.toString()));
    }

    private static OutputSettings settings(Path log, boolean online, long rotateBytes, boolean copyAndTruncate) {
        return new OutputSettings(log, null, true, true, false, false, Duration.ZERO, online, rotateBytes,
                Duration.ZERO, 0, new OutputExtras(copyAndTruncate, false, null));
    }

    /** Rotated files oldest first, then the current one. */
    private static List<Path> files(Path log) throws IOException {
        List<Path> all = new ArrayList<>();
        for (RotatedNames.Rotated r : RotatedNames.list(log)) {
            all.add(r.path());
        }
        all.add(log);
        return all;
    }

    private static String history(Path log) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Path p : files(log)) {
            all.writeBytes(Files.readAllBytes(p));
        }
        return all.toString(StandardCharsets.US_ASCII);
    }

    /** "line 0\n" ... "line n-1\n", n taken from the last line; fails on any gap, repeat or torn line. */
    private static long assertEveryLineOnceInOrder(String text) {
        assertThat(text).endsWith("\n");
        String[] lines = text.split("\n", -1);
        long n = lines.length - 1;
        for (int i = 0; i < n; i++) {
            if (!lines[i].equals("line " + i)) {
                throw new AssertionError("line " + i + " is '" + lines[i] + "'");
            }
        }
        return n;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void rotateNowWhileTheChildWritesFastLosesNothingAndCutsAtLineBoundaries() throws Exception {
        Path log = dir.resolve("out.log");
        Path stop = dir.resolve("stop");
        OutputCapture capture = OutputCapture.open(settings(log, true, 0, false), Clock.systemUTC(), null, null);
        Process child = rotateChild(stop);
        capture.attach(child.getInputStream(), null);
        int rotations = 0;
        for (int i = 0; i < 4; i++) {
            await().atMost(WAIT).until(() -> size(log) > 10_000);
            rotations += capture.rotateNow();
        }
        Files.createFile(stop);
        assertThat(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(capture.awaitDrained(WAIT)).isTrue();
        capture.close();

        assertThat(rotations).isEqualTo(4);
        List<Path> files = files(log);
        assertThat(files).hasSize(5);
        for (Path p : files) {
            assertThat(Files.readString(p, StandardCharsets.US_ASCII)).as("%s ends at a line boundary", p).endsWith("\n");
        }
        long lines = assertEveryLineOnceInOrder(history(log));
        assertThat(lines).isGreaterThan(40_000);
        assertThat(capture.bytesLost()).isZero();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void rotateNowWaitsForTheUnfinishedLine() throws Exception {
        Path log = dir.resolve("out.log");
        Path go = dir.resolve("go");
        OutputCapture capture = OutputCapture.open(settings(log, true, 0, false), Clock.systemUTC(), null, null);
        Process child = start(List.of("/bin/sh", "-c", "printf 'whole\\nhalf-'; while [ ! -e '" + go
                + "' ]; do sleep 0.02; done; printf 'line\\nafter\\n'"));
        capture.attach(child.getInputStream(), null);
        await().atMost(WAIT).until(() -> size(log) == "whole\n".length());
        assertThat(capture.rotateNow()).isEqualTo(1);
        Files.createFile(go);
        assertThat(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(capture.awaitDrained(WAIT)).isTrue();
        capture.close();

        List<Path> files = files(log);
        assertThat(files).hasSize(2);
        assertThat(files.get(0)).hasContent("whole");
        assertThat(Files.readString(log)).isEqualTo("half-line\nafter\n");
    }

    @Test
    void withoutAppRotateOnlineRotateNowRotatesNothing() throws Exception {
        Path log = dir.resolve("out.log");
        try (OutputCapture capture = OutputCapture.open(settings(log, false, 0, false), Clock.systemUTC(), null, null)) {
            capture.attach(new java.io.ByteArrayInputStream("one\n".getBytes(StandardCharsets.US_ASCII)), null);
            assertThat(capture.awaitDrained(WAIT)).isTrue();
            assertThat(capture.rotateNow()).isZero();
        }
        assertThat(files(log)).containsExactly(log);
        assertThat(log).hasContent("one");
    }

    @Test
    void copyAndTruncateKeepsTheFileInPlaceAndLosesNothing() throws Exception {
        Path log = dir.resolve("out.log");
        Path stop = dir.resolve("stop");
        OutputCapture capture = OutputCapture.open(settings(log, true, 256 * 1024, true), Clock.systemUTC(), null, null);
        Object identity = Files.readAttributes(log, BasicFileAttributes.class).fileKey();
        Process child = rotateChild(stop);
        capture.attach(child.getInputStream(), null);
        await().atMost(WAIT).until(() -> RotatedNames.list(log).size() >= 5);
        capture.rotateNow(); // an asked-for rotation copies and truncates too
        Files.createFile(stop);
        assertThat(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(capture.awaitDrained(WAIT)).isTrue();
        capture.close();

        if (identity != null) {
            assertThat(Files.readAttributes(log, BasicFileAttributes.class).fileKey())
                    .as("the file was emptied in place, never renamed").isEqualTo(identity);
        }
        for (Path p : files(log)) {
            assertThat(Files.readString(p, StandardCharsets.US_ASCII)).as("%s ends at a line boundary", p).endsWith("\n");
        }
        for (RotatedNames.Rotated r : RotatedNames.list(log)) {
            assertThat(Files.size(r.path())).as("a copied file stays within the size limit").isLessThanOrEqualTo(256 * 1024);
        }
        assertThat(assertEveryLineOnceInOrder(history(log))).isGreaterThan(50_000);
        assertThat(capture.bytesLost()).isZero();
    }
}
