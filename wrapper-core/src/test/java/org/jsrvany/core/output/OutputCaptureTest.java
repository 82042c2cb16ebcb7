package org.jsrvany.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class OutputCaptureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2024-05-01T13:45:12.345Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START, ZoneOffset.UTC);
    private final List<OutputCapture> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(OutputCapture::close);
    }

    private OutputCapture open(TestSettings settings) throws IOException {
        return open(settings, null, null);
    }

    private OutputCapture open(TestSettings settings, PrintStream out, PrintStream err) throws IOException {
        OutputCapture capture = OutputCapture.open(settings.build(), clock, out, err);
        opened.add(capture);
        return capture;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static InputStream in(String s) {
        return new ByteArrayInputStream(bytes(s));
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    private static void drained(OutputCapture capture) throws InterruptedException {
        assertThat(capture.awaitDrained(WAIT)).as("drained").isTrue();
    }

    /** Rotated files oldest first, then the current one. */
    private static List<Path> history(Path file) throws IOException {
        List<Path> all = new ArrayList<>();
        for (RotatedNames.Rotated r : RotatedNames.list(file)) {
            all.add(r.path());
        }
        if (Files.exists(file)) {
            all.add(file);
        }
        return all;
    }

    private static String concatenated(List<Path> files) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            sb.append(read(f));
        }
        return sb.toString();
    }

    private static String numberedLines(String tag, int count, int width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(String.format("%s %05d %s%n", tag, i, "x".repeat(i % width)));
        }
        return sb.toString().replace(System.lineSeparator(), "\n");
    }

    // ---- bytes in, bytes out ---------------------------------------------------------------

    @Test
    void separateFilesHoldExactlyTheBytesWritten() throws Exception {
        byte[] every = new byte[256 * 3];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i; // all byte values, newlines and CRs included
        }
        String errText = "warn\r\nerror: caf\u00e9\n" + numberedLines("E", 2000, 300) + "last without newline";
        Path out = dir.resolve("logs/out.log");
        Path err = dir.resolve("logs/err.log");
        OutputCapture capture = open(TestSettings.files(out, err));
        capture.attach(new ByteArrayInputStream(every), in(errText));
        drained(capture);
        byte[] everyAndLineEnd = Arrays.copyOf(every, every.length + 1);
        everyAndLineEnd[every.length] = '\n'; // the unfinished last line is completed
        assertThat(Files.readAllBytes(out)).isEqualTo(everyAndLineEnd);
        assertThat(read(err)).isEqualTo(errText + "\n");
        assertThat(capture.failure()).isEmpty();
        assertThat(capture.bytesLost()).isZero();
    }

    @Test
    void combinedFileNeverMixesLinesOfTheTwoStreams() throws Exception {
        Path log = dir.resolve("both.log");
        OutputCapture capture = open(TestSettings.files(log, dir.resolve("sub/../both.log")));
        PipedOutputStream outWriter = new PipedOutputStream();
        PipedOutputStream errWriter = new PipedOutputStream();
        PipedInputStream outPipe = new PipedInputStream(outWriter, 4096);
        PipedInputStream errPipe = new PipedInputStream(errWriter, 4096);
        capture.attach(outPipe, errPipe);
        String outText = numberedLines("O", 3000, 3000);
        String errText = numberedLines("E", 3000, 2000);
        Thread o = writeInRandomPieces(outWriter, outText, 1);
        Thread e = writeInRandomPieces(errWriter, errText, 2);
        o.join();
        e.join();
        drained(capture);
        String all = read(log);
        assertThat(all).hasSize(outText.length() + errText.length());
        List<String> lines = Arrays.asList(all.split("(?<=\n)"));
        assertThat(String.join("", lines.stream().filter(l -> l.startsWith("O ")).toList())).isEqualTo(outText);
        assertThat(String.join("", lines.stream().filter(l -> l.startsWith("E ")).toList())).isEqualTo(errText);
        assertThat(lines).allMatch(l -> l.startsWith("O ") || l.startsWith("E "));
    }

    /** Writes in random pieces of 1..2000 bytes so lines arrive split across reads. */
    private static Thread writeInRandomPieces(OutputStream target, String text, long seed) {
        Thread t = new Thread(() -> {
            byte[] data = bytes(text);
            Random random = new Random(seed);
            try (target) {
                for (int off = 0; off < data.length; ) {
                    int n = Math.min(1 + random.nextInt(2000), data.length - off);
                    target.write(data, off, n);
                    target.flush();
                    off += n;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        return t;
    }

    @Test
    void samePathIsDecidedOnNormalisedPathsAndCaseOnlyWhereTheFileSystemIgnoresIt() {
        Path a = Path.of("logs", "App.log");
        assertThat(OutputCapture.samePath(a, Path.of("logs", ".", "x", "..", "App.log"), false)).isTrue();
        assertThat(OutputCapture.samePath(a, Path.of("logs", "app.LOG"), true)).isTrue();
        assertThat(OutputCapture.samePath(a, Path.of("logs", "app.LOG"), false)).isFalse();
        assertThat(OutputCapture.samePath(a, Path.of("logs", "App.txt"), true)).isFalse();
    }

    @Test
    void anOverLongLineReachesTheFileInMarkedPiecesBeforeItsNewlineArrives() throws Exception {
        Path log = dir.resolve("long.log");
        OutputCapture capture = open(TestSettings.files(log, null));
        PipedOutputStream writer = new PipedOutputStream();
        capture.attach(new PipedInputStream(writer, 65536), null);
        int max = LineMux.LINE_MAX;
        writer.write(bytes("y".repeat(2 * max + 123)));
        writer.flush();
        await().atMost(WAIT).until(() -> Files.size(log) >= 2L * max);
        writer.write(bytes("\nnext\n"));
        writer.flush();
        writer.close();
        drained(capture);
        String piece = "y".repeat(max) + LineMux.CONTINUES + "\n";
        assertThat(read(log)).isEqualTo(piece + piece + "y".repeat(123) + "\nnext\n");
    }

    @Test
    void timestampsAreAddedAtLineStarts() throws Exception {
        Path log = dir.resolve("ts.log");
        OutputCapture capture = open(TestSettings.files(log, null).timestamps());
        capture.attach(in("one\r\ntwo\n\nthree"), null);
        drained(capture);
        String ts = "2024-05-01T13:45:12.345 ";
        assertThat(read(log)).isEqualTo(ts + "one\r\n" + ts + "two\n" + ts + "\n" + ts + "three\n");
    }

    @Test
    void theNextRunStartsOnALineOfItsOwnAfterAnUnfinishedLastLine() throws Exception {
        Path log = dir.resolve("runs.log");
        OutputCapture capture = open(TestSettings.files(log, log).timestamps());
        capture.attach(in("run 1 says\nno newline at the end"), in("err 1 unfinished"));
        drained(capture);
        clock.advance(Duration.ofSeconds(1));
        capture.attach(in("run 2\n"), null);
        drained(capture);
        String ts = "2024-05-01T13:45:12.345 ";
        List<String> lines = Arrays.asList(read(log).split("(?<=\n)"));
        assertThat(lines).hasSize(4).contains(ts + "run 1 says\n", ts + "no newline at the end\n",
                ts + "err 1 unfinished\n");
        assertThat(lines.get(3)).isEqualTo("2024-05-01T13:45:13.345 run 2\n");
    }

    // ---- console -------------------------------------------------------------------------

    @Test
    void consoleModePassesLinesUnchangedEvenWithTimestampsOn() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OutputCapture capture = open(TestSettings.console().timestamps(), new PrintStream(out), new PrintStream(err));
        String outText = numberedLines("O", 500, 100) + "tail";
        capture.attach(in(outText), in("e1\r\ne2"));
        drained(capture);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(outText + System.lineSeparator());
        assertThat(err.toString(StandardCharsets.ISO_8859_1)).isEqualTo("e1\r\ne2" + System.lineSeparator());
    }

    @Test
    void oneConsoleStreamForBothIsSharedLineByLine() throws Exception {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(both);
        OutputCapture capture = open(TestSettings.console(), console, console);
        PipedOutputStream outWriter = new PipedOutputStream();
        PipedOutputStream errWriter = new PipedOutputStream();
        capture.attach(new PipedInputStream(outWriter, 4096), new PipedInputStream(errWriter, 4096));
        String outText = numberedLines("O", 1000, 500);
        String errText = numberedLines("E", 1000, 500);
        Thread o = writeInRandomPieces(outWriter, outText, 3);
        Thread e = writeInRandomPieces(errWriter, errText, 4);
        o.join();
        e.join();
        drained(capture);
        List<String> lines = Arrays.asList(both.toString(StandardCharsets.ISO_8859_1).split("(?<=\n)"));
        assertThat(String.join("", lines.stream().filter(l -> l.startsWith("O ")).toList())).isEqualTo(outText);
        assertThat(String.join("", lines.stream().filter(l -> l.startsWith("E ")).toList())).isEqualTo(errText);
    }

    @Test
    void withNoFileAndNoConsoleTheOutputIsDrainedAndDropped() throws Exception {
        OutputCapture capture = open(TestSettings.console());
        ByteArrayInputStream out = new ByteArrayInputStream(new byte[1 << 20]);
        capture.attach(out, in("x\n"));
        drained(capture);
        assertThat(out.available()).isZero();
        assertThat(capture.failure()).isEmpty();
    }

    // ---- rotation ------------------------------------------------------------------------

    @Test
    void sizeRotationKeepsWholeLinesInEveryFileAndLosesNothing() throws Exception {
        Path log = dir.resolve("app.log");
        OutputCapture capture = open(TestSettings.files(log, log).rotateBytes(100));
        String outText = numberedLines("O", 60, 30);
        String errText = numberedLines("E", 60, 20);
        capture.attach(in(outText), in(errText));
        drained(capture);
        capture.close();
        List<Path> files = history(log);
        assertThat(files).hasSizeGreaterThan(20);
        for (Path f : files) {
            String content = read(f);
            assertThat(content).as(f.toString()).endsWith("\n");
            if (content.length() > 100) { // only a single line longer than the limit may pass it
                assertThat(content.indexOf('\n')).isEqualTo(content.length() - 1);
            }
        }
        String all = concatenated(files);
        List<String> lines = Arrays.asList(all.split("(?<=\n)"));
        assertThat(String.join("", lines.stream().filter(l -> l.startsWith("O ")).toList())).isEqualTo(outText);
        assertThat(String.join("", lines.stream().filter(l -> l.startsWith("E ")).toList())).isEqualTo(errText);
        // the clock stood still, so names collide and get counters instead of overwriting
        assertThat(files.get(0).getFileName()).hasToString("app-20240501T134512.345.log");
        assertThat(files.get(1).getFileName()).hasToString("app-20240501T134512.345-1.log");
        assertThat(files.get(2).getFileName()).hasToString("app-20240501T134512.345-2.log");
    }

    @Test
    void periodRotationFollowsTheClockAndHappensOnlyWhenALineIsWritten() throws Exception {
        Path log = dir.resolve("period.log");
        OutputCapture capture = open(TestSettings.files(log, null).rotatePeriod(Duration.ofHours(1)));
        PipedOutputStream writer = new PipedOutputStream();
        capture.attach(new PipedInputStream(writer), null);

        writer.write(bytes("a\n"));

        writer.flush();
        await().atMost(WAIT).until(() -> read(log).equals("a\n"));
        clock.advance(Duration.ofMinutes(59));
        writer.write(bytes("b\n"));
        writer.flush();
        await().atMost(WAIT).until(() -> read(log).equals("a\nb\n"));
        assertThat(RotatedNames.list(log)).isEmpty();

        clock.advance(Duration.ofMinutes(1)); // the period is over, but a silent child's file stays
        assertThat(RotatedNames.list(log)).isEmpty();
        writer.write(bytes("c\n"));
        writer.flush(); // the next line rotates first
        await().atMost(WAIT).until(() -> read(log).equals("c\n"));
        List<RotatedNames.Rotated> rotated = RotatedNames.list(log);
        assertThat(rotated).hasSize(1);
        assertThat(rotated.get(0).path().getFileName()).hasToString("period-20240501T144512.345.log");
        assertThat(read(rotated.get(0).path())).isEqualTo("a\nb\n");

        clock.advance(Duration.ofMinutes(30));
        writer.write(bytes("d\n"));
        writer.flush();
        writer.close();
        drained(capture);
        assertThat(read(log)).isEqualTo("c\nd\n"); // the new period started at the rotation
    }

    @Test
    void anEmptyFileIsNotRotatedWhenItsPeriodIsOver() throws Exception {
        Path log = dir.resolve("empty.log");
        OutputCapture capture = open(TestSettings.files(log, null).rotatePeriod(Duration.ofMinutes(1)));
        PipedOutputStream writer = new PipedOutputStream();
        capture.attach(new PipedInputStream(writer), null);
        clock.advance(Duration.ofHours(5));
        writer.write(bytes("first\n"));
        writer.flush();
        writer.close();
        drained(capture);
        assertThat(RotatedNames.list(log)).isEmpty();
        assertThat(read(log)).isEqualTo("first\n");
    }

    @Test
    void rotateOnStartRenamesAnOldFileButKeepsAYoungOne() throws Exception {
        Path log = dir.resolve("start.log");
        Files.writeString(log, "previous run\n");
        Files.setLastModifiedTime(log, FileTime.from(START.minus(Duration.ofHours(2))));
        OutputCapture capture = open(TestSettings.files(log, null).rotateOnStart(Duration.ofHours(1)));
        capture.attach(in("run 1\n"), null);
        drained(capture);
        List<RotatedNames.Rotated> rotated = RotatedNames.list(log);
        assertThat(rotated).hasSize(1);
        assertThat(rotated.get(0).path().getFileName()).hasToString("start-20240501T134512.345.log");
        assertThat(read(rotated.get(0).path())).isEqualTo("previous run\n");
        assertThat(read(log)).isEqualTo("run 1\n");

        // the child restarts soon after: the file was just written, so it stays and is appended to
        Files.setLastModifiedTime(log, FileTime.from(START.minus(Duration.ofMinutes(10))));
        capture.attach(in("run 2\n"), null);
        drained(capture);
        assertThat(RotatedNames.list(log)).hasSize(1);
        assertThat(read(log)).isEqualTo("run 1\nrun 2\n");

        // a restart after long enough rotates again, while the file is open
        clock.advance(Duration.ofHours(3));
        Files.setLastModifiedTime(log, FileTime.from(START));
        capture.attach(in("run 3\n"), null);
        drained(capture);
        assertThat(RotatedNames.list(log)).hasSize(2);
        assertThat(concatenated(history(log))).isEqualTo("previous run\nrun 1\nrun 2\nrun 3\n");
        assertThat(read(log)).isEqualTo("run 3\n");
    }

    @Test
    void rotateOnStartLeavesEmptyAndTooSmallFilesAlone() throws Exception {
        Path empty = dir.resolve("empty.log");
        Files.createFile(empty);
        Path small = dir.resolve("small.log");
        Files.writeString(small, "tiny\n");
        OutputCapture capture = open(TestSettings.files(empty, small).rotateOnStart(Duration.ZERO).startThreshold(10));
        capture.attach(in("o\n"), in("e\n"));
        drained(capture);
        assertThat(RotatedNames.list(empty)).isEmpty();
        assertThat(RotatedNames.list(small)).isEmpty();
        assertThat(read(small)).isEqualTo("tiny\ne\n");
    }

    @Test
    void rotateOnStartComesBeforeTruncationSoTheOldFileSurvives() throws Exception {
        Path log = dir.resolve("trunc.log");
        Files.writeString(log, "precious\n");
        OutputCapture capture = open(TestSettings.files(log, null).truncate().rotateOnStart(Duration.ZERO));
        capture.attach(in("new\n"), null);
        drained(capture);
        assertThat(concatenated(history(log))).isEqualTo("precious\nnew\n");
        assertThat(read(log)).isEqualTo("new\n");
    }

    @Test
    void keepDeletesTheOldestRotatedFilesOfThatOutputOnly() throws Exception {
        Path log = dir.resolve("keep.log");
        List<String> strangers = List.of("keep.log.bak", "keep-notes.log", "other-20240101T000000.000.log",
                "keep-20240101T000000.000.txt");
        for (String name : strangers) {
            Files.writeString(dir.resolve(name), "not ours");
        }
        OutputCapture capture = open(TestSettings.files(log, null).rotateBytes(10).keep(2));
        PipedOutputStream writer = new PipedOutputStream();
        capture.attach(new PipedInputStream(writer), null);
        for (int i = 0; i < 8; i++) {
            clock.advance(Duration.ofSeconds(1)); // distinct names, so order comes from the stamp
            String line = "line " + i + "\n"; // 7 bytes: two do not fit in 10
            writer.write(bytes(line));
            writer.flush();
            await().atMost(WAIT).until(() -> read(log).equals(line));
        }
        writer.close();
        drained(capture);
        List<RotatedNames.Rotated> rotated = RotatedNames.list(log);
        assertThat(rotated).extracting(r -> r.path().getFileName().toString())
                .containsExactly("keep-20240501T134519.345.log", "keep-20240501T134520.345.log");
        assertThat(concatenated(history(log))).isEqualTo("line 5\nline 6\nline 7\n");
        for (String name : strangers) {
            assertThat(dir.resolve(name)).hasContent("not ours");
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aFailedRotationKeepsAppendingToTheSameFileAndNeverTruncatesIt() throws Exception {
        // the rotated name is longer than NAME_MAX (255), so the rename fails while the file itself works
        Path log = dir.resolve("n".repeat(245) + ".log");
        String precious = "precious, over the 20-byte threshold\n";
        Files.writeString(log, precious);
        OutputCapture capture = open(TestSettings.files(log, null).truncate().rotateOnStart(Duration.ZERO)
                .rotateBytes(20));
        capture.attach(in(numberedLines("O", 10, 5)), null);
        drained(capture);
        assertThat(read(log)).isEqualTo(precious + numberedLines("O", 10, 5));
        assertThat(capture.failure()).as("nothing was lost, so no failure").isEmpty();
    }

    // ---- creation disposition ------------------------------------------------------------

    @Test
    void appendKeepsWhatWasThere() throws Exception {
        Path log = dir.resolve("append.log");
        Files.writeString(log, "old\n");
        OutputCapture capture = open(TestSettings.files(log, null));
        capture.attach(in("new\n"), null);
        drained(capture);
        assertThat(read(log)).isEqualTo("old\nnew\n");
    }

    @Test
    void truncateEmptiesTheFileOnceWhenFirstOpenedNotOnEveryRestart() throws Exception {
        Path log = dir.resolve("truncate.log");
        Files.writeString(log, "old\n");
        OutputCapture capture = open(TestSettings.files(log, null).truncate());
        assertThat(read(log)).as("opened (so truncated) before the first run").isEmpty();
        capture.attach(in("run 1\n"), null);
        drained(capture);
        assertThat(read(log)).isEqualTo("run 1\n");
        capture.attach(in("run 2\n"), null);
        drained(capture);
        assertThat(read(log)).isEqualTo("run 1\nrun 2\n");
    }

    // ---- failures --------------------------------------------------------------------------

    @Test
    void aFailingDestinationIsReportedWhileTheChildIsStillDrained() throws Exception {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("console gone (test)");
            }
        };
        OutputCapture capture = open(TestSettings.console(), new PrintStream(broken), null);
        ByteArrayInputStream out = new ByteArrayInputStream(bytes(numberedLines("O", 20000, 50)));
        capture.attach(out, null);
        drained(capture);
        assertThat(out.available()).as("everything was read from the child").isZero();
        assertThat(capture.failure()).hasValueSatisfying(e -> assertThat(e).hasMessageContaining("console"));
        assertThat(capture.bytesLost()).isEqualTo(numberedLines("O", 20000, 50).length());
    }

    @Test
    void aReadFailureIsReportedAndWhatCameBeforeIsKept() throws Exception {
        Path log = dir.resolve("read.log");
        InputStream failing = new InputStream() {
            private final InputStream data = in("line 1\npart");

            @Override
            public int read() throws IOException {
                int b = data.read();
                if (b < 0) {
                    throw new IOException("pipe broken (test)");
                }
                return b;
            }
        };
        OutputCapture capture = open(TestSettings.files(log, null));
        capture.attach(failing, null);
        drained(capture);
        assertThat(read(log)).isEqualTo("line 1\npart\n");
        assertThat(capture.failure()).hasValueSatisfying(e ->
                assertThat(e).hasRootCauseMessage("pipe broken (test)"));
    }

    @Test
    void openFailsWithASentenceWhenAFileCannotBeOpenedAtTheFirstStart() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("is-a-folder"));
        assertThatThrownBy(() -> open(TestSettings.files(folder, null))).isInstanceOf(IOException.class)
                .hasMessageStartingWith(folder + ": ").hasMessageContaining("folder");
        Path blocker = Files.writeString(dir.resolve("logs"), "a file where the folder should be");
        assertThatThrownBy(() -> open(TestSettings.files(blocker.resolve("app.log"), null)))
                .isInstanceOf(IOException.class).hasMessageContaining(blocker + " is in the way");
    }

    // ---- life cycle ------------------------------------------------------------------------

    @Test
    void lifeCycle() throws Exception {
        Path log = dir.resolve("life.log");
        OutputCapture capture = open(TestSettings.files(log, null));
        assertThat(capture.awaitDrained(Duration.ZERO)).as("nothing attached yet").isTrue();
        PipedOutputStream writer = new PipedOutputStream();
        capture.attach(new PipedInputStream(writer), null);
        writer.write(bytes("x\n"));
        writer.flush();
        assertThat(capture.awaitDrained(Duration.ofMillis(1))).as("still open").isFalse();
        await().atMost(WAIT).until(() -> read(log).equals("x\n"));
        capture.close();
        capture.close();
        assertThatIllegalStateException().isThrownBy(() -> capture.attach(in("y\n"), null));
        assertThat(read(log)).isEqualTo("x\n");
    }

    @Test
    void timestampedLinesInARotatedCombinedFileStillAddUpToTheInput() throws Exception {
        Path log = dir.resolve("mix.log");
        OutputCapture capture = open(TestSettings.files(log, log).timestamps().rotateBytes(4096).keep(0));
        String outText = numberedLines("O", 400, 200);
        String errText = numberedLines("E", 400, 150);
        capture.attach(in(outText), in(errText));
        drained(capture);
        capture.close();
        Pattern stamped = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} [OE] .*\n", Pattern.DOTALL);
        List<String> lines = Arrays.asList(concatenated(history(log)).split("(?<=\n)"));
        assertThat(lines).allMatch(l -> stamped.matcher(l).matches());
        List<String> bare = lines.stream().map(l -> l.substring(TimestampFormat.LENGTH)).toList();
        assertThat(String.join("", bare.stream().filter(l -> l.startsWith("O ")).toList())).isEqualTo(outText);
        assertThat(String.join("", bare.stream().filter(l -> l.startsWith("E ")).toList())).isEqualTo(errText);
    }

    // ---- one writer per file ---------------------------------------------------------------

    @Test
    void aSecondCaptureOfTheSameFileIsRefusedNamingThisProcessAndMayOpenOnceTheFirstIsClosed() throws Exception {
        Path log = dir.resolve("one-writer.log");
        OutputCapture first = open(TestSettings.files(log, null));
        assertThatThrownBy(() -> open(TestSettings.files(dir.resolve("x/../one-writer.log"), null)))
                .isInstanceOf(OutputInUseException.class)
                .hasMessageContaining(log.toString())
                .hasMessageContaining("pid " + ProcessHandle.current().pid())
                .hasMessageContaining("AppStdout/AppStderr");
        // stderr on the same file as another capture's stdout is refused too
        assertThatThrownBy(() -> open(TestSettings.files(dir.resolve("other.log"), log)))
                .isInstanceOf(OutputInUseException.class);
        assertThat(dir.resolve("other.log.lock")).as("the refused capture let go of what it took").exists();
        open(TestSettings.files(dir.resolve("other.log"), null)).close();
        first.close();
        OutputCapture again = open(TestSettings.files(log, null));
        again.attach(in("second\n"), null);
        drained(again);
        assertThat(read(log)).isEqualTo("second\n");
        assertThat(OutputLock.lockFileOf(log)).content().contains("pid=" + ProcessHandle.current().pid());
    }

    @Test
    void aDeviceGetsNoLockFile() throws Exception {
        Path nul = Path.of(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
        assumeTrue(Files.exists(nul), "no null device here");
        OutputCapture capture = open(TestSettings.files(nul, nul));
        capture.attach(in("gone\n"), null);
        drained(capture);
        assertThat(OutputLock.lockFileOf(nul.toAbsolutePath())).doesNotExist();
        assertThat(capture.bytesLost()).isZero();
    }

    // ---- a running service never stops for its files -------------------------------------------

    @Test
    void aRestartWhoseFolderIsGoneKeepsCapturingCountsTheLossAndResumesWhenItIsBack() throws Exception {
        Path logs = dir.resolve("logs");
        Path log = logs.resolve("app.log");
        OutputCapture capture = open(TestSettings.files(log, null).rotateOnStart(Duration.ZERO));
        capture.attach(in("run 1\n"), null);
        drained(capture);

        deleteTree(logs); // the folder goes, and a file stands where it was: nothing can be created there
        Files.writeString(logs, "in the way");
        clock.advance(Duration.ofSeconds(5));
        capture.attach(in("run 2 line\n"), null); // no exception: the child runs on
        drained(capture);
        assertThat(capture.bytesLost()).as("run 1's line went with its folder").isEqualTo("run 1\n".length());
        assertThat(capture.failure()).isPresent();

        Files.delete(logs); // the way is clear again
        clock.advance(Duration.ofSeconds(5));
        PipedOutputStream writer = new PipedOutputStream();
        capture.attach(new PipedInputStream(writer), null);
        writer.write(bytes("run 3\n"));
        writer.close();
        drained(capture);
        assertThat(concatenated(history(log))).as("run 2's line waited in memory (1 MiB does) for the folder")
                .isEqualTo("[jsrvany: 6 bytes of output were lost here; see the wrapper's log]\n"
                        + "run 2 line\nrun 3\n");
        assertThat(capture.bytesLost()).isEqualTo(6);
    }

    @Test
    void whatDoesNotFitInMemoryWhileTheFileCannotBeOpenedIsCountedAndNoted() throws Exception {
        Path logs = dir.resolve("logs");
        Path log = logs.resolve("app.log");
        OutputCapture capture = open(TestSettings.files(log, null));
        capture.attach(in("run 1\n"), null);
        drained(capture);
        deleteTree(logs); // the folder goes (its file with it) and something blocks its place
        Files.writeString(logs, "in the way");
        clock.advance(Duration.ofSeconds(5));
        String flood = numberedLines("F", 20_000, 200); // ~2 MiB: far more than the memory kept meanwhile
        capture.attach(in(flood), null);
        drained(capture);
        long lost = capture.bytesLost();
        assertThat(lost).isGreaterThan(flood.length() - FileSink.MAX_BUFFER - 6L);

        Files.delete(logs);
        clock.advance(Duration.ofSeconds(5));
        capture.attach(in("back\n"), null);
        drained(capture);
        capture.close();
        String file = read(log);
        
        List<String> lines = Arrays.asList(file.split("(?<=\n)"));
        assertThat(lines).filteredOn(l -> l.startsWith("[jsrvany: ")).hasSize(2); // one per gap
        assertThat(lines.get(0)).isEqualTo("[jsrvany: 6 bytes of output were lost here; see the wrapper's log]\n");
        assertThat(lines).last().isEqualTo("back\n");
        long kept = lines.stream().filter(l -> l.startsWith("F ")).mapToLong(String::length).sum();
        assertThat(kept + lost).as("every byte is either in the file or counted").isEqualTo(flood.length() + 6L);
        assertThat(flood).startsWith(String.join("", lines.stream().filter(l -> l.startsWith("F ")).toList()));
    }

    @Test
    void aFileReplacedByAFolderWhileRunningIsRetriedEverySecondWithoutBlockingTheChild() throws Exception {
        Path log = dir.resolve("replaced.log");
        OutputCapture capture = open(TestSettings.files(log, null));
        PipedOutputStream writer = new PipedOutputStream();
        capture.attach(new PipedInputStream(writer), null);
        writer.write(bytes("before\n"));
        writer.flush();
        await().atMost(WAIT).until(() -> read(log).equals("before\n"));

        Files.delete(log);
        Files.createDirectory(log);
        clock.advance(Duration.ofSeconds(2)); // the path is checked about once a second while writing
        writer.write(bytes("while replaced\n"));
        writer.flush();
        await().atMost(WAIT).until(() -> capture.failure().isPresent());
        assertThat(capture.bytesLost()).as("'before' went with the deleted file").isEqualTo(7);

        Files.delete(log);
        clock.advance(Duration.ofSeconds(2));
        writer.write(bytes("after\n"));
        writer.close();
        drained(capture);
        assertThat(read(log)).as("the note where 'before' was lost, the line that waited in memory, the rest")
                .isEqualTo("[jsrvany: 7 bytes of output were lost here; see the wrapper's log]\nwhile replaced\nafter\n");
        assertThat(capture.bytesLost()).isEqualTo(7);
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aFileDeletedWhileOpenIsNoticedAndCreatedAgain() throws Exception {
        Path log = dir.resolve("deleted.log");
        OutputCapture capture = open(TestSettings.files(log, null));
        PipedOutputStream writer = new PipedOutputStream();
        capture.attach(new PipedInputStream(writer), null);
        writer.write(bytes("one\n"));
        writer.flush();
        await().atMost(WAIT).until(() -> read(log).equals("one\n"));
        Files.delete(log); // POSIX: the open file lives on without a name, so writes to it vanish
        clock.advance(Duration.ofSeconds(2));
        writer.write(bytes("two\n"));
        writer.close();
        drained(capture);
        assertThat(read(log)).isEqualTo("[jsrvany: 4 bytes of output were lost here; see the wrapper's log]\ntwo\n");
        assertThat(capture.bytesLost()).isEqualTo(4);
        assertThat(capture.failure()).as("nothing failed to write").isEmpty();
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // ---- rotation never replaces a file and never splits a line up to 1 MiB -------------------------

    @Test
    void rotationSkipsANameThatIsTakenInsteadOfReplacingIt() throws Exception {
        Path log = dir.resolve("taken.log");
        Files.writeString(log, "old content\n");
        Path taken = RotatedNames.rotatedPath(log, START.toEpochMilli(), 0);
        Files.writeString(taken, "someone else's file\n");
        OutputCapture capture = open(TestSettings.files(log, null).rotateOnStart(Duration.ZERO));
        capture.attach(in("new\n"), null);
        drained(capture);
        assertThat(taken).hasContent("someone else's file");
        assertThat(RotatedNames.rotatedPath(log, START.toEpochMilli(), 1)).hasContent("old content");
        assertThat(read(log)).isEqualTo("new\n");
    }

    @Test
    void sizeRotationPutsEachLineUpTo1MibInOneFileAndCutsLongerOnesOnLineBoundaries() throws Exception {
        int max = LineMux.LINE_MAX;
        Path log = dir.resolve("big.log");
        OutputCapture capture = open(TestSettings.files(log, log).rotateBytes(max / 2));
        String whole = "w".repeat(max - 1) + "\n"; // exactly 1 MiB: never split
        String over = "o".repeat(max + 10) + "\n"; // over: two pieces, each a line of its own
        capture.attach(in("small\n" + whole + "small 2\n" + over), in("E\n".repeat(1000)));
        drained(capture);
        capture.close();
        List<Path> files = history(log);
        List<String> lines = new ArrayList<>();
        for (Path f : files) {
            String content = read(f);
            assertThat(content).as(f.toString()).endsWith("\n");
            lines.addAll(Arrays.asList(content.split("(?<=\n)")));
        }
        assertThat(lines).contains(whole, "o".repeat(max) + LineMux.CONTINUES + "\n", "o".repeat(10) + "\n");
        assertThat(files).anySatisfy(f -> assertThat(read(f)).contains(whole));
        assertThat(lines.stream().filter(l -> l.equals("E\n"))).hasSize(1000);
    }

    // ---- the wrapper's own lines on the console ------------------------------------------------

    @Test
    void aWrapperLineNeverLandsInsideAProgramLineOnTheConsole() throws Exception {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(both, true);
        OutputCapture capture = open(TestSettings.console(), console, console);
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(writer);
        capture.attach(pipe, null);
        writer.write(bytes("the program starts a line"));
        writer.flush();
        await().atMost(WAIT).until(() -> pipe.available() == 0); // the capture has read it
        OutputCapture.printLine(console, "jsrvany: is running");
        writer.write(bytes(" and ends it\n"));
        writer.close();
        drained(capture);
        String nl = System.lineSeparator();
        assertThat(both.toString(StandardCharsets.ISO_8859_1))
                .isEqualTo("jsrvany: is running" + nl + "the program starts a line and ends it\n");
    }

    @Test
    void wrapperLinesAndLongProgramLinesOnTwoConsoleStreamsNeverMix() throws Exception {
        // stdout and stderr are two streams to one terminal here: one shared sink of bytes
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        OutputStream shared = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (terminal) {
                    terminal.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                for (int i = 0; i < len; i += 1000) { // as a terminal takes a big write: in pieces
                    synchronized (terminal) {
                        terminal.write(b, off + i, Math.min(1000, len - i));
                    }
                    Thread.yield();
                }
            }
        };
        PrintStream out = new PrintStream(shared, true);
        PrintStream err = new PrintStream(shared, true);
        OutputCapture capture = open(TestSettings.console(), out, err);
        PipedOutputStream outWriter = new PipedOutputStream();
        PipedOutputStream errWriter = new PipedOutputStream();
        capture.attach(new PipedInputStream(outWriter, 65536), new PipedInputStream(errWriter, 65536));
        String outText = numberedLines("O", 300, 20_000);
        String errText = numberedLines("E", 300, 20_000);
        Thread o = writeInRandomPieces(outWriter, outText, 5);
        Thread e = writeInRandomPieces(errWriter, errText, 6);
        for (int i = 0; (o.isAlive() || e.isAlive()) && i < 5000; i++) {
            OutputCapture.printLine(i % 2 == 0 ? out : err, "W wrapper line " + i);
        }
        o.join();
        e.join();
        drained(capture);
        String nl = System.lineSeparator();
        List<String> lines = Arrays.asList(terminal.toString(StandardCharsets.ISO_8859_1).split("(?<=\n)"));
        assertThat(lines).allSatisfy(l -> assertThat(l).matches("(?s)(O |E |W wrapper line \\d+" + nl + ").*"));
        assertThat(String.join("", lines.stream().filter(l -> l.startsWith("O ")).toList())).isEqualTo(outText);
        assertThat(String.join("", lines.stream().filter(l -> l.startsWith("E ")).toList())).isEqualTo(errText);
    }
}
