package org.jsrvany.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsrvany.core.win32.WindowsTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copy-and-truncate rotation and rotate-now on Windows file semantics (CopyFileEx on a file the wrapper
 * holds open for appending, then SetEndOfFile through the same handle), with a real child writing fast,
 * while another handle keeps the file open: what the setting is for.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(180)
class CopyTruncateWindowsIT {
    static {
        WindowsTestSupport.useMinimalLoggingIfLogbackCannotConfigure();
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void endChildren() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void copyAndTruncateWhileAReaderHoldsTheFileLosesNothing() throws Exception {
        Path log = dir.resolve("out.log");
        Path stop = dir.resolve("stop");
        OutputSettings settings = new OutputSettings(log, null, true, true, false, false, Duration.ZERO, true,
                128 * 1024, Duration.ZERO, 0, new OutputExtras(true, false, null));
        OutputCapture capture = OutputCapture.open(settings, Clock.systemUTC(), null, null);
        try (var reader = Files.newInputStream(log)) { // another process's view: a reader keeping the file open
            Path java = Path.of(System.getProperty("java.home"), "bin", "java.exe");
            Path classes = Path.of(RotateChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Process child = new ProcessBuilder(java.toString(), "-cp", classes.toString(), RotateChild.class.getName(),
                    stop.toString()).start();
            started.add(child);
            child.getOutputStream().close();
            capture.attach(child.getInputStream(), null);
            await().atMost(WAIT).until(() -> RotatedNames.list(log).size() >= 3);
            assertThat(capture.rotateNow()).isEqualTo(1);
            Files.createFile(stop);
            assertThat(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(capture.awaitDrained(WAIT)).isTrue();
            capture.close();
            assertThat(reader.available()).as("the reader's handle still works").isGreaterThanOrEqualTo(0);
        }

        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (RotatedNames.Rotated r : RotatedNames.list(log)) {
            byte[] bytes = Files.readAllBytes(r.path());
            assertThat(new String(bytes, StandardCharsets.US_ASCII)).as("%s ends at a line boundary", r.path()).endsWith("\n");
            all.writeBytes(bytes);
        }
        all.writeBytes(Files.readAllBytes(log));
        String[] lines = all.toString(StandardCharsets.US_ASCII).split("\n", -1);
        assertThat(lines[lines.length - 1]).as("the history ends with a whole line").isEmpty();
        for (int i = 0; i < lines.length - 1; i++) {
            if (!lines[i].equals("line " + i)) {
                throw new AssertionError("line " + i + " is '" + lines[i] + "'");
            }
        }
        assertThat(lines.length).isGreaterThan(10_000);
        assertThat(capture.bytesLost()).isZero();
    }
}
