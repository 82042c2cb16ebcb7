package org.jsrvany.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RotationRulesTest {

    @ParameterizedTest(name = "size={0} since={1} unit={2} limit={3} start={4} now={5} period={6} -> {7}")
    @CsvSource({
            // no limits
            "500, 500, 10,   0,    0,    0,    0, NONE",
            // size: the file may reach the limit exactly, not pass it
            "  0,   0, 10, 100,    0,    0,    0, NONE",
            " 90,  90, 10, 100,    0,    0,    0, NONE",
            " 91,  91, 10, 100,    0,    0,    0, ROTATE",
            // a unit larger than the limit goes into an empty file rather than rotating forever
            "  0,   0, 500, 100,   0,    0,    0, NONE",
            " 50,  50, 500, 100,   0,    0,    0, ROTATE",
            // after a failed rotation the count restarts although the file is big
            "900,   0, 10, 100,    0,    0,    0, NONE",
            // period: due when a whole period has passed
            " 10,  10,  5,   0, 1000, 1999, 1000, NONE",
            " 10,  10,  5,   0, 1000, 2000, 1000, ROTATE",
            // period over but the file is empty: nothing to rotate, start a new period
            "  0,   0,  5,   0, 1000, 5000, 1000, RESTART_PERIOD",
            // either limit suffices
            " 95,  95, 10, 100, 1000, 1001, 1000, ROTATE",
    })
    void online(long size, long since, int unit, long limit, long start, long now, long period,
                RotationRules.Online expected) {
        assertThat(RotationRules.online(size, since, unit, limit, start, now, period)).isEqualTo(expected);
    }

    /**
     * The room for a unit of several lines agrees with the rule for one line: a unit that fills the room
     * exactly goes into the current file, one byte more rotates first (once the file has taken anything).
     */
    @ParameterizedTest(name = "since={0} limit={1} -> room {2}")
    @CsvSource({
            "  0, 100, 100",
            "  1, 100,  99",
            " 90, 100,  10",
            "100, 100,   0",
            "150, 100,   0", // appended to a file already past the limit
            " 50,   0, " + Long.MAX_VALUE,
    })
    void room(long since, long limit, long expected) {
        long room = RotationRules.room(since, limit);
        assertThat(room).isEqualTo(expected);
        if (limit > 0) {
            assertThat(RotationRules.online(since, since, (int) room, limit, 0, 0, 0))
                    .isEqualTo(since > limit ? RotationRules.Online.ROTATE : RotationRules.Online.NONE);
            if (since > 0) {
                assertThat(RotationRules.online(since, since, (int) room + 1, limit, 0, 0, 0))
                        .isEqualTo(RotationRules.Online.ROTATE);
            }
        }
    }

    @ParameterizedTest(name = "size={0} modified={1} now={2} minAge={3} limit={4} -> {5}")
    @CsvSource({
            "  0,    0, 10000,    0,   0, false", // empty: nothing to keep apart
            " 10,    0, 10000,    0,   0, true",
            " 10, 9500, 10000, 1000,   0, false", // written 0.5 s ago, minimum age 1 s
            " 10, 9000, 10000, 1000,   0, true",  // exactly old enough
            " 10, 9999, 10000,    0,   0, true",  // zero minimum age: always
            " 99,    0, 10000,    0, 100, false", // NSSM: smaller than AppRotateBytes stays
            "100,    0, 10000,    0, 100, true",
    })
    void atStart(long size, long modified, long now, long minAge, long limit, boolean expected) {
        assertThat(RotationRules.atStart(size, modified, now, minAge, limit)).isEqualTo(expected);
    }
}
