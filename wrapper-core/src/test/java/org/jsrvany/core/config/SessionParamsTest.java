package org.jsrvany.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AppSession, AppSessionUser, AppSessionElevated: read, validated, and the account rule the installer and service share. */
class SessionParamsTest {
    @TempDir
    Path dir;
    Path program;
    ConfigLoader loader;

    @BeforeEach
    void setUp() throws IOException {
        program = dir.resolve("app.sh");
        Files.writeString(program, "#!/bin/sh\n");
        program.toFile().setExecutable(true);
        loader = new ConfigLoader(Map.of("PATH", "/usr/bin", "HOME", "/home/svc"), false, w -> { });
    }

    private ServiceConfig load(String extra) throws Exception {
        Path file = dir.resolve("svc.properties");
        Files.writeString(file, "Application=" + program + "\n" + extra, StandardCharsets.UTF_8);
        return loader.load("svc", PropertiesSource.load(file));
    }

    private List<String> problems(String extra) {
        try {
            load(extra);
        } catch (ConfigException e) {
            return e.problems();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void theDefaultIsTheServicesOwnSession() throws Exception {
        assertThat(load("").windows().session()).isEqualTo(SessionRule.SERVICE);
    }

    @Test
    void consoleWithAUserAndTheElevatedTokenIsRead() throws Exception {
        SessionRule r = load("AppSession=console\nAppSessionUser= PC\\\\alice \nAppSessionElevated=1\n"
                + "AppEnvironmentExtra=PATH=C:\\\\tools;%PATH%\n").windows().session();
        assertThat(r.mode()).isEqualTo(SessionMode.CONSOLE);
        assertThat(r.user()).contains("PC\\alice");
        assertThat(r.elevated()).isTrue();
        // The entries are kept unexpanded: they are applied to the user's own environment at each launch.
        assertThat(r.environment()).isEqualTo(new SessionRule.EnvironmentRecipe(Optional.empty(), false,
                List.of("PATH=C:\\tools;%PATH%")));
    }

    @Test
    void activeIsRead() throws Exception {
        assertThat(load("AppSession=Active\n").windows().session().mode()).isEqualTo(SessionMode.ACTIVE);
    }

    @Test
    void badValuesAreNamedWithWhatIsExpected() {
        assertThat(problems("AppSession=desktop\n")).containsExactly("AppSession is 'desktop': expected Service, Console"
                + " or Active (Service runs the program in the service's own session, as before).");
        assertThat(problems("AppSessionUser=bob\n")).containsExactly("AppSessionUser is 'bob' but AppSession is Service,"
                + " where no user's session is used: set AppSession to Console or Active, or remove AppSessionUser.");
        assertThat(problems("AppSessionElevated=1\n")).containsExactly("AppSessionElevated is 1 but AppSession is"
                + " Service, where no user's token is used: set AppSession to Console or Active, or remove"
                + " AppSessionElevated.");
        assertThat(problems("AppSession=Console\nAppSessionUser=a\\\\b\\\\c\n")).containsExactly("AppSessionUser is"
                + " 'a\\b\\c': expected a user name, or DOMAIN\\name with one backslash.");
    }

    @ParameterizedTest(name = "{0} may run a program in a user's session: {1}")
    @CsvSource(delimiter = '|', value = {
            "LocalSystem|true", "localsystem|true", "NT AUTHORITY\\SYSTEM|true", ".\\LocalSystem|true", "''|true",
            "NT AUTHORITY\\LocalService|false", "NT AUTHORITY\\NetworkService|false", "NT SERVICE\\svc|false",
            ".\\alice|false"})
    void onlyLocalSystemMayUseAUsersSession(String account, boolean allowed) {
        assertThat(SessionRule.accountRefusal(SessionMode.CONSOLE, account).isEmpty()).isEqualTo(allowed);
        assertThat(SessionRule.accountRefusal(SessionMode.SERVICE, account)).isEmpty();
    }

    @Test
    void theRefusalSaysWhyAndWhatToDo() {
        assertThat(SessionRule.accountRefusal(SessionMode.ACTIVE, ".\\alice")).contains("AppSession Active runs the"
                + " program in a logged-on user's session with that user's token, which only LocalSystem may obtain"
                + " (WTSQueryUserToken needs SeTcbPrivilege, and jsrvany never grants that privilege to another account),"
                + " but the service runs as .\\alice: install it for LocalSystem (--account LocalSystem) or set"
                + " AppSession to Service.");
    }

    @ParameterizedTest(name = "rule user {0} accepts {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "''|PC\\alice|true", "alice|PC\\alice|true", "ALICE|other\\Alice|true", "PC\\alice|pc\\ALICE|true",
            "PC\\alice|OTHER\\alice|false", "bob|PC\\alice|false"})
    void theUserFilter(String ruleUser, String account, boolean accepted) {
        SessionRule r = new SessionRule(SessionMode.CONSOLE, Optional.of(ruleUser), false, SessionRule.EnvironmentRecipe.NONE);
        assertThat(r.accepts(account)).isEqualTo(accepted);
    }

    @Test
    void modeChoicesForMessages() {
        assertThat(SessionMode.choices()).isEqualTo("Service, Console or Active");
        assertThatThrownBy(() -> new SessionRule(null, Optional.empty(), false, SessionRule.EnvironmentRecipe.NONE))
                .isInstanceOf(NullPointerException.class);
    }
}
