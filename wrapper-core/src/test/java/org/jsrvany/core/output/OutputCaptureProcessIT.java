package org.jsrvany.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Capture of real child processes (the running JVM's java with {@link OutputChild}, and /bin/sh). */
class OutputCaptureProcessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    static Process startChild(String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path classes = Path.of(OutputChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", classes.toString(),
                OutputChild.class.getName()));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        return process;
    }

    private static void finish(Process process, OutputCapture capture) throws Exception {
        finish(process, capture, true);
    }

    private static void finish(Process process, OutputCapture capture, boolean close) throws Exception {
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("child exited").isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(capture.awaitDrained(WAIT)).as("drained").isTrue();
        if (close) {
            capture.close();
        }
    }

    /** Rotated files oldest first, then the current one, concatenated. */
    private static byte[] history(Path file) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (RotatedNames.Rotated r : RotatedNames.list(file)) {
            all.writeBytes(Files.readAllBytes(r.path()));
        }
        all.writeBytes(Files.readAllBytes(file));
        return all.toByteArray();
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void combinedTimestampedRotatedFileHoldsEveryLineOfBothStreamsOnceAndInOrder() throws Exception {
        int lines = 3000;
        int maxPayload = 6000; // beyond PIPE_BUF: the child's writes reach us split and interleaved
        Path log = dir.resolve("logs/service.log");
        OutputSettings settings = TestSettings.files(log, log).timestamps().rotateBytes(512 * 1024).build();
        OutputCapture capture = OutputCapture.open(settings, Clock.systemDefaultZone(), null, null);
        Process child = startChild(String.valueOf(lines), String.valueOf(maxPayload), "42");
        capture.attach(child.getInputStream(), child.getErrorStream());
        finish(child, capture);

        assertThat(capture.failure()).isEmpty();
        assertThat(RotatedNames.list(log)).hasSizeGreaterThan(5);
        Pattern stamped = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} [OE] \\d{6} [a-zA-Z]*\r?\n");
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String line : latin1(history(log)).split("(?<=\n)")) {
            assertThat(stamped.matcher(line).matches()).as("whole stamped line: %.60s", line).isTrue();
            String bare = line.substring(TimestampFormat.LENGTH);
            (bare.charAt(0) == 'O' ? out : err).append(bare);
        }
        assertThat(out.toString()).isEqualTo(latin1(OutputChild.content('O', lines, maxPayload, 0)));
        assertThat(err.toString()).isEqualTo(latin1(OutputChild.content('E', lines, maxPayload, 0)));
        for (RotatedNames.Rotated r : RotatedNames.list(log)) {
            assertThat(latin1(Files.readAllBytes(r.path()))).as(r.path().toString()).endsWith("\n");
        }
    }

    /**
     * A fast program of short lines ({@code seq}): the capture writes many lines per unit, yet every file
     * holds whole lines only, never passes the limit, and rotates before exactly the line that would have
     * carried it past the limit (the file plus the next file's first line is over it), as with a unit per
     * line; every line arrives once and in order.
     */
    @ParameterizedTest(name = "timestamps {0}")
    @ValueSource(booleans = {false, true})
    @EnabledOnOs(OS.LINUX)
    void manyShortLinesPerUnitStillRotateBeforeExactlyTheLineThatWouldPassTheLimit(boolean timestamps) throws Exception {
        int lines = 300_000;
        long limit = 64 * 1024;
        Path log = dir.resolve("seq.log");
        TestSettings settings = TestSettings.files(log, null).rotateBytes(limit);
        OutputCapture capture = OutputCapture.open((timestamps ? settings.timestamps() : settings).build(),
                Clock.systemUTC(), null, null);
        Process child = new ProcessBuilder("seq", "1", Integer.toString(lines)).start();
        child.getOutputStream().close();
        capture.attach(child.getInputStream(), child.getErrorStream());
        finish(child, capture);

        assertThat(capture.failure()).isEmpty();
        List<Path> files = new ArrayList<>();
        RotatedNames.list(log).forEach(r -> files.add(r.path()));
        files.add(log);
        assertThat(files).hasSizeGreaterThan(20);
        int prefix = timestamps ? TimestampFormat.LENGTH : 0;
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < files.size(); i++) {
            String content = latin1(Files.readAllBytes(files.get(i)));
            assertThat(content).as(files.get(i).toString()).endsWith("\n");
            for (String line : content.split("(?<=\n)")) {
                all.append(line, prefix, line.length());
            }
            if (i < files.size() - 1) {
                String next = latin1(Files.readAllBytes(files.get(i + 1)));
                int nextFirstLine = next.indexOf('\n') + 1;
                assertThat((long) content.length()).as("%s within the limit", files.get(i)).isLessThanOrEqualTo(limit);
                assertThat((long) content.length() + nextFirstLine).as("%s full: the next line did not fit", files.get(i))
                        .isGreaterThan(limit);
            }
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            expected.append(i).append('\n');
        }
        assertThat(all.toString()).isEqualTo(expected.toString());
    }

    /**
     * The capture may hold a busy program's output back for a larger write, but never once the program is
     * quiet: a burst, then a last line, then silence; the last line is in the file while the program runs.
     */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aQuietProgramsLastLineIsInTheFileWhileItStillRuns() throws Exception {
        Path log = dir.resolve("quiet.log");
        OutputCapture capture = OutputCapture.open(TestSettings.files(log, null).build(), Clock.systemUTC(), null, null);
        Process child = new ProcessBuilder("/bin/sh", "-c", "seq 1 200000; echo last; exec sleep 60").start();
        child.getOutputStream().close();
        try {
            capture.attach(child.getInputStream(), child.getErrorStream());
            await().atMost(WAIT).until(() -> Files.size(log) > 0 && latin1(Files.readAllBytes(log)).endsWith("\nlast\n"));
            assertThat(child.isAlive()).as("the program still runs (silent)").isTrue();
        } finally {
            child.destroy();
            child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
            capture.close();
        }
    }

    @Test
    void separateFilesHoldExactlyWhatTheChildWroteOverLongLinesIncluded() throws Exception {
        int lines = 2000;
        Path out = dir.resolve("out.log");
        Path err = dir.resolve("err.log");
        OutputCapture capture = OutputCapture.open(TestSettings.files(out, err).build(), Clock.systemUTC(), null, null);
        Process child = startChild(String.valueOf(lines), "3000", "7", "250");
        capture.attach(child.getInputStream(), child.getErrorStream());
        finish(child, capture);

        assertThat(capture.failure()).isEmpty();
        assertThat(Files.readAllBytes(out)).isEqualTo(OutputChild.content('O', lines, 3000, 250));
        assertThat(Files.readAllBytes(err)).isEqualTo(OutputChild.content('E', lines, 3000, 250));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aFailingFileNeverBlocksTheChild() throws Exception {
        // /dev/full fails every write with ENOSPC: the capture must keep draining the pipe
        OutputSettings settings = TestSettings.files(Path.of("/dev/full"), null).build();
        OutputCapture capture = OutputCapture.open(settings, Clock.systemUTC(), null, null);
        Process child = startChild("5000", "4000", "3"); // ~10 MB per stream, far beyond a pipe's buffer
        capture.attach(child.getInputStream(), child.getErrorStream());
        finish(child, capture);
        assertThat(capture.failure()).hasValueSatisfying(e -> assertThat(e).hasMessageContaining("space"));
        assertThat(capture.bytesLost()).as("every byte of stdout, counted exactly")
                .isEqualTo(OutputChild.content('O', 5000, 4000, 0).length);
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void shellChildLinesArriveOnceAndInOrderInACombinedFile() throws Exception {
        Path log = dir.resolve("sh.log");
        OutputCapture capture = OutputCapture.open(TestSettings.files(log, log).build(), Clock.systemUTC(), null, null);
        Process child = new ProcessBuilder("/bin/sh", "-c",
                "i=0; while [ $i -lt 5000 ]; do echo \"out $i\"; echo \"err $i\" >&2; i=$((i+1)); done").start();
        child.getOutputStream().close();
        capture.attach(child.getInputStream(), child.getErrorStream());
        finish(child, capture);

        List<String> lines = Files.readAllLines(log, StandardCharsets.US_ASCII);
        assertThat(lines).hasSize(10_000);
        List<String> expectedOut = new ArrayList<>();
        List<String> expectedErr = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            expectedOut.add("out " + i);
            expectedErr.add("err " + i);
        }
        assertThat(lines.stream().filter(l -> l.startsWith("out ")).toList()).isEqualTo(expectedOut);
        assertThat(lines.stream().filter(l -> l.startsWith("err ")).toList()).isEqualTo(expectedErr);
    }

    // ---- issue 9 -------------------------------------------------------------------------------

    /**
     * 1,000 lines per stream, every 20th from 640 KiB to 1.25 MiB (so some fit the 1 MiB rule and some
     * do not), written by both streams at once in random raw writes, into one combined, timestamped
     * file rotated every 8 MiB: every line of every file starts with a timestamp and belongs to one
     * stream; each stream reassembles exactly (pieces joined where the marker says); a line is cut only
     * when longer than 1 MiB, exactly as often as its length requires; every file ends with a line end.
     */
    @Test
    void longLinesOfBothStreamsAreNeverTornNorSplitByRotationInACombinedFile() throws Exception {
        int lines = 1000;
        int maxPayload = 3000;
        int longEvery = 20;
        int longMax = LineMux.LINE_MAX + LineMux.LINE_MAX / 4;
        Path log = dir.resolve("big/service.log");
        OutputSettings settings = TestSettings.files(log, log).timestamps().rotateBytes(8L << 20).build();
        OutputCapture capture = OutputCapture.open(settings, Clock.systemDefaultZone(), null, null);
        Process child = startChild(String.valueOf(lines), String.valueOf(maxPayload), "9", String.valueOf(longEvery),
                String.valueOf(longMax));
        capture.attach(child.getInputStream(), child.getErrorStream());
        finish(child, capture);
        assertThat(capture.failure()).isEmpty();
        assertThat(capture.bytesLost()).isZero();

        Reassembly r = new Reassembly();
        List<Path> files = new ArrayList<>();
        RotatedNames.list(log).forEach(rotated -> files.add(rotated.path()));
        files.add(log);
        assertThat(files).hasSizeGreaterThan(5);
        for (Path f : files) {
            r.read(f);
        }
        for (char tag : new char[] {'O', 'E'}) {
            long cuts = 0;
            for (int i = 0; i < lines; i++) {
                cuts += (OutputChild.line(tag, i, maxPayload, longEvery, longMax).length - 1) / LineMux.LINE_MAX;
            }
            assertThat(cuts).as("the content has lines over 1 MiB").isPositive();
            assertThat(r.cuts(tag)).as("pieces of %s", tag).isEqualTo(cuts);
            assertThat(r.digest(tag)).as("stream %s reassembled", tag)
                    .isEqualTo(sha256(OutputChild.content(tag, lines, maxPayload, longEvery, longMax)));
        }
    }

    private static byte[] sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
        return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    /** Reads output files line by line and rebuilds each stream, joining the pieces of cut lines. */
    private static final class Reassembly {
        private static final byte[] MARK = (LineMux.CONTINUES + "\n").getBytes(StandardCharsets.US_ASCII);
        private final java.security.MessageDigest out;
        private final java.security.MessageDigest err;
        private long outCuts;
        private long errCuts;
        private boolean outOpen;
        private boolean errOpen;

        Reassembly() throws java.security.NoSuchAlgorithmException {
            out = java.security.MessageDigest.getInstance("SHA-256");
            err = java.security.MessageDigest.getInstance("SHA-256");
        }

        void read(Path file) throws IOException {
            try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) >= 0) {
                    line.write(b);
                    if (b == '\n') {
                        take(file, line.toByteArray());
                        line.reset();
                    }
                }
                assertThat(line.size()).as("%s ends with a line end", file).isZero();
            }
        }

        private void take(Path file, byte[] line) {
            assertThat(line.length).as("a line of %s", file)
                    .isLessThanOrEqualTo(TimestampFormat.LENGTH + LineMux.LINE_MAX + MARK.length);
            String stamp = new String(line, 0, TimestampFormat.LENGTH, StandardCharsets.US_ASCII);
            assertThat(stamp).as("every line starts with a timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ");
            int from = TimestampFormat.LENGTH;
            boolean piece = endsWith(line, MARK);
            int to = piece ? line.length - MARK.length : line.length;
            char first = (char) line[from];
            boolean startsLine = (first == 'O' || first == 'E') && line[from + 1] == ' ' && Character.isDigit(line[from + 2]);
            char stream;
            if (startsLine) {
                stream = first;
                assertThat(stream == 'O' ? outOpen : errOpen).as("a new %s line while its previous one is cut", stream).isFalse();
            } else if (Character.isLowerCase(first) || Character.isUpperCase(first)) {
                stream = Character.isLowerCase(first) ? 'O' : 'E';
                assertThat(stream == 'O' ? outOpen : errOpen).as("a continuation of an open %s line", stream).isTrue();
            } else {
                assertThat(outOpen ^ errOpen).as("only one stream can own a bare line end").isTrue();
                stream = outOpen ? 'O' : 'E';
            }
            (stream == 'O' ? out : err).update(line, from, to - from);
            if (stream == 'O') {
                outOpen = piece;
                outCuts += piece ? 1 : 0;
            } else {
                errOpen = piece;
                errCuts += piece ? 1 : 0;
            }
        }

        private static boolean endsWith(byte[] line, byte[] suffix) {
            if (line.length < suffix.length) {
                return false;
            }
            for (int i = 0; i < suffix.length; i++) {
                if (line[line.length - suffix.length + i] != suffix[i]) {
                    return false;
                }
            }
            return true;
        }

        long cuts(char tag) {
            return tag == 'O' ? outCuts : errCuts;
        }

        byte[] digest(char tag) {
            return (tag == 'O' ? out : err).digest();
        }
    }

    @Test
    void aSecondWrapperInAnotherProcessIsRefusedWithTheHoldersPidAndMayStartOnceItIsGone() throws Exception {
        Path log = dir.resolve("shared.log");
        Process holder = startJava(OutputLockHolder.class, log.toString());
        java.io.BufferedReader said = new java.io.BufferedReader(
                new java.io.InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertThat(said.readLine()).isEqualTo("holding");

        assertThatThrownBy(() -> OutputCapture.open(TestSettings.files(log, null).build(), Clock.systemUTC(), null, null))
                .isInstanceOf(OutputInUseException.class)
                .hasMessageContaining(log + " is locked by another jsrvany wrapper")
                .hasMessageContaining("pid " + holder.pid())
                .hasMessageContaining(OutputLockHolder.class.getName());
        assertThat(log).as("the refused wrapper wrote nothing").isEmptyFile();

        // and the other way round: the holder, started while we hold the file, is refused
        OutputCapture ours;
        holder.getOutputStream().close();
        assertThat(holder.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        ours = OutputCapture.open(TestSettings.files(log, null).build(), Clock.systemUTC(), null, null);
        try {
            Process second = startJava(OutputLockHolder.class, log.toString());
            String answer = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isEqualTo(3);
            assertThat(answer).contains("refused: ").contains("pid " + ProcessHandle.current().pid());
        } finally {
            ours.close();
        }
    }

    /** {@code java -cp <where these classes came from> main args}. */
    private static Process startJava(Class<?> main, String... args) throws Exception {
        java.util.Set<String> cp = new java.util.LinkedHashSet<>();
        for (String name : List.of(main.getName(), OutputCapture.class.getName(), "org.slf4j.LoggerFactory",
                "ch.qos.logback.classic.Logger", "ch.qos.logback.core.Appender")) {
            Class<?> c = Class.forName(name);
            cp.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(java.io.File.pathSeparator, cp), main.getName()));
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * The case that ended the service with exit 4: at a restart the file cannot be renamed (rotation) nor
     * opened again, here because it was made immutable ({@code chattr +i}, which holds even for root;
     * skipped where chattr is not allowed). The run goes on, its output counted, and the next run after
     * the file is writable again resumes with a note.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aRestartOnAFileMadeReadOnlyKeepsCapturingAndResumesLater() throws Exception {
        Path log = dir.resolve("ro.log");
        MutableClock clock = new MutableClock(java.time.Instant.parse("2024-05-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        OutputCapture capture = OutputCapture.open(TestSettings.files(log, null).rotateOnStart(Duration.ZERO).build(),
                clock, null, null);
        try {
            capture.attach(new java.io.ByteArrayInputStream("run 1\n".getBytes(StandardCharsets.US_ASCII)), null);
            assertThat(capture.awaitDrained(WAIT)).isTrue();
            String refused = chattr("+i", log);
            org.junit.jupiter.api.Assumptions.assumeTrue(refused == null,
                    "making a file immutable needs chattr and root on a file system that supports it: " + refused);
            try {
                clock.advance(Duration.ofSeconds(5));
                Process child = new ProcessBuilder("/bin/sh", "-c", "i=0; while [ $i -lt 100 ]; do echo \"run 2 line $i\";"
                        + " i=$((i+1)); done").start();
                child.getOutputStream().close();
                capture.attach(child.getInputStream(), child.getErrorStream()); // used to throw: exit 4
                finish(child, capture, false);
                assertThat(capture.failure()).isPresent();
            } finally {
                chattr("-i", log);
            }
            clock.advance(Duration.ofSeconds(5));
            capture.attach(new java.io.ByteArrayInputStream("run 3\n".getBytes(StandardCharsets.US_ASCII)), null);
            assertThat(capture.awaitDrained(WAIT)).isTrue();
            capture.close();
            String all = latin1(history(log));
            assertThat(all).startsWith("run 1\n").endsWith("run 3\n");
            long kept = all.lines().filter(line -> line.startsWith("run 2 line")).mapToLong(line -> line.length() + 1).sum();
            long run2 = 0;
            for (int i = 0; i < 100; i++) {
                run2 += ("run 2 line " + i + "\n").length();
            }
            assertThat(kept + capture.bytesLost()).as("every byte of run 2 is in a file or counted").isEqualTo(run2);
        } finally {
            capture.close();
        }
    }

    /** Runs chattr; null when it worked, else what it said. */
    private static String chattr(String flag, Path file) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return notInstalled.getMessage();
        }
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0 ? null : "chattr " + flag + " exited with " + p.exitValue() + ": " + said;
    }
}
