package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.jsrvany.core.win32.process.ChildConsole.AsWindowsMakesIt;
import org.jsrvany.core.win32.process.ChildConsole.Decision;
import org.jsrvany.core.win32.process.ChildConsole.MadeByWrapper;
import org.jsrvany.core.win32.process.ChildConsole.NotApplied;
import org.jsrvany.core.win32.process.ConsoleCtrl.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AppConsoleCodePage at launch: the wrapper makes the program's console only where it can without touching a
 * console of its own (a service: no console; the service's console mode, a hidden window; the service's own
 * session), and says why everywhere else.
 */
class ChildConsoleTest {

    static Stream<Arguments> table() {
        return Stream.of(
                // code page, console mode, wrapper's route, user session -> decision (class), warning mentions
                Arguments.of(0, ConsoleMode.NEW_HIDDEN, Route.IN_PROCESS, false, AsWindowsMakesIt.class, null),
                Arguments.of(0, ConsoleMode.NO_WINDOW, Route.HELPER, false, AsWindowsMakesIt.class, null),
                Arguments.of(0, ConsoleMode.NONE, Route.IN_PROCESS, false, AsWindowsMakesIt.class, null),
                Arguments.of(65001, ConsoleMode.NEW_HIDDEN, Route.IN_PROCESS, false, MadeByWrapper.class, null),
                Arguments.of(850, ConsoleMode.NEW_HIDDEN, Route.IN_PROCESS, false, MadeByWrapper.class, null),
                // the foreground: the wrapper is on the user's console and must never change it
                Arguments.of(65001, ConsoleMode.NO_WINDOW, Route.HELPER, false, NotApplied.class, "on a console of its own"),
                Arguments.of(65001, ConsoleMode.NEW_HIDDEN, Route.HELPER, false, NotApplied.class, "on a console of its own"),
                // a console without a window: a console the wrapper makes has one
                Arguments.of(65001, ConsoleMode.NO_WINDOW, Route.IN_PROCESS, false, NotApplied.class, "without a window"),
                // AppNoConsole=1 and AppSession (both refused when the configuration is loaded; never a console here)
                Arguments.of(65001, ConsoleMode.NONE, Route.IN_PROCESS, false, NotApplied.class, "AppNoConsole=1"),
                Arguments.of(65001, ConsoleMode.NO_WINDOW, Route.IN_PROCESS, true, NotApplied.class, "user's session"),
                Arguments.of(65001, ConsoleMode.NEW_HIDDEN, Route.IN_PROCESS, true, NotApplied.class, "user's session"));
    }

    @ParameterizedTest(name = "{0} {1} {2} userSession={3} -> {4}")
    @MethodSource("table")
    void decides(int codePage, ConsoleMode mode, Route route, boolean userSession, Class<? extends Decision> expected,
                 String mentions) {
        Decision d = ChildConsole.decide(codePage, mode, route, userSession);
        assertThat(d).isInstanceOf(expected);
        if (d instanceof MadeByWrapper made) {
            assertThat(made.codePage()).isEqualTo(codePage);
        }
        if (d instanceof NotApplied notApplied) {
            assertThat(notApplied.warning()).startsWith("AppConsoleCodePage " + codePage + " is not applied: ")
                    .contains(mentions).contains("the code page Windows gives it");
        }
    }

    @Test
    void theInheritedPlanHasNoConsoleFlagButIsStillSuspendedAndHidden() {
        LaunchPlan plan = new LaunchPlan("\"C:\\app.exe\"", EnvironmentBlock.of(new java.util.TreeMap<>()), "C:\\",
                ConsoleMode.NEW_HIDDEN, LaunchPlan.NORMAL_PRIORITY_CLASS, new java.util.TreeSet<>(), true);
        LaunchPlan inherited = plan.onWrapperConsole();
        int flags = inherited.creationFlags(JobPlacement.OWN_JOB);
        assertThat(inherited.console()).isEqualTo(ConsoleMode.INHERITED);
        assertThat(inherited.console().hasConsole()).as("the Ctrl+C step still applies").isTrue();
        assertThat(flags & (Kernel32Ex.CREATE_NEW_CONSOLE | Kernel32Ex.CREATE_NO_WINDOW | Kernel32Ex.DETACHED_PROCESS))
                .as("no console flag: the child inherits the console the wrapper made").isZero();
        assertThat(flags).isEqualTo(plan.creationFlags(JobPlacement.OWN_JOB) & ~Kernel32Ex.CREATE_NEW_CONSOLE);
        assertThat(flags & Kernel32Ex.CREATE_SUSPENDED).as("still suspended for the job").isNotZero();
        assertThat(inherited.startupFlags()).isEqualTo(plan.startupFlags());
        assertThat(inherited).usingRecursiveComparison().ignoringFields("console").isEqualTo(plan);
    }
}
