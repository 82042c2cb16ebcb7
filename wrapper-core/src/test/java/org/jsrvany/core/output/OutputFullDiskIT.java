package org.jsrvany.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a 1 MiB tmpfs (mounting needs root, CAP_SYS_ADMIN; skipped with the reason where
 * the machine does not allow it), filled by a real child. Every byte the child wrote is either in the
 * file, in whole lines, or counted as lost, and the file says where the gap is.
 */
@EnabledOnOs(OS.LINUX)
class OutputFullDiskIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path disk;
    private boolean mounted;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = Files.createDirectories(dir.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(mount.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assumeTrue(mount.exitValue() == 0, "a small tmpfs is needed for a real full disk, and mounting one here"
                + " failed (it needs root): " + said);
        mounted = true;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            Process umount = new ProcessBuilder("umount", disk.toString()).redirectErrorStream(true).start();
            umount.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assertThat(umount.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(umount.exitValue()).as("umount %s", disk).isZero();
        }
    }

    @Test
    void aFullDiskLosesOnlyCountedWholeLinesAndWritingResumesWithANoteWhenThereIsRoomAgain() throws Exception {
        Path filler = disk.resolve("filler");
        Files.write(filler, new byte[512 * 1024]);
        Path log = disk.resolve("app.log");
        MutableClock clock = new MutableClock(Instant.parse("2024-05-01T00:00:00Z"), ZoneOffset.UTC);
        OutputCapture capture = OutputCapture.open(TestSettings.files(log, null).build(), clock, null, null);
        try {
            int lines = 3000;
            Process child = OutputCaptureProcessIT.startChild(String.valueOf(lines), "2000", "5"); // ~3 MB on stdout
            capture.attach(child.getInputStream(), child.getErrorStream());
            assertThat(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(capture.awaitDrained(WAIT)).isTrue();
            assertThat(capture.failure()).hasValueSatisfying(e -> assertThat(e).hasMessageContaining("space"));
            long lostWhileFull = capture.bytesLost();
            assertThat(lostWhileFull).isPositive();

            Files.delete(filler); // room again
            clock.advance(Duration.ofSeconds(2)); // past the retry interval
            capture.attach(new ByteArrayInputStream("after the disk was full\n".getBytes(StandardCharsets.US_ASCII)), null);
            assertThat(capture.awaitDrained(WAIT)).isTrue();
            capture.close();

            byte[] expected = OutputChild.content('O', lines, 2000, 0);
            String file = Files.readString(log, StandardCharsets.ISO_8859_1);
            List<String> written = Arrays.asList(file.split("(?<=\n)"));
            assertThat(written).last().isEqualTo("after the disk was full\n");
            Pattern note = Pattern.compile("\\[jsrvany: (\\d+) bytes of output were lost here; see the wrapper's log]\n");
            long noted = 0;
            long kept = 0;
            List<String> program = new ArrayList<>();
            for (String line : written.subList(0, written.size() - 1)) {
                Matcher m = note.matcher(line);
                if (m.matches()) {
                    noted += Long.parseLong(m.group(1));
                } else {
                    program.add(line);
                    kept += line.length();
                }
            }
            assertThat(noted).as("the gaps are noted in the file").isEqualTo(lostWhileFull);
            assertThat(capture.bytesLost()).isEqualTo(lostWhileFull);
            assertThat(kept + lostWhileFull).as("every byte is in the file or counted").isEqualTo(expected.length);
            List<String> all = Arrays.asList(new String(expected, StandardCharsets.ISO_8859_1).split("(?<=\n)"));
            assertThat(all).as("the file holds whole lines of the program, in order").containsSubsequence(program);
        } finally {
            capture.close();
        }
    }

    @Test
    void aReadOnlyDiskRefusesTheFirstStartWithItsReason() throws Exception {
        Process remount = new ProcessBuilder("mount", "-o", "remount,ro", disk.toString()).redirectErrorStream(true).start();
        String said = new String(remount.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(remount.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(remount.exitValue()).as(said).isZero();
        Path log = disk.resolve("app.log");
        try {
            OutputCapture.open(TestSettings.files(log, null).build(), java.time.Clock.systemUTC(), null, null).close();
            throw new AssertionError("opened on a read-only disk");
        } catch (IOException e) {
            assertThat(e).hasMessageStartingWith(log + ": ").hasMessageContaining("Read-only file system");
        }
    }
}
