package org.jsrvany.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.ServiceState;
import org.jsrvany.core.supervisor.SupervisorListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * AppStdin with real children on Linux: {@code /bin/cat} copies its standard input to its standard
 * output, which the capture writes to AppStdout, through the one runner the service and {@code run} use.
 */
@EnabledOnOs(OS.LINUX)
class StdinProcessIT {
    @TempDir
    Path dir;

    private ServiceOutcome runCat(MapSource source) throws Exception {
        source.put(Param.APPLICATION, "/bin/cat").put(Param.APP_DIRECTORY, dir.toString())
                .put(Param.APP_STDOUT, "out.log").exitAction("", "Exit");
        ServiceConfig config = new ConfigLoader(Map.of("PATH", "/usr/bin:/bin"), false, w -> { }).load("stdin-it", source);
        AtomicReference<Supervision.Running> running = new AtomicReference<>();
        return Supervision.run(config, Platform.foreground(), null, null, new SupervisorListener() {
            @Override
            public void stateChanged(ServiceState state, java.time.Duration waitHint) {
            }
        }, running::set);
    }

    @Test
    void theChildReadsTheAppStdinFile() throws Exception {
        String input = "first line\nsecond line: äöü 日本\nno line end at the end";
        Files.writeString(dir.resolve("input.txt"), input, StandardCharsets.UTF_8);
        ServiceOutcome outcome = runCat(new MapSource("test").put(Param.APP_STDIN, "input.txt"));
        assertThat(outcome).isEqualTo(new ServiceOutcome.ChildExited(0));
        // The capture completes an unfinished last line with a line end (docs/parameters.md).
        assertThat(Files.readString(dir.resolve("out.log"), StandardCharsets.UTF_8))
                .isEqualTo(input + System.lineSeparator());
    }

    @Test
    void withoutAppStdinTheChildReadsEndOfFileAtOnce() throws Exception {
        ServiceOutcome outcome = runCat(new MapSource("test"));
        assertThat(outcome).as("cat ended at once: its stdin is at end of file, as NUL is on Windows")
                .isEqualTo(new ServiceOutcome.ChildExited(0));
        assertThat(dir.resolve("out.log")).isEmptyFile();
    }

    @Test
    void aDeviceAsAppStdinIsRead() throws Exception {
        ServiceOutcome outcome = runCat(new MapSource("test").put(Param.APP_STDIN, "/dev/null"));
        assertThat(outcome).isEqualTo(new ServiceOutcome.ChildExited(0));
        assertThat(dir.resolve("out.log")).isEmptyFile();
    }

    @Test
    void anAppStdinFileRemovedAfterLoadingIsALaunchFailureNamingIt() throws Exception {
        Path input = dir.resolve("input.txt");
        Files.writeString(input, "x\n");
        MapSource source = new MapSource("test").put(Param.APP_STDIN, "input.txt").put(Param.APPLICATION, "/bin/cat")
                .put(Param.APP_DIRECTORY, dir.toString()).put(Param.APP_STDOUT, "out.log");
        source.exitAction("", "Exit");
        ServiceConfig config = new ConfigLoader(Map.of("PATH", "/usr/bin:/bin"), false, w -> { }).load("stdin-it", source);
        Files.delete(input);
        ServiceOutcome outcome = Supervision.run(config, Platform.foreground(), null, null, new SupervisorListener() {
            @Override
            public void stateChanged(ServiceState state, java.time.Duration waitHint) {
            }
        }, r -> { });
        assertThat(outcome).isInstanceOfSatisfying(ServiceOutcome.LaunchFailed.class, f -> assertThat(f.reason())
                .contains("AppStdin " + input, "does not exist any more"));
    }
}
