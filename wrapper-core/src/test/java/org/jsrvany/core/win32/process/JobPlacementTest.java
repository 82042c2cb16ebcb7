package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where the child's job goes when the wrapper itself may run in a job. */
class JobPlacementTest {

    /**
     * Columns: whether the wrapper is in a job; the outer job's limit flags (BREAKAWAY_OK 0x800,
     * SILENT_BREAKAWAY_OK 0x1000, KILL_ON_JOB_CLOSE 0x2000); whether Windows nests jobs; the placement.
     */
    @ParameterizedTest(name = "in a job {0}, flags 0x{1}, nested {2} -> {3}")
    @CsvSource({
        "false, 0,    true,  OWN_JOB",
        "false, 0,    false, OWN_JOB",
        "true,  1000, false, OWN_JOB",
        "true,  1800, false, OWN_JOB",
        "true,  0,    true,  NESTED",
        "true,  2000, true,  NESTED",
        "true,  800,  true,  NESTED",
        "true,  800,  false, BREAKAWAY",
        "true,  2800, false, BREAKAWAY",
        "true,  0,    false, UNCONTAINED",
        "true,  2000, false, UNCONTAINED",
    })
    void decidesFromTheOuterJobAndTheWindowsVersion(boolean inJob, String flags, boolean nested, JobPlacement expected) {
        OptionalInt outer = inJob ? OptionalInt.of(Integer.parseInt(flags, 16)) : OptionalInt.empty();

        assertThat(JobPlacement.decide(outer, nested)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> creation flag 0x{1}, contained {2}")
    @CsvSource({
        "OWN_JOB,     0,       true",
        "NESTED,      0,       true",
        "BREAKAWAY,   1000000, true",
        "UNCONTAINED, 0,       false",
    })
    void onlyBreakawayAddsACreationFlagAndOnlyUncontainedGoesWithoutAJob(JobPlacement p, String flag, boolean contained) {
        assertThat(p.creationFlag()).isEqualTo(Integer.parseInt(flag, 16));
        assertThat(p.contained()).isEqualTo(contained);
    }

    @ParameterizedTest(name = "os.version {0} -> nested jobs {1}")
    @CsvSource({
        "6.1,     false",
        "6.0,     false",
        "5.2,     false",
        "6.2,     true",
        "6.3,     true",
        "10.0,    true",
        "'',      true",
        "unknown, true",
    })
    void windows8AndLaterNestJobs(String osVersion, boolean nested) {
        assertThat(JobPlacement.nestedJobs(osVersion)).isEqualTo(nested);
    }

    @org.junit.jupiter.api.Test
    void theWarningSaysWhatIsLostAndWhatToDo() {
        assertThat(JobPlacement.uncontainedWarning(42)).contains("pid 42", "not contained", "no nested jobs",
                "JOB_OBJECT_LIMIT_BREAKAWAY_OK");
    }
}
