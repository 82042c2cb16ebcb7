package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PosixLaunchFailureTest {
    private static final String E2BIG = "Cannot run program \"/usr/bin/setsid\" (in directory \"/srv\"): error=7,"
            + " Argument list too long";
    private static final int BIG = PosixLaunchFailure.MAX_ONE_STRING;

    static Stream<Arguments> cases() {
        return Stream.of(
                // JVM message, arguments, environment, the sentence's part that names the culprit
                Arguments.of("Cannot run program \"setsid\": error=13, Permission denied", List.of("a"), Map.of("A", "1"),
                        "The program /srv/app could not be started: Cannot run program \"setsid\": error=13, Permission denied"),
                Arguments.of(E2BIG, List.of("x", "y".repeat(BIG)), Map.of("A", "1"),
                        "shorten AppParameters: one of its arguments is " + (BIG + 1) + " bytes, and Linux allows at most "
                                + BIG + " bytes per argument."),
                Arguments.of(E2BIG, List.of("x"), Map.of("HUGE", "v".repeat(BIG)),
                        "shorten the environment variable HUGE (AppEnvironment or AppEnvironmentExtra, or the wrapper's"
                                + " own environment it inherits): it is " + (BIG + 6) + " bytes"),
                Arguments.of(E2BIG, List.of("a".repeat(100_000), "b".repeat(100_000)), Map.of("A", "1"),
                        "shorten AppParameters: its arguments take 200002 bytes and the environment 4"),
                Arguments.of(E2BIG, List.of("x"), Map.of("A", "1".repeat(100_000), "B", "2".repeat(100_000)),
                        "shorten the environment (AppEnvironment, AppEnvironmentExtra, or the wrapper's own environment it"
                                + " inherits): it takes 200006 bytes and the arguments 2"));
    }

    @ParameterizedTest(name = "{index}: {3}")
    @MethodSource("cases")
    void namesTheParameterToShorten(String jvm, List<String> args, Map<String, String> env, String expected) {
        String sentence = PosixLaunchFailure.explain("/srv/app", jvm, args, env);
        assertThat(sentence).contains(expected);
        if (jvm.contains("error=7")) {
            assertThat(sentence).startsWith("Linux refused to start the program /srv/app because its arguments and"
                    + " environment are too long (E2BIG, \"Argument list too long\"): ");
        }
    }
}
