package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads of a paced pipe against a scripted stream, an injected clock and a recorded wait: no real sleeping. */
class PacedInputStreamTest {

    private long now = 1_000_000;
    private final List<Long> waits = new ArrayList<>();
    private final List<PacedInputStream> busy = new ArrayList<>();

    /** Each read returns the next scripted count of bytes (filled with a running counter), and takes {@code costs} ns. */
    private final class Scripted extends InputStream {
        private final Deque<Integer> counts = new ArrayDeque<>();
        private final Deque<Long> costs = new ArrayDeque<>();
        private int next;

        Scripted add(int count, long nanos) {
            counts.add(count);
            costs.add(nanos);
            return this;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (counts.isEmpty()) {
                return -1;
            }
            now += costs.poll();
            int n = Math.min(len, counts.poll());
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) next++;
            }
            return n;
        }
    }

    private PacedInputStream paced(InputStream in, int capacity) {
        return new PacedInputStream(in, capacity, busy::add, () -> now, nanos -> {
            waits.add(nanos);
            now += nanos;
        });
    }

    @Test
    void afterAReadThatEmptiedTheBusyPipeTheNextWaitsAsReadPacingSays() throws IOException {
        PacedInputStream in = paced(new Scripted().add(4096, 10_000).add(60_000, 5_000).add(65_536, 5_000).add(10, 5_000),
                1 << 20);
        byte[] buffer = new byte[65_536];
        assertThat(in.read(buffer)).isEqualTo(4096);
        assertThat(waits).isEmpty(); // the wait comes before the next read, after the caller wrote what it got
        now += 200_000; // the caller's own work counts as waiting
        assertThat(in.read(buffer)).isEqualTo(60_000);
        assertThat(waits).containsExactly(ReadPacing.MAX_PAUSE_NANOS - 200_000);
        assertThat(in.read(buffer)).isEqualTo(65_536); // a full buffer: no wait before the next
        assertThat(in.read(buffer)).isEqualTo(10);
        assertThat(waits).hasSize(2);
        assertThat(in.read(buffer)).isEqualTo(-1);
    }

    @Test
    void untilTheCapacityIsKnownNoReadWaitsAndNothingIsLostOrReordered() throws IOException {
        PacedInputStream in = paced(new Scripted().add(100, 10_000).add(100, 10_000).add(100, 10_000).add(100, 10_000), 0);
        byte[] all = new byte[400];
        int off = in.read(all, 0, 400);
        off += in.read(all, off, 400 - off);
        assertThat(waits).isEmpty();
        in.capacity(1 << 20); // known now (the control enlarged the pipe meanwhile)
        off += in.read(all, off, 400 - off);
        off += in.read(all, off, 400 - off);
        assertThat(off).isEqualTo(400);
        assertThat(waits).hasSize(1);
        for (int i = 0; i < 400; i++) {
            assertThat(all[i]).isEqualTo((byte) i);
        }
    }

    @Test
    void theFirstReadOfABusyProgramTellsOnceAndOnlyThen() throws IOException {
        PacedInputStream in = paced(new Scripted().add(100, 10_000).add(PacedInputStream.BUSY - 1, 10_000)
                .add(PacedInputStream.BUSY, 10_000).add(PacedInputStream.BUSY * 2, 10_000), 0);
        byte[] buffer = new byte[4 * PacedInputStream.BUSY];
        in.read(buffer);
        in.read(buffer);
        assertThat(busy).as("a program that writes less than a default pipe holds costs nothing").isEmpty();
        in.read(buffer);
        assertThat(busy).containsExactly(in);
        in.read(buffer);
        assertThat(busy).hasSize(1);
    }
}
