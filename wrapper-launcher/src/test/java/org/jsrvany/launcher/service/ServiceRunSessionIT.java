package org.jsrvany.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.process.ChildProcess;
import org.jsrvany.core.process.LaunchException;
import org.jsrvany.core.process.ProcessControl;
import org.jsrvany.core.process.SessionTarget;
import org.jsrvany.core.run.Platform;
import org.jsrvany.core.service.ScmExitCode;
import org.jsrvany.core.session.SessionInfo;
import org.jsrvany.core.session.SessionQuery;
import org.jsrvany.core.session.SessionSnapshot;
import org.jsrvany.core.status.PublishedStatus;
import org.jsrvany.core.status.UserSessionStatus;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ServiceMain's flow with {@code AppSession=Console}: real fixture children (this OS's process control), the
 * sessions and the user's token faked at the platform boundary ({@link UserSessions}), and SESSIONCHANGE delivered
 * to the service directly, as the dispatcher's hook does. The Windows calls behind {@link UserSessions#windows()}
 * run in the Wine lane (UserSessionLaunchWindowsIT, WtsSessionsWindowsIT).
 */
class ServiceRunSessionIT {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final int WTS_SESSION_LOGON = 5;
    private static final int WTS_SESSION_LOGOFF = 6;
    private static final int WTS_SESSION_LOCK = 7;

    @TempDir
    Path dir;

    private final RecordingHost recorder = new RecordingHost();
    private final AtomicReference<SessionSnapshot> sessions = new AtomicReference<>(SessionSnapshot.empty());
    private final List<String> launchedIn = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<BiConsumer<Integer, Integer>> hook = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private ServiceRun service;

    /** The platform's user sessions, faked: the privilege as given, the sessions as set, launches on this OS. */
    private UserSessions userSessions(boolean tcb) {
        return new UserSessions() {
            @Override
            public boolean holdsTcbPrivilege() {
                return tcb;
            }

            @Override
            public SessionQuery sessions() {
                return sessions::get;
            }

            @Override
            public ProcessControl processControl(SessionTarget target) {
                ProcessControl real = Platform.current().processes();
                return config -> {
                    Optional<SessionTarget.Placement> p = target.placement();
                    if (p.isEmpty()) {
                        throw LaunchException.sessionGone("nobody is logged on", null, null);
                    }
                    ChildProcess child = real.launch(config);
                    launchedIn.add(p.get().toString());
                    return child;
                };
            }

            @Override
            public void onSessionChange(BiConsumer<Integer, Integer> handler) {
                hook.set(handler);
            }
        };
    }

    @AfterEach
    void stopWhateverRuns() throws InterruptedException {
        if (service != null) {
            service.handleControl(ScmStatus.SERVICE_CONTROL_STOP, 0);
        }
        for (Thread t : threads) {
            t.join(BOUND.toMillis());
        }
    }

