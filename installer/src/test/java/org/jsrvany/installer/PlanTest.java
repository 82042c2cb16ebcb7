package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.StoredParameters;
import org.jsrvany.core.service.FailureActions;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.service.SidType;
import org.jsrvany.core.service.StartType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Plan#steps} as the table its comment promises: what is installed, what is wanted, and the
 * steps in their order (by kind). The apply/undo of each step is tested in {@code InstallCommandTest}.
 */
class PlanTest {
    private static final ServiceDefinition INSTALLED = new ServiceDefinition("App", "App", "", "\"C:\\java.exe\" -jar \"C:\\l.jar\"",
            StartType.AUTO, List.of("Tcpip"), "LocalSystem", Optional.of(FailureActions.none()), Optional.of(false),
            Optional.empty(), Optional.of(SidType.NONE));
    private static final StoredParameters STORED = new StoredParameters(
            Map.of(Param.APPLICATION, new RawValue.Text("C:\\app.exe", true), Param.APP_THROTTLE, new RawValue.Dword(1500)),
            Map.of("", "Restart"), Map.of(), true);

    /** What is wanted: the installed definition changed by {@code change}, these parameters, this AppExit table. */
    private static Plan.Wanted wanted(UnaryOperator<ServiceDefinition> change, Map<Param, Optional<RawValue>> parameters,
                                      Optional<Map<String, String>> exits) {
        return new Plan.Wanted(change.apply(INSTALLED), parameters, exits);
    }

    private static Arguments row(String name, boolean installed, Plan.Wanted wanted, Optional<char[]> password,
                                 Optional<String> grant, boolean eventSource, String steps) {
        return Arguments.of(name, installed, wanted, password, grant, eventSource, steps);
    }

    static Stream<Arguments> table() {
        Map<Param, Optional<RawValue>> same = Map.of(Param.APPLICATION, Optional.of(new RawValue.Text("C:\\app.exe", true)));
        return Stream.of(
                row("install run twice changes nothing", true, wanted(d -> d, same, Optional.of(Map.of("", "Restart"))),
                        Optional.empty(), Optional.empty(), false, ""),
                row("a new service: created first, then its parameters and settings", false,
                        wanted(d -> d.withDescription("My app").withPreshutdownTimeout(Optional.of(Duration.ofSeconds(20))),
                                same, Optional.of(Map.of("", "Exit"))),
                        Optional.empty(), Optional.empty(), true,
                        "Create RegisterEventSource WriteParam WriteExitActions Description SetPreshutdown"),
                row("a new delayed-auto service gets its delayed flag", false,
                        wanted(d -> d.withStartType(StartType.DELAYED_AUTO), same, Optional.empty()),
                        Optional.empty(), Optional.empty(), false, "Create WriteParam DelayedStart"),
                row("the logon right comes before the service that needs it", false, wanted(d -> d.withAccount(".\\svc"),
                        same, Optional.empty()), Optional.of("pw".toCharArray()), Optional.of(".\\svc"), false,
                        "GrantLogonRight Create WriteParam"),
                row("a changed parameter, a removed one, AppExit the same", true,
                        wanted(d -> d, Map.of(Param.APPLICATION, Optional.of(new RawValue.Text("D:\\new.exe", true)),
                                Param.APP_THROTTLE, Optional.empty(), Param.APP_RESTART_DELAY, Optional.empty()),
                                Optional.of(Map.of("", "restart"))),
                        Optional.empty(), Optional.empty(), false, "WriteParam DeleteParam"),
                row("parameters first, SCM settings next, the basic configuration last", true,
                        wanted(d -> d.withImagePath("\"C:\\other\\java.exe\" -jar \"C:\\l.jar\"").withDescription("d")
                                .withSidType(Optional.of(SidType.UNRESTRICTED)), Map.of(Param.APP_THROTTLE,
                                Optional.of(new RawValue.Dword(3000))), Optional.empty()),
                        Optional.empty(), Optional.empty(), false, "WriteParam Description SetSidType ChangeConfig"),
                row("a new password alone reconfigures the account", true, wanted(d -> d, Map.of(), Optional.empty()),
                        Optional.of("pw".toCharArray()), Optional.empty(), false, "ChangeConfig"),
                row("dependencies compare case-insensitively and in any order", true,
                        wanted(d -> d.withDependencies(List.of("TCPIP")), Map.of(), Optional.empty()),
                        Optional.empty(), Optional.empty(), false, ""),
                row("failure actions and the non-crash flag", true,
                        wanted(d -> d.withFailureActions(Optional.of(new FailureActions(Duration.ofDays(1),
                                        List.of(new FailureActions.Action(FailureActions.Kind.RESTART, Duration.ofSeconds(5))), "", "")))
                                .withFailureActionsOnNonCrash(Optional.of(true)), Map.of(), Optional.empty()),
                        Optional.empty(), Optional.empty(), false, "SetFailureActions SetNonCrash"),
                row("leaving delayed start", true, wanted(d -> d.withStartType(StartType.MANUAL), Map.of(), Optional.empty()),
                        Optional.empty(), Optional.empty(), false, "ChangeConfig"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void stepsInOrder(String name, boolean installed, Plan.Wanted wanted, Optional<char[]> password,
                      Optional<String> grant, boolean eventSource, String steps) {
        List<Step> plan = Plan.steps(installed ? Optional.of(INSTALLED) : Optional.empty(), installed ? STORED
                : StoredParameters.none(), wanted, password, grant, eventSource);
        assertThat(String.join(" ", plan.stream().map(s -> s.getClass().getSimpleName()).toList())).isEqualTo(steps);
    }
}
