package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.ptr.IntByReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.StopStep;
import org.jsrvany.core.process.ChildProcess;
import org.jsrvany.core.process.LaunchException;
import org.jsrvany.core.process.ProcessControl;
import org.jsrvany.core.process.SessionTarget;
import org.jsrvany.core.win32.WindowsTestSupport;
import org.jsrvany.samples.Fixture;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child started with a user's token in that user's session ({@code AppSession} Console): {@code WTSQueryUserToken},
 * {@code DuplicateTokenEx}, {@code CreateEnvironmentBlock}, {@code CreateProcessAsUserW} on {@code winsta0\default},
 * a fresh kill-on-close job, through the one launch path.
 *
 * <p>What Wine can show: it has one user and one session, and its {@code WTSQueryUserToken} gives the caller's own
 * token without any privilege check, so the calls run end to end and the child gets the environment block built
 * for the user, not the service's, and dies with its job. Wine cannot show another user's token, session 0 against a
 * user's session, or the SeTcbPrivilege refusal (on Windows these tests need LocalSystem and are skipped otherwise).
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(180)
class UserSessionLaunchWindowsIT {
    static {
        WindowsTestSupport.useMinimalLoggingIfLogbackCannotConfigure();
    }

    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final WinTree tree = new WinTree();
    private final AtomicReference<Optional<SessionTarget.Placement>> where = new AtomicReference<>(Optional.empty());
    private final ProcessControl control = WindowsProcesses.userSessionProcessControl(where::get);
    private int session;

    @BeforeEach
    void theSessionOfThisProcess() {
        IntByReference own = new IntByReference();
        assertThat(Kernel32.INSTANCE.ProcessIdToSessionId(Kernel32.INSTANCE.GetCurrentProcessId(), own)).isTrue();
        session = own.getValue();
        if (!WindowsTestSupport.isWine()) {
            // WTSQueryUserToken needs LocalSystem (SeTcbPrivilege): an interactive test run cannot call it.
            assumeTrue(org.jsrvany.core.win32.session.Privileges.held("SeTcbPrivilege"),
                    "on Windows these tests need LocalSystem (WTSQueryUserToken needs SeTcbPrivilege)");
        }
        where.set(Optional.of(new SessionTarget.Placement(session, System.getProperty("user.name"))));
    }

    @AfterEach
    void cleanUp() {
        tree.close();
    }

