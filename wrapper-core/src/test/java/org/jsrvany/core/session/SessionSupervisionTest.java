package org.jsrvany.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jsrvany.core.config.ExitAction;
import org.jsrvany.core.config.ExitActions;
import org.jsrvany.core.config.PauseMode;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.SessionMode;
import org.jsrvany.core.config.SessionRule;
import org.jsrvany.core.config.StopPolicy;
import org.jsrvany.core.config.StopStep;
import org.jsrvany.core.config.WindowsOptions;
import org.jsrvany.core.process.ChildProcess;
import org.jsrvany.core.process.LaunchException;
import org.jsrvany.core.process.ProcessControl;
import org.jsrvany.core.process.SessionTarget;
import org.jsrvany.core.supervisor.DiscardOutput;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.supervisor.ServiceState;
import org.jsrvany.core.supervisor.Supervisor;
import org.jsrvany.core.supervisor.SupervisorListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The session machine wired to a real {@link Supervisor}, with the sessions and the launches faked at the platform
 * boundary: nobody at the start, a logon, a logoff, a logon again; each launch goes where the machine says.
 */
class SessionSupervisionTest {
    private final AtomicReference<SessionSnapshot> sessions = new AtomicReference<>(SessionSnapshot.empty());
    private final List<String> placed = Collections.synchronizedList(new ArrayList<>());
    private final List<ServiceState> states = Collections.synchronizedList(new ArrayList<>());
    private final Launches launches = new Launches();
    private SessionSupervision machine;
    private Supervisor supervisor;

    /** Launches record the session the target names at that moment; each child exits at the first stop step. */
    final class Launches implements ProcessControl {
        final List<String> where = Collections.synchronizedList(new ArrayList<>());
        final List<CompletableFuture<Integer>> exits = Collections.synchronizedList(new ArrayList<>());
        SessionTarget target;

        @Override
        public ChildProcess launch(ServiceConfig config) throws LaunchException {
            Optional<SessionTarget.Placement> p = target.placement();
            if (p.isEmpty()) {
                throw LaunchException.sessionGone("nobody", null, null);
            }
            where.add(p.get().toString());
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            exits.add(exit);
            long pid = 100 + where.size();
            return new ChildProcess() {
                @Override public long pid() { return pid; }
                @Override public String commandLine() { return "gui.exe"; }
                @Override public CompletableFuture<Integer> onExit() { return exit; }
                @Override public InputStream stdout() { return null; }
                @Override public InputStream stderr() { return null; }
                @Override public boolean deliver(StopStep step) { exit.complete(0); return true; }
                @Override public void suspend() { }
                @Override public void resume() { }
                @Override public void killRemaining() { }
                @Override public void close() { }
            };
        }
    }

    @AfterEach
    void end() {
        if (supervisor != null) {
            supervisor.stop();
            supervisor.outcome().join();
        }
        if (machine != null) {
            machine.close();
        }
    }

    private void start() {
        SessionRule rule = new SessionRule(SessionMode.CONSOLE, Optional.empty(), false, SessionRule.EnvironmentRecipe.NONE);
        machine = new SessionSupervision(new DesktopSessions(rule), sessions::get,
                (where, why) -> placed.add(where.map(Object::toString).orElse("waiting")));
        launches.target = machine.target();
        ServiceConfig config = new ServiceConfig("gui", Path.of("/bin/true"), "", Path.of("/"), new TreeMap<>(Map.of()),
                new ExitActions(ExitAction.RESTART, Map.of()), Duration.ofMillis(1500), Duration.ZERO,
                new StopPolicy(Set.of(), Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100), true), null,
                PauseMode.SUSPEND, new WindowsOptions(false, 0x20, "", rule));
        supervisor = Supervisor.create(config, launches, new DiscardOutput(), new SupervisorListener() {
            @Override
            public void stateChanged(ServiceState state, Duration waitHint) {
                states.add(state);
            }
        }, Clock.systemUTC(), Scheduler.system(), machine);
        machine.attach(supervisor);
        supervisor.start();
    }

    private static SessionSnapshot console(int id, String user) {
        return new SessionSnapshot(OptionalInt.of(id), List.of(SessionInfo.of(id, SessionInfo.State.ACTIVE, user)));
    }

    @Test
    void waitsAtStartLaunchesAtLogonEndsAtLogoffAndLaunchesAgainAtTheNextLogon() {
        start();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(states).containsExactly(
                ServiceState.START_PENDING, ServiceState.RUNNING));
        assertThat(launches.where).isEmpty();
        assertThat(placed).containsExactly("waiting");

        sessions.set(console(1, "PC\\alice"));
        machine.sessionChanged(SessionEvent.LOGON.code(), 1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(launches.where)
                .containsExactly("session 1 (PC\\alice)"));

        machine.sessionChanged(SessionEvent.LOCK.code(), 1);
        sessions.set(new SessionSnapshot(OptionalInt.of(1), List.of(SessionInfo.of(1, SessionInfo.State.CONNECTED, null))));
        machine.sessionChanged(SessionEvent.LOGOFF.code(), 1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(launches.exits.get(0)).isCompleted());

        sessions.set(console(2, "PC\\bob"));
        machine.sessionChanged(SessionEvent.LOGON.code(), 2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(launches.where)
                .containsExactly("session 1 (PC\\alice)", "session 2 (PC\\bob)"));
        // Never STOP_PENDING or STOPPED: the service ran the whole time.
        assertThat(states).containsExactly(ServiceState.START_PENDING, ServiceState.RUNNING);
        assertThat(placed).containsExactly("waiting", "session 1 (PC\\alice)", "waiting", "session 2 (PC\\bob)");
    }

    @Test
    void aProgramThatDiesWithItsSessionIsNotRestartedUntilTheNextLogon() {
        sessions.set(console(1, "PC\\alice"));
        start();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(launches.where).hasSize(1));
        sessions.set(new SessionSnapshot(OptionalInt.of(1), List.of(SessionInfo.of(1, SessionInfo.State.CONNECTED, null))));
        launches.exits.get(0).complete(0xC000013A); // killed by the logoff before its notification came
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(placed).endsWith("waiting"));
        assertThat(launches.where).hasSize(1);
        assertThat(states).containsExactly(ServiceState.START_PENDING, ServiceState.RUNNING);

        sessions.set(console(1, "PC\\alice"));
        machine.sessionChanged(SessionEvent.LOGON.code(), 1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(launches.where).hasSize(2));
    }
}
