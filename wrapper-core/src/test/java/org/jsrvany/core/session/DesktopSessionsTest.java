package org.jsrvany.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.jsrvany.core.config.SessionMode;
import org.jsrvany.core.config.SessionRule;
import org.jsrvany.core.process.SessionTarget.Placement;
import org.jsrvany.core.session.DesktopSessions.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The session state machine as a table: the rule, where the program runs before, what happens, the
 * sessions as Windows lists them afterwards, and what the service must do.
 *
 * <p>Sessions are written {@code "console=1 | 1:A:PC\alice 2:D:PC\bob 3:C"}: the console's session id
 * (or {@code -} while it switches), then each session as id:state:user, state A active, C connected
 * (logon screen), D disconnected, O other; no user = nobody logged on.
 */
class DesktopSessionsTest {
    private static final String ALICE = "PC\\alice";
    private static final String BOB = "PC\\bob";

    static Stream<Arguments> table() {
        return Stream.of(
                // rule, user filter, runs in before ("-" = waiting), what happens, sessions afterwards, expected
                row("Console", "", "-", "start", "console=1 | 0:O 1:A:" + ALICE, "Launch 1 " + ALICE),
                row("Console", "", "-", "start", "console=1 | 0:O 1:C", "Wait"),
                row("Console", "", "-", "start", "console=- | 0:O", "Wait"),
                row("Console", "", "-", "start", "console=1 | 0:O 1:C 2:A:" + BOB, "Wait"), // RDP user, not the console
                row("Active", "", "-", "start", "console=1 | 0:O 1:C 2:A:" + BOB, "Launch 2 " + BOB),
                row("Active", "", "-", "start", "console=1 | 1:A:" + ALICE + " 2:A:" + BOB, "Launch 1 " + ALICE),
                row("Active", "", "-", "start", "console=5 | 3:A:" + BOB + " 2:A:" + ALICE + " 5:C", "Launch 2 " + ALICE),
                row("Active", "", "-", "start", "console=1 | 1:C 2:D:" + BOB, "Wait"), // disconnected is not active
                row("Console", "bob", "-", "start", "console=1 | 1:A:" + ALICE, "Wait"),
                row("Console", "bob", "-", "start", "console=1 | 1:A:OTHER\\Bob", "Launch 1 OTHER\\Bob"),
                row("Console", "PC\\bob", "-", "start", "console=1 | 1:A:OTHER\\bob", "Wait"),
                row("Active", "bob", "-", "start", "console=1 | 1:A:" + ALICE + " 2:A:" + BOB, "Launch 2 " + BOB),
                // logon
                row("Console", "", "-", "LOGON 1", "console=1 | 1:A:" + ALICE, "Launch 1 " + ALICE),
                row("Active", "", "-", "LOGON 3", "console=1 | 1:C 3:A:" + BOB, "Launch 3 " + BOB),
                row("Console", "", "-", "LOGON 3", "console=1 | 1:C 3:A:" + BOB, "Wait"),
                row("Active", "", "1 " + ALICE, "LOGON 3", "console=1 | 1:A:" + ALICE + " 3:A:" + BOB, "Stay"),
                row("Console", "bob", "-", "LOGON 1", "console=1 | 1:A:" + ALICE, "Wait"),
                // logoff: ends the program, no restart until the next logon
                row("Console", "", "1 " + ALICE, "LOGOFF 1", "console=1 | 1:C", "End 1 " + ALICE),
                row("Console", "", "1 " + ALICE, "LOGOFF 1", "console=1 | 1:A:" + ALICE, "End 1 " + ALICE), // still listed
                row("Active", "", "2 " + BOB, "LOGOFF 2", "console=1 | 1:C", "End 2 " + BOB),
                row("Active", "", "2 " + BOB, "LOGOFF 2", "console=1 | 1:A:" + ALICE, "Move 2 " + BOB + " > 1 " + ALICE),
                row("Active", "", "2 " + BOB, "LOGOFF 3", "console=1 | 2:A:" + BOB, "Stay"), // someone else
                row("Console", "", "1 " + ALICE, "TERMINATE 1", "console=- | 0:O", "End 1 " + ALICE),
                // lock, unlock, remote control: nothing changes, whatever the list says
                row("Console", "", "1 " + ALICE, "LOCK 1", "console=1 | 1:A:" + ALICE, "Stay"),
                row("Console", "", "1 " + ALICE, "UNLOCK 1", "console=1 | 1:A:" + ALICE, "Stay"),
                row("Console", "", "1 " + ALICE, "LOCK 1", "console=- | 0:O", "Stay"),
                row("Active", "", "-", "UNLOCK 1", "console=1 | 1:A:" + ALICE, "Stay"),
                row("Active", "", "2 " + BOB, "REMOTE_CONTROL 2", "console=1 | 2:A:" + BOB, "Stay"),
                // fast user switching at the console
                row("Console", "", "1 " + ALICE, "CONSOLE_DISCONNECT 1", "console=- | 1:D:" + ALICE, "Stay"),
                row("Console", "", "1 " + ALICE, "CONSOLE_CONNECT 3", "console=3 | 1:D:" + ALICE + " 3:C", "Stay"),
                row("Console", "", "1 " + ALICE, "LOGON 3", "console=3 | 1:D:" + ALICE + " 3:A:" + BOB,
                        "Move 1 " + ALICE + " > 3 " + BOB),
                row("Console", "", "3 " + BOB, "CONSOLE_CONNECT 1", "console=1 | 1:A:" + ALICE + " 3:D:" + BOB,
                        "Move 3 " + BOB + " > 1 " + ALICE),
                row("Console", "alice", "1 " + ALICE, "LOGON 3", "console=3 | 1:D:" + ALICE + " 3:A:" + BOB, "Stay"),
                // Remote Desktop
                row("Active", "", "2 " + BOB, "REMOTE_DISCONNECT 2", "console=1 | 1:C 2:D:" + BOB, "Stay"),
                row("Active", "", "2 " + BOB, "REMOTE_DISCONNECT 2", "console=1 | 1:A:" + ALICE + " 2:D:" + BOB,
                        "Move 2 " + BOB + " > 1 " + ALICE),
                row("Active", "", "2 " + BOB, "REMOTE_CONNECT 2", "console=1 | 1:C 2:A:" + BOB, "Stay"),
                row("Active", "", "1 " + ALICE, "REMOTE_CONNECT 1", "console=4 | 1:A:" + ALICE + " 4:C", "Stay"),
                row("Console", "", "1 " + ALICE, "REMOTE_CONNECT 1", "console=4 | 1:A:" + ALICE + " 4:C", "Stay"),
                row("Console", "", "-", "REMOTE_CONNECT 2", "console=1 | 1:C 2:A:" + BOB, "Wait"),
                // the program exits by itself
                row("Console", "", "1 " + ALICE, "exit", "console=1 | 1:A:" + ALICE, "ExitRules"),
                row("Console", "", "1 " + ALICE, "exit", "console=- | 1:D:" + ALICE, "ExitRules"),
                row("Console", "", "1 " + ALICE, "exit", "console=1 | 1:C", "End 1 " + ALICE),
                row("Active", "", "1 " + ALICE, "exit", "console=1 | 1:C 2:A:" + BOB, "Move 1 " + ALICE + " > 2 " + BOB),
                row("Active", "", "1 " + ALICE, "exit", "console=1 | 1:A:PC\\carol", "Move 1 " + ALICE + " > 1 PC\\carol"));
    }

