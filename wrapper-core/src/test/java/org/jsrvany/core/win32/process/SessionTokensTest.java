package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jsrvany.core.config.ExitAction;
import org.jsrvany.core.config.ExitActions;
import org.jsrvany.core.config.PauseMode;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.SessionRule;
import org.jsrvany.core.config.StopPolicy;
import org.jsrvany.core.config.WindowsOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decisions around a user's token, and the token structure's size. */
class SessionTokensTest {

    @ParameterizedTest(name = "elevated asked {0}, elevation type {1} -> {2}")
    @CsvSource({
            "false, 1, OWN", "false, 2, OWN", "false, 3, OWN",
            "true, 1, OWN", "true, 2, OWN", "true, 3, LINKED"})
    void theLinkedTokenOnlyWhenAskedAndTheTokenIsTheFilteredHalf(boolean asked, int type, SessionTokens.Choice expected) {
        assertThat(SessionTokens.choose(asked, type)).isEqualTo(expected);
    }

    @Test
    void askingForElevationWithoutALinkedTokenIsSaid() {
        assertThat(SessionTokens.elevationNote(true, 1)).isPresent();
        assertThat(SessionTokens.elevationNote(true, 3)).isEmpty();
        assertThat(SessionTokens.elevationNote(false, 1)).isEmpty();
    }

    @ParameterizedTest(name = "{0} in session {1} for session {2}: refused {3}")
    @CsvSource({
            "S-1-5-21-1-2-3-1001, 1, 1, false",
            "S-1-5-18, 1, 1, true", // SYSTEM: never on a user's desktop
            "s-1-5-18, 1, 1, true",
            "S-1-5-19, 1, 1, true",
            "S-1-5-20, 1, 1, true",
            "S-1-5-21-1-2-3-1001, 0, 1, true", // a token of another session
            "S-1-5-21-1-2-3-1001, 0, 0, true"}) // session 0 has no user's desktop
    void neverAServiceAccountsTokenNorAnotherSessionsNorSessionZero(String sid, int tokenSession, int wanted, boolean refused) {
        assertThat(SessionTokens.refusal(sid, tokenSession, wanted).isPresent()).isEqualTo(refused);
    }

    @Test
    void theUsersEnvironmentBlockIsReadCaseInsensitively() {
        var env = SessionTokens.environment(List.of("USERPROFILE=C:\\Users\\alice", "Path=C:\\Windows", "=C:=C:\\",
                "PATH=second", "BROKEN"));
        assertThat(env).containsOnly(Map.entry("USERPROFILE", "C:\\Users\\alice"), Map.entry("Path", "C:\\Windows"),
                Map.entry("=C:", "C:\\"));
        assertThat(env.get("path")).isEqualTo("C:\\Windows");
    }

    @Test
    void theLaunchPlanTakesTheUsersEnvironmentUnderTheConfiguredEntries() {
        SessionRule.EnvironmentRecipe recipe = new SessionRule.EnvironmentRecipe(Optional.empty(), false,
                List.of("PATH=C:\\tools;%PATH%", "APP=1"));
        ServiceConfig config = new ServiceConfig("svc", Path.of("C:\\app\\gui.exe"), "", Path.of("C:\\app"),
                new TreeMap<>(Map.of("SERVICE_ONLY", "x")), new ExitActions(ExitAction.RESTART, Map.of()),
                Duration.ofMillis(1500), Duration.ZERO, new StopPolicy(Set.of(), Duration.ZERO, Duration.ZERO, Duration.ZERO,
                true), null, PauseMode.SUSPEND, new WindowsOptions(false, 0x20, ""));
        LaunchPlan plan = LaunchPlan.of(config, ConsoleMode.NO_WINDOW)
                .onEnvironment(Map.of("Path", "C:\\Windows", "USERNAME", "alice"), recipe);
        assertThat(plan.environment().variables()).containsOnly(Map.entry("APP", "1"),
                Map.entry("Path", "C:\\tools;C:\\Windows"), Map.entry("USERNAME", "alice"));
        // A GUI program's first window must not be hidden: no STARTF_USESHOWWINDOW with SW_HIDE.
        assertThat(plan.startupFlags() & Kernel32Ex.STARTF_USESHOWWINDOW).isZero();
    }

    @Test
    void theLinkedTokenStructureIsOneHandle() {
        assumeTrue(Native.POINTER_SIZE == 8, "the x64 layout needs a 64-bit JVM");
        assertThat(new Advapi32Ex.TOKEN_LINKED_TOKEN().size()).isEqualTo(8);
    }
}
