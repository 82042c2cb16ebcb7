package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.ServiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Linux: a busy child's output pipe gets a larger buffer and is read paced, without losing or reordering a byte. */
@EnabledOnOs(OS.LINUX)
class PacedPipesIT {

    /** What F_SETPIPE_SZ may give without CAP_SYS_RESOURCE; root may always have the 1 MiB asked for. */
    private static int expectedCapacity() throws Exception {
        int max = Integer.parseInt(Files.readString(Path.of("/proc/sys/fs/pipe-max-size")).strip());
        return "root".equals(System.getProperty("user.name")) ? LinuxPipes.WANTED : Math.min(max, LinuxPipes.WANTED);
    }

    @Test
    void aPipeOfTheWrapperIsFoundByItsInodeAndEnlarged() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            long inode = PipeHolders.pipeOf(child.pid(), 1).orElseThrow();
            assertThat(LinuxPipes.descriptorOf(inode)).isGreaterThanOrEqualTo(0);
            assertThat(LinuxPipes.enlarge(inode)).isEqualTo(expectedCapacity());
            assertThat(LinuxPipes.enlarge(Long.MAX_VALUE)).as("no such pipe").isZero();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theControlEnlargesABusyChildsOutputPipeAndEveryByteArrivesInOrder() throws Exception {
        int lines = 2_000_000;
        ServiceConfig config = new ConfigLoader(System.getenv(), false, w -> {
        }).load("it", new MapSource("test").put(Param.APPLICATION, "/usr/bin/seq")
                .put(Param.APP_PARAMETERS, "1 " + lines));
        ProcessControl control = ProcessControl.posix();
        ChildProcess child = control.launch(config);
        try (InputStream out = child.stdout()) {
            assertThat(out).isInstanceOf(PacedInputStream.class);
            byte[] buffer = new byte[256 * 1024];
            long expected = 1;
            long value = 0;
            int n;
            while ((n = out.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    byte c = buffer[i];
                    if (c == '\n') {
                        assertThat(value).isEqualTo(expected);
                        expected++;
                        value = 0;
                    } else {
                        value = value * 10 + (c - '0');
                    }
                }
            }
            assertThat(expected - 1).isEqualTo(lines);
            await().atMost(Duration.ofSeconds(30)).until(() -> ((PacedInputStream) out).capacity() > 0);
            assertThat(((PacedInputStream) out).capacity()).isEqualTo(expectedCapacity());
            assertThat(((PacedInputStream) child.stderr()).capacity()).as("stderr stayed quiet: left as it was").isZero();
        } finally {
            child.onExit().get(30, TimeUnit.SECONDS);
            child.killRemaining();
            child.close();
            control.releasePrepared();
        }
    }
}
