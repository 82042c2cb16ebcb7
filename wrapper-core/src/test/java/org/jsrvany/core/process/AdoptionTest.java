package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdoptionTest {
    private static final long WRAPPER = 1000;
    private static final long WRAPPER_SID = 900;
    private static final ProcEntry WRAPPER_ENTRY = new ProcEntry(WRAPPER, "java", 'S', 1, WRAPPER_SID, WRAPPER_SID, 1);
    /** This run's main process is 2000 (a session of its own); another run's is 3000. */
    private static final Adoption.Run RUN = new Adoption.Run(2000, Set.of(new Adoption.Identity(2500, 77)));
    private static final Adoption.Run OTHER = new Adoption.Run(3000, Set.of(new Adoption.Identity(3500, 88)));
    private static final Set<Long> OWN = Set.of(2000L, 3000L, 1500L);

    private static ProcEntry child(long pid, long sid, long start) {
        return new ProcEntry(pid, "c", 'S', WRAPPER, sid, sid, start);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // child of the wrapper, other runs held, belongs to RUN?
                Arguments.of("seen before in this run's tree", child(2500, 2600, 77), List.of(OTHER), true),
                Arguments.of("same pid, another start time (a reused pid), in the wrapper's session", child(2500, 900, 78), List.of(), false),
                Arguments.of("still in the main process's session (setpgid, plain orphan)", child(2700, 2000, 5),
                        List.of(OTHER), true),
                Arguments.of("a new session and no other run: a daemon of this run", child(2800, 2800, 5), List.of(), true),
                Arguments.of("a new session beside another run: cannot tell", child(2800, 2800, 5), List.of(OTHER), false),
                Arguments.of("seen in the other run's tree", child(3500, 3500, 88), List.of(OTHER), false),
                Arguments.of("in the other run's session", child(3600, 3000, 5), List.of(OTHER), false),
                Arguments.of("started by the JVM in its own session", child(1600, WRAPPER_SID, 5), List.of(), false),
                Arguments.of("a main process", child(2000, 2000, 5), List.of(), false),
                Arguments.of("a watchdog (own session, started by the wrapper)", child(1500, 1500, 5), List.of(), false));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("cases")
    void decidesWhichRunAnAdoptedProcessCameFrom(String what, ProcEntry child, List<Adoption.Run> others, boolean belongs) {
        assertThat(Adoption.belongsTo(child, WRAPPER_ENTRY, OWN, RUN, others)).isEqualTo(belongs);
    }
}
