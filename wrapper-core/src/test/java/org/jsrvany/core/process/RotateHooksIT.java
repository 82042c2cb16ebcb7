package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.run.Platform;
import org.jsrvany.core.run.Supervision;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.supervisor.ServiceState;
import org.jsrvany.core.supervisor.SupervisorListener;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * NSSM's Rotate/Pre and Rotate/Post hooks around a real rotation of a real output file (AppRotateFiles
 * at start, through the one place rotation happens), in order, with the file names in their environment.
 */
@EnabledOnOs(OS.LINUX)
class RotateHooksIT {
    @TempDir
    Path dir;

    private static String sh(String script) {
        return WindowsCommandLine.joinArguments(List.of("/bin/sh", "-c", script));
    }

    @Test
    void rotateHooksRunBeforeAndAfterTheFileIsRenamed() throws Exception {
        Files.writeString(dir.resolve("out.log"), "from the last run\n");
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), "org.jsrvany.samples.Fixture",
                "--lines", "3", "--exit-after", "0"));
        MapSource source = new MapSource("test").put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(args))
                .put(Param.APP_DIRECTORY, dir.toString())
                .put(Param.APP_STDOUT, "out.log")
                .put(Param.APP_ROTATE_FILES, new RawValue.Dword(1))
                .put(Param.APP_EVENTS_ROTATE_PRE, sh("echo \"$NSSM_EVENT/$NSSM_ACTION $(basename $JSRVANY_ROTATE_FILE)"
                        + " exists=$(test -e \"$JSRVANY_ROTATE_FILE\" && echo yes)\" >> events.log"))
                .put(Param.APP_EVENTS_ROTATE_POST, sh("echo \"$NSSM_EVENT/$NSSM_ACTION $(cat \"$JSRVANY_ROTATED_TO\")\" >> events.log"))
                .exitAction("", "Exit");
        ServiceConfig config = new ConfigLoader(System.getenv(), false, w -> { }).load("rot", source);
        Platform platform = new Platform(ProcessControl.posix(), Clock.systemUTC(), Scheduler.system());
        ServiceOutcome outcome = Supervision.run(config, platform, null, null, new SupervisorListener() {
            @Override
            public void stateChanged(ServiceState state, Duration waitHint) {
            }
        }, r -> { });
        assertThat(outcome).isEqualTo(new ServiceOutcome.ChildExited(0));
        assertThat(Files.readAllLines(dir.resolve("events.log"), StandardCharsets.UTF_8))
                .containsExactly("Rotate/Pre out.log exists=yes", "Rotate/Post from the last run");
    }

    /**
     * AppRedirectHook=1 does not apply to the Rotate hooks (docs/hooks.md): they run while the file's
     * writer holds its lock, so a Rotate hook writing more than its pipe holds must still finish (its
     * lines go to the wrapper's log) rather than wait for itself until AppHookTimeout kills it.
     */
    @Test
    void withRedirectHookARotateHookWritingMuchStillEndsAndItsLinesStayOutOfTheFile() throws Exception {
        Files.writeString(dir.resolve("out.log"), "from the last run\n");
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), "org.jsrvany.samples.Fixture",
                "--lines", "3", "--exit-after", "0"));
        MapSource source = new MapSource("test").put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(args))
                .put(Param.APP_DIRECTORY, dir.toString())
                .put(Param.APP_STDOUT, "out.log")
                .put(Param.APP_ROTATE_FILES, new RawValue.Dword(1))
                .put(Param.APP_REDIRECT_HOOK, new RawValue.Dword(1))
                .put(Param.APP_HOOK_TIMEOUT, new RawValue.Dword(60_000))
                .put(Param.APP_EVENTS_ROTATE_PRE, sh("seq -f rotate-hook-%g 1 30000; echo Rotate/Pre done >> events.log"))
                .exitAction("", "Exit");
        ServiceConfig config = new ConfigLoader(System.getenv(), false, w -> { }).load("rot", source);
        Platform platform = new Platform(ProcessControl.posix(), Clock.systemUTC(), Scheduler.system());
        ServiceOutcome outcome = Supervision.run(config, platform, null, null, new SupervisorListener() {
            @Override
            public void stateChanged(ServiceState state, Duration waitHint) {
            }
        }, r -> { });
        assertThat(outcome).isEqualTo(new ServiceOutcome.ChildExited(0));
        assertThat(Files.readAllLines(dir.resolve("events.log"), StandardCharsets.UTF_8)).containsExactly("Rotate/Pre done");
        assertThat(Files.readString(dir.resolve("out.log"), StandardCharsets.UTF_8)).doesNotContain("rotate-hook-");
    }
}