    private void start(boolean tcb) {
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), "org.jsrvany.samples.Fixture",
                "--sleep-forever"));
        MapSource source = new MapSource("HKLM\\SYSTEM\\CurrentControlSet\\Services\\svc\\Parameters")
                .put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(args))
                .put(Param.APP_DIRECTORY, dir.toString())
                .put(Param.APP_SESSION, "Console");
        ServiceRun.Host base = recorder.host(RecordingHost.configs(source, List.of()), () -> {
            throw new AssertionError("a user-session service uses the user sessions' process control");
        }, ShutdownBudgets::defaults, Scheduler.system());
        ServiceRun.Host host = new ServiceRun.Host(base.status(), base.startLog(), base.events(), base.stopLog(),
                base.parameters(), base.processes(), base.budgets(), base.endProcess(), base.scheduler(), base.clock(),
                base.version(), base.statusFile(), userSessions(tcb));
        service = new ServiceRun("svc", host);
        Thread t = new Thread(service::run, "service-main");
        t.start();
        threads.add(t);
    }

    private void awaitState(int state) {
        await().atMost(BOUND).until(() -> recorder.lastStatus() != null && recorder.lastStatus().currentState() == state);
    }

    private void awaitEvents(int id, int count) {
        await().atMost(BOUND).until(() -> recorder.eventIds().stream().filter(e -> e == id).count() == count);
    }

    private PublishedStatus published() {
        return PublishedStatus.read(recorder.statusFile).orElseThrow(() -> new AssertionError("no status file"));
    }

    /** What 'jsrvany status' shows: the session and user, or the wait for a logon. */
    private void awaitPublished(UserSessionStatus where) {
        await().atMost(BOUND).untilAsserted(() -> assertThat(published().userSession()).contains(where));
    }

    private static SessionSnapshot alice(int session) {
        return new SessionSnapshot(OptionalInt.of(session), List.of(SessionInfo.of(session, SessionInfo.State.ACTIVE,
                "PC\\alice")));
    }

    @Test
    void withoutSeTcbPrivilegeTheServiceSaysWhyAndStopsWithItsCode() throws Exception {
        start(false);
        threads.get(0).join(BOUND.toMillis());
        service = null;
        ScmExitCode code = ScmExitCode.noTcbPrivilege();
        assertThat(recorder.lastStatus()).isEqualTo(new ScmStatus(ScmStatus.SERVICE_STOPPED, 0, code.win32ExitCode(),
                code.serviceSpecificExitCode(), 0, 0));
        assertThat(code.serviceSpecificExitCode()).isEqualTo(0x20000013);
        assertThat(recorder.eventIds()).containsExactly(ServiceEvents.STARTING, ServiceEvents.NO_TCB_PRIVILEGE);
        assertThat(recorder.events().get(1).text()).contains("lacks SeTcbPrivilege", "only LocalSystem",
                "never grants it", "--account LocalSystem");
        assertThat(launchedIn).isEmpty();
    }

    @Test
    void nobodyLoggedOnIsRunningAndWaitingThenLogonLogoffAndLogonAgain() throws Exception {
        recorder.statusFile = dir.resolve("state/svc.properties");
        start(true);
        awaitState(ScmStatus.SERVICE_RUNNING);
        await().atMost(BOUND).until(() -> (recorder.lastStatus().controlsAccepted()
                & ScmStatus.SERVICE_ACCEPT_SESSIONCHANGE) != 0);
        awaitEvents(ServiceEvents.SESSION_CHANGED, 1);
        assertThat(recorder.events().get(1).text()).contains("waits for a logon");
        assertThat(launchedIn).isEmpty();
        assertThat(hook.get()).as("SESSIONCHANGE is routed to the service").isNotNull();
        awaitPublished(UserSessionStatus.waiting("Console"));

        sessions.set(alice(1));
        hook.get().accept(WTS_SESSION_LOGON, 1);
        awaitEvents(ServiceEvents.CHILD_STARTED, 1);
        assertThat(launchedIn).containsExactly("session 1 (PC\\alice)");
        awaitPublished(UserSessionStatus.in("Console", 1, "PC\\alice"));
        assertThat(published().childPid()).isPresent();

        hook.get().accept(WTS_SESSION_LOCK, 1);
        sessions.set(new SessionSnapshot(OptionalInt.of(1), List.of(SessionInfo.of(1, SessionInfo.State.CONNECTED, null))));
        hook.get().accept(WTS_SESSION_LOGOFF, 1);
        awaitEvents(ServiceEvents.SESSION_ENDED, 1);
        // Logoff ends the program as expected: no exit event, no restart, the service RUNNING throughout.
        assertThat(recorder.eventIds()).doesNotContain(ServiceEvents.CHILD_EXITED, ServiceEvents.RESTART_DELAYED,
                ServiceEvents.STOPPING);
        assertThat(recorder.statuses()).extracting(ScmStatus::currentState).containsOnly(ScmStatus.SERVICE_START_PENDING,
                ScmStatus.SERVICE_RUNNING);
        assertThat(launchedIn).hasSize(1);
        // What 'jsrvany status' reads: no child after the logoff, its exit as the last one.
        var published = org.jsrvany.core.status.PublishedStatus.read(recorder.statusFile).orElseThrow();
        assertThat(published.childPid()).isEmpty();
        assertThat(published.lastExitCode()).isPresent();
        awaitPublished(UserSessionStatus.waiting("Console"));

        sessions.set(alice(2));
        service.sessionChanged(WTS_SESSION_LOGON, 2);
        awaitEvents(ServiceEvents.CHILD_STARTED, 2);
        assertThat(launchedIn).containsExactly("session 1 (PC\\alice)", "session 2 (PC\\alice)");
        awaitPublished(UserSessionStatus.in("Console", 2, "PC\\alice"));

        assertThat(service.handleControl(ScmStatus.SERVICE_CONTROL_STOP, 0)).isZero();
        threads.get(0).join(BOUND.toMillis());
        service = null;
        assertThat(recorder.lastStatus()).isEqualTo(new ScmStatus(ScmStatus.SERVICE_STOPPED, 0, 0, 0, 0, 0));
        assertThat(hook.get()).as("the hook is removed when the service ends").isNull();
    }
}
