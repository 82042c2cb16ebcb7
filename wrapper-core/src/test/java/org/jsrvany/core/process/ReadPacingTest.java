package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The wait before the next read of a child's pipe: a table of cases. */
class ReadPacingTest {

    private static final int MIB = 1 << 20;
    private static final int KIB64 = 64 * 1024;
    private static final int ASKED = 256 * 1024;

    @ParameterizedTest(name = "{5}: got {0} of {1} in {2} ns, pipe {3} -> wait {4} ns")
    @CsvSource(textBlock = """
            # got, asked, since ns, capacity, wait ns, what
            4096,   262144, 10000,      0,        0, 'capacity not known: never wait (a small pipe would stop the program)'
            0,      262144, 10000,      1048576,  0, 'nothing read'
            -1,     262144, 10000,      1048576,  0, 'the end'
            262144, 262144, 10000,      1048576,  0, 'the buffer is full: more may be waiting, read again at once'
            4096,   262144, 10000,      1048576,  1000000, '400 MB/s: half of 1 MiB takes 1.3 ms, the longest wait is 1 ms'
            500000, 262144, 400000,     1048576,  0, '(got more than asked cannot happen; treated as full)'
            200000, 262144, 400000,     1048576,  1000000, '500 MB/s: 1.05 ms to half-fill, capped'
            250000, 262144, 200000,     1048576,  419430, '1.25 GB/s: waits until half full, 0.42 ms'
            4096,   262144, 10000,      65536,    0, 'a default 64 KiB pipe at 400 MB/s half-fills in 80 us: not worth a sleep'
            4096,   262144, 20000,      65536,    160000, 'at 200 MB/s it takes 160 us'
            10,     262144, 1000000000, 65536,    1000000, 'a quiet program: a line a second waits 1 ms at most'
            """)
    void pause(int got, int asked, long since, int capacity, long expected, String what) {
        assertThat(ReadPacing.pauseNanos(got, asked, since, capacity)).isEqualTo(expected);
    }

    /** Whatever the rate, what the program writes during the wait fits into half of the pipe. */
    @ParameterizedTest(name = "pipe {0}")
    @CsvSource({"65536", "1048576", "4096"})
    void theProgramNeverFillsMoreThanHalfThePipeWhileTheReaderWaits(int capacity) {
        for (int got = 1; got < ASKED; got = got * 3 + 1) {
            for (long since = 1; since < 5_000_000_000L; since = since * 7 + 3) {
                long wait = ReadPacing.pauseNanos(got, ASKED, since, capacity);
                assertThat(wait).isBetween(0L, ReadPacing.MAX_PAUSE_NANOS);
                double writtenMeanwhile = (double) got / since * wait;
                assertThat(writtenMeanwhile).as("got %d in %d ns", got, since).isLessThanOrEqualTo(capacity / 2.0 + 1);
            }
        }
        assertThat(KIB64).isLessThan(MIB);
    }
}