    @ParameterizedTest(name = "{0} {1}, runs in {2}, {3}, then {4} -> {5}")
    @MethodSource("table")
    void decides(String mode, String user, String before, String what, String after, String expected) {
        DesktopSessions machine = new DesktopSessions(rule(mode, user));
        if (!before.equals("-")) {
            Placement p = placement(before);
            Action launched = machine.start(new SessionSnapshot(OptionalInt.of(p.session()),
                    List.of(SessionInfo.of(p.session(), SessionInfo.State.ACTIVE, p.user()))));
            assertThat(launched).isEqualTo(new Action.Launch(p));
        }
        SessionSnapshot sessions = snapshot(after);
        Action action;
        if (what.equals("start")) {
            action = machine.start(sessions);
        } else if (what.equals("exit")) {
            action = machine.programExited(sessions);
        } else {
            String[] w = what.split(" ");
            action = machine.on(SessionEvent.valueOf(w[0]), Integer.parseInt(w[1]), sessions);
        }
        assertThat(describe(action)).isEqualTo(expected);
        // Where the next launch goes follows the action.
        Optional<Placement> next;
        if (action instanceof Action.Launch l) {
            next = Optional.of(l.to());
        } else if (action instanceof Action.Move m) {
            next = Optional.of(m.to());
        } else if (action instanceof Action.End || action instanceof Action.Wait) {
            next = Optional.empty();
        } else {
            next = before.equals("-") ? Optional.empty() : Optional.of(placement(before));
        }
        assertThat(machine.placement()).isEqualTo(next);
    }