    /** AppSession=Console, the fixture with these flags, and a service environment holding a variable the user's has not. */
    private static ServiceConfig config(List<String> envExtra, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), Fixture.class.getName()));
        args.addAll(List.of(flags));
        Map<String, String> serviceEnv = new HashMap<>(System.getenv());
        serviceEnv.put("JSRVANY_SERVICE_ONLY", "from the service");
        MapSource source = new MapSource("test").put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(args))
                .put(Param.APP_SESSION, "Console");
        if (!envExtra.isEmpty()) {
            source.put(Param.APP_ENVIRONMENT_EXTRA, new RawValue.MultiText(envExtra));
        }
        return new ConfigLoader(serviceEnv, true, w -> { }).load("desktop-it", source);
    }

    @Test
    void theChildRunsAsTheUserInItsSessionWithTheUsersEnvironmentUnderTheConfiguredEntries() throws Exception {
        Path dump = dir.resolve("dump.properties");
        ServiceConfig config = config(List.of("JSRVANY_EXTRA=extra", "JSRVANY_HOME=%USERPROFILE%\\x"),
                "--dump", dump.toString());
        assertThat(config.environment()).as("the service's environment has it").containsKey("JSRVANY_SERVICE_ONLY");

        ChildProcess child = tree.track(control.launch(config));
        new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        assertThat(child.onExit().get(BOUND.toSeconds(), TimeUnit.SECONDS)).isZero();

        Properties seen = WindowsTestSupport.load(dump);
        assertThat(seen.getProperty("env.JSRVANY_EXTRA")).isEqualTo("extra");
        assertThat(seen.getProperty("env.JSRVANY_SERVICE_ONLY")).as("the service's environment is not the user's")
                .isNull();
        String profile = seen.getProperty("env.USERPROFILE");
        assertThat(profile).as("USERPROFILE from the user's environment block").isNotBlank();
        assertThat(seen.getProperty("env.JSRVANY_HOME")).as("expanded against the user's environment")
                .isEqualTo(profile + "\\x");
    }

    @Test
    void theChildIsInTheUsersSessionAndItsTreeDiesWithItsJob() throws Exception {
        Path pids = dir.resolve("pids");
        ChildProcess child = tree.track(control.launch(config(List.of(), "--sleep-forever", "--spawn-grandchildren", "2",
                "--pids-file", pids.toString())));
        WinTree.Lines out = new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        List<ProcessHandleW> processes = tree.awaitPids(pids, 2, BOUND);
        IntByReference childSession = new IntByReference();
        assertThat(Kernel32.INSTANCE.ProcessIdToSessionId((int) child.pid(), childSession)).isTrue();
        assertThat(childSession.getValue()).as("the child's session").isEqualTo(session);

        assertThat(WinTree.running(processes.get(0))).isTrue();
        assertThat(child.deliver(StopStep.TERMINATE)).isTrue();

        assertThat(child.onExit().get(30, TimeUnit.SECONDS)).isEqualTo(WindowsChild.TERMINATED_EXIT_CODE);
        assertThat(WinTree.awaitEnded(processes, Duration.ofSeconds(30))).as("child and grandchildren ended").isTrue();
        assertThat(out.awaitEnd(Duration.ofSeconds(30))).as("no grandchild holds the pipe any more").isTrue();
    }

    @Test
    void nobodyToRunForIsAWaitNotAFailure() throws Exception {
        where.set(Optional.empty());
        assertThatThrownBy(() -> control.launch(config(List.of())))
                .isInstanceOfSatisfying(LaunchException.class, e -> assertThat(e.isSessionGone()).isTrue());
    }

    @Test
    void aSessionWhoseTokenIsNotItsOwnIsRefusedAndNothingStarts() throws Exception {
        // Windows: WTSQueryUserToken fails for a session that does not exist. Wine gives its own token for any session,
        // whose session is not 4242: the check that the token belongs to the session refuses it.
        where.set(Optional.of(new SessionTarget.Placement(4242, "nobody")));
        assertThatThrownBy(() -> control.launch(config(List.of())))
                .isInstanceOf(LaunchException.class).hasMessageContaining("4242");
    }

    /**
     * The graceful steps of a child in a user's session go through a helper started there with the user's token
     * (UserSessionSteps). Ctrl+C: the helper is CtrlCSender, as for a wrapper in the foreground; a Java child ends
     * with 130. Wine shows it end to end: WTSQueryUserToken (the caller's own token), CreateEnvironmentBlock,
     * CreateProcessAsUserW on winsta0\default, the helper joining the child's job, its exit code as the verdict.
     */
    @Test
    void ctrlCReachesAChildInTheUsersSessionThroughAHelperStartedThere() throws Exception {
        Path pids = dir.resolve("pids");
        ChildProcess child = tree.track(control.launch(config(List.of(), "--sleep-forever", "--pids-file",
                pids.toString())));
        new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        tree.awaitPids(pids, 0, BOUND);

        assertThat(child.deliver(StopStep.CONSOLE, BOUND)).as("Ctrl+C delivered by the helper in the user's session")
                .isTrue();
        assertThat(child.onExit().get(BOUND.toSeconds(), TimeUnit.SECONDS)).as("a Java program ends with 130 on Ctrl+C")
                .isEqualTo(130);
    }

    /**
     * WM_CLOSE and WM_QUIT through the helper (WindowStepSender) in the user's session. What Wine shows: the helper
     * starts as the user, runs, and reports back; headless Wine has no windows at all (see WindowsProcessControlWindowsIT
     * theWindowStepFindsNoWindowUnderWine), so WM_CLOSE finds nobody (the helper's "nobody" verdict, not a failure);
     * one thread of a Java process has a message queue under Wine and takes WM_QUIT. A window that closes on WM_CLOSE
     * (samples' SessionWindow) can only be seen on Windows.
     */
    @Test
    void theWindowStepsRunTheirHelperInTheUsersSessionAndItReportsBack() throws Exception {
        Path pids = dir.resolve("pids");
        ChildProcess child = tree.track(control.launch(config(List.of(), "--sleep-forever", "--pids-file",
                pids.toString())));
        new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        List<ProcessHandleW> processes = tree.awaitPids(pids, 0, BOUND);
        java.util.Set<Integer> only = java.util.Set.of((int) child.pid());

        if (WindowsTestSupport.isWine()) {
            assertThat(UserSessionSteps.send(StopStep.WINDOW, session, false, only, null, BOUND))
                    .as("Wine differs from Windows: headless Wine has no windows, so the helper finds none to close")
                    .isEqualTo(ConsoleCtrl.Delivery.NO_CONSOLE);
            assertThat(child.deliver(StopStep.WINDOW, BOUND)).as("nobody took WM_CLOSE: not delivered").isFalse();
            assertThat(UserSessionSteps.send(StopStep.THREADS, session, false, only, null, BOUND))
                    .as("under Wine one thread of a Java process has a message queue and takes WM_QUIT")
                    .isEqualTo(ConsoleCtrl.Delivery.SENT);
            assertThat(child.deliver(StopStep.THREADS, BOUND)).as("the same through the child, its helper in its job")
                    .isTrue();
        } else {
            assertThat(UserSessionSteps.send(StopStep.THREADS, session, false, only, null, BOUND))
                    .as("the helper ran and reported").isNotEqualTo(ConsoleCtrl.Delivery.FAILED);
        }
        assertThat(child.onExit().copy().completeOnTimeout(-1, 500, TimeUnit.MILLISECONDS).get())
                .as("a Java program pumps no messages: WM_QUIT does not end it").isEqualTo(-1);
        assertThat(WinTree.running(processes.get(0))).isTrue();
        assertThat(child.deliver(StopStep.TERMINATE)).isTrue();
        assertThat(child.onExit().get(30, TimeUnit.SECONDS)).isEqualTo(WindowsChild.TERMINATED_EXIT_CODE);
    }
}
