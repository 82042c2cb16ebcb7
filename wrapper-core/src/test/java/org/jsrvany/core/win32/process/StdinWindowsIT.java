package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.platform.win32.Kernel32;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.run.Platform;
import org.jsrvany.core.run.Supervision;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.ServiceState;
import org.jsrvany.core.supervisor.SupervisorListener;
import org.jsrvany.core.win32.WindowsTestSupport;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * AppStdin through the Windows process control (CreateFileW on the file, inherited as the child's
 * standard input), with a real child that copies its input to its output, captured to AppStdout.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(120)
class StdinWindowsIT {
    static {
        WindowsTestSupport.useMinimalLoggingIfLogbackCannotConfigure();
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void likeAService() {
        Kernel32.INSTANCE.FreeConsole(); // a service has no console
    }

    private ServiceOutcome runEcho(MapSource source) throws Exception {
        Path classes = Path.of(StdinEcho.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        source.put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(List.of("-cp", classes.toString(),
                        StdinEcho.class.getName())))
                .put(Param.APP_DIRECTORY, dir.toString()).put(Param.APP_STDOUT, "out.log").exitAction("", "Exit");
        ServiceConfig config = new ConfigLoader(System.getenv(), true, w -> { }).load("stdin-win", source);
        return Supervision.run(config, Platform.current(), null, null, new SupervisorListener() {
            @Override
            public void stateChanged(ServiceState state, Duration waitHint) {
            }
        }, r -> { });
    }

    @Test
    void theChildReadsTheAppStdinFileByteForByte() throws Exception {
        byte[] input = "first line\r\nzweite Zeile äöü 日本\r\n".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("input.txt"), input);
        ServiceOutcome outcome = runEcho(new MapSource("test").put(Param.APP_STDIN, "input.txt"));
        assertThat(outcome).isEqualTo(new ServiceOutcome.ChildExited(0));
        assertThat(Files.readAllBytes(dir.resolve("out.log"))).isEqualTo(input);
    }

    @Test
    void withoutAppStdinTheChildReadsNul() throws Exception {
        ServiceOutcome outcome = runEcho(new MapSource("test"));
        assertThat(outcome).as("the child's stdin is NUL: end of file at once").isEqualTo(new ServiceOutcome.ChildExited(0));
        assertThat(dir.resolve("out.log")).isEmptyFile();
    }

    @Test
    void nulAsAppStdinIsADevice() throws Exception {
        ServiceOutcome outcome = runEcho(new MapSource("test").put(Param.APP_STDIN, "NUL"));
        assertThat(outcome).isEqualTo(new ServiceOutcome.ChildExited(0));
        assertThat(dir.resolve("out.log")).isEmptyFile();
    }

    @Test
    void anAppStdinFileRemovedAfterLoadingIsALaunchFailureNamingIt() throws Exception {
        Path input = dir.resolve("input.txt");
        Files.writeString(input, "x\r\n");
        Path classes = Path.of(StdinEcho.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        MapSource source = new MapSource("test").put(Param.APP_STDIN, "input.txt")
                .put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(List.of("-cp", classes.toString(),
                        StdinEcho.class.getName())))
                .put(Param.APP_DIRECTORY, dir.toString()).exitAction("", "Exit");
        ServiceConfig config = new ConfigLoader(System.getenv(), true, w -> { }).load("stdin-win", source);
        Files.delete(input);
        ServiceOutcome outcome = Supervision.run(config, Platform.current(), null, null, new SupervisorListener() {
            @Override
            public void stateChanged(ServiceState state, Duration waitHint) {
            }
        }, r -> { });
        assertThat(outcome).isInstanceOfSatisfying(ServiceOutcome.LaunchFailed.class, f -> {
            assertThat(f.reason()).contains("AppStdin " + input, "cannot be opened", "CreateFileW");
            assertThat(f.systemError()).hasValue(2); // ERROR_FILE_NOT_FOUND
        });
    }
}