    @Test
    void logoffThenLogonAgainStartsTheProgramAgainInTheNewSession() {
        DesktopSessions machine = new DesktopSessions(rule("Console", ""));
        assertThat(machine.start(snapshot("console=1 | 1:A:" + ALICE))).isEqualTo(new Action.Launch(placement("1 " + ALICE)));
        assertThat(machine.on(SessionEvent.LOGOFF, 1, snapshot("console=1 | 1:C"))).isInstanceOf(Action.End.class);
        assertThat(machine.on(SessionEvent.TERMINATE, 1, snapshot("console=- | 0:O"))).isInstanceOf(Action.Wait.class);
        assertThat(machine.on(SessionEvent.CONSOLE_CONNECT, 2, snapshot("console=2 | 2:C"))).isInstanceOf(Action.Wait.class);
        assertThat(machine.on(SessionEvent.LOGON, 2, snapshot("console=2 | 2:A:" + ALICE)))
                .isEqualTo(new Action.Launch(placement("2 " + ALICE)));
    }

    @Test
    void aLaunchThatFindsNoUserWaitsForTheNextLogon() {
        DesktopSessions machine = new DesktopSessions(rule("Active", ""));
        machine.start(snapshot("console=1 | 1:A:" + ALICE));
        machine.launchFoundNoUser();
        assertThat(machine.placement()).isEmpty();
        assertThat(machine.on(SessionEvent.LOGON, 1, snapshot("console=1 | 1:A:" + ALICE)))
                .isEqualTo(new Action.Launch(placement("1 " + ALICE)));
    }

    @Test
    void theWaitSaysWhoItWaitsFor() {
        assertThat(new DesktopSessions(rule("Console", "bob")).start(SessionSnapshot.empty()))
                .isEqualTo(new Action.Wait("waiting for bob to log on at the console (the service started)"));
        assertThat(DesktopSessions.waitingFor(rule("Active", "")))
                .isEqualTo("waiting for a user to log on (console or Remote Desktop)");
    }

    @Test
    void theServiceSessionHasNoStateMachine() {
        assertThatThrownBy(() -> new DesktopSessions(SessionRule.SERVICE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventCodesAreTheWtsValues() {
        assertThat(SessionEvent.of(5)).contains(SessionEvent.LOGON);
        assertThat(SessionEvent.of(6)).contains(SessionEvent.LOGOFF);
        assertThat(SessionEvent.of(7)).contains(SessionEvent.LOCK);
        assertThat(SessionEvent.of(0xB)).contains(SessionEvent.TERMINATE);
        assertThat(SessionEvent.of(0xC)).isEmpty();
        assertThat(SessionInfo.State.of(0)).isEqualTo(SessionInfo.State.ACTIVE);
        assertThat(SessionInfo.State.of(4)).isEqualTo(SessionInfo.State.DISCONNECTED);
        assertThat(SessionInfo.State.of(6)).isEqualTo(SessionInfo.State.OTHER);
    }

    // ---- notation ----

    private static Arguments row(String mode, String user, String before, String what, String after, String expected) {
        return Arguments.of(mode, user, before, what, after, expected);
    }

    private static SessionRule rule(String mode, String user) {
        return new SessionRule(SessionMode.parse(mode).orElseThrow(), Optional.of(user), false,
                SessionRule.EnvironmentRecipe.NONE);
    }

    private static Placement placement(String text) {
        String[] p = text.split(" ");
        return new Placement(Integer.parseInt(p[0]), p[1]);
    }

    private static SessionSnapshot snapshot(String text) {
        String[] halves = text.split("\\|");
        String console = halves[0].trim().substring("console=".length());
        List<SessionInfo> sessions = new ArrayList<>();
        for (String s : halves[1].trim().split(" +")) {
            String[] f = s.split(":", 3);
            SessionInfo.State state = switch (f[1]) {
                case "A" -> SessionInfo.State.ACTIVE;
                case "C" -> SessionInfo.State.CONNECTED;
                case "D" -> SessionInfo.State.DISCONNECTED;
                default -> SessionInfo.State.OTHER;
            };
            sessions.add(SessionInfo.of(Integer.parseInt(f[0]), state, f.length > 2 ? f[2] : null));
        }
        return new SessionSnapshot(console.equals("-") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(console)),
                sessions);
    }

    private static String describe(Action a) {
        if (a instanceof Action.Launch l) {
            return "Launch " + l.to().session() + " " + l.to().user();
        }
        if (a instanceof Action.Move m) {
            return "Move " + m.from().session() + " " + m.from().user() + " > " + m.to().session() + " " + m.to().user();
        }
        if (a instanceof Action.End e) {
            return "End " + e.from().session() + " " + e.from().user();
        }
        return a.getClass().getSimpleName();
    }
}
