package org.jsrvany.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.stream.Stream;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract between the service and the installer: the codes the SCM hears, and what they mean. */
class ScmExitCodeTest {

    static Stream<Arguments> outcomes() {
        return Stream.of(
                Arguments.of(new ServiceOutcome.StoppedOnRequest(), 0, 0),
                Arguments.of(new ServiceOutcome.ChildExited(0), 0, 0),
                Arguments.of(new ServiceOutcome.ChildExited(7), 1066, 7),
                Arguments.of(new ServiceOutcome.Suicide(9), 1066, 9),
                Arguments.of(new ServiceOutcome.LaunchFailed("x", OptionalInt.of(2)), 2, 0),
                Arguments.of(new ServiceOutcome.LaunchFailed("x", OptionalInt.empty()), 1066, 0x20000004),
                Arguments.of(new ServiceOutcome.WrapperFailed("x"), 1066, 0x20000001));
    }

    @ParameterizedTest(name = "{0} -> {1}/{2}")
    @MethodSource("outcomes")
    void eachOutcomeHasItsCodes(ServiceOutcome outcome, int win32, int specific) {
        assertThat(ScmExitCode.of(outcome)).isEqualTo(new ScmExitCode(win32, specific));
    }

    @Test
    void anInvalidConfigurationHasItsOwnCode() {
        assertThat(ScmExitCode.configInvalid()).isEqualTo(new ScmExitCode(1066, 0x20000003));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(delimiter = '|', value = {
            "0    | 0          | exit code 0",
            "1066 | 536870915  | its configuration is invalid (service-specific code 0x20000003): run 'jsrvany test My Svc'",
            "1066 | 536870916  | the program could not be started (service-specific code 0x20000004): run 'jsrvany test My Svc'",
            "1066 | 536870913  | the wrapper itself failed (service-specific code 0x20000001)",
            "1066 | 3          | the program exited with code 3 and its AppExit action ended the service",
            "1066 | -1073741819 | the program exited with code 3221225477 (0xC0000005)",
            "2    | 0          | Windows error 2: the program was not found (check Application with 'jsrvany get My Svc Application')",
            "193  | 0          | Windows error 193: the program is not a valid Windows program",
            "1077 | 0          | not started since it was installed",
            "4242 | 0          | Windows error 4242"})
    void theInstallerExplainsEveryCode(int win32, int specific, String expected) {
        assertThat(new ScmExitCode(win32, specific).explain("My Svc")).startsWith(expected);
    }
}
