package org.jsrvany.core.win32.scm;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The structures' layouts (x64 sizes as documented and as measured under Wine), checked on Linux. */
class Advapi32ExStructureTest {
    @Test
    void sizesOnA64BitJvm() {
        assertThat(Native.POINTER_SIZE).isEqualTo(8);
        assertThat(new WinsvcEx.QUERY_SERVICE_CONFIG().size()).isEqualTo(64);
        try (Memory m = new Memory(64)) {
            m.clear();
            m.setPointer(16, m.share(1));
            m.setPointer(40, m.share(2));
            m.setPointer(56, m.share(3));
            WinsvcEx.QUERY_SERVICE_CONFIG q = new WinsvcEx.QUERY_SERVICE_CONFIG(m);
            assertThat(q.lpBinaryPathName).isEqualTo(m.share(1));
            assertThat(q.lpDependencies).isEqualTo(m.share(2));
            assertThat(q.lpDisplayName).isEqualTo(m.share(3));
        }
        assertThat(new WinsvcEx.SERVICE_FAILURE_ACTIONS().size()).isEqualTo(40);
        try (Memory m = new Memory(40)) {
            m.clear();
            m.setInt(24, 3);
            m.setPointer(32, m.share(5));
            WinsvcEx.SERVICE_FAILURE_ACTIONS f = new WinsvcEx.SERVICE_FAILURE_ACTIONS(m);
            assertThat(f.cActions).isEqualTo(3);
            assertThat(f.lpsaActions).isEqualTo(m.share(5));
        }
        assertThat(new WinsvcEx.SC_ACTION().size()).isEqualTo(8);
        assertThat(new WinsvcEx.SERVICE_DESCRIPTION().size()).isEqualTo(8);
        assertThat(new WinsvcEx.DWORD_INFO().size()).isEqualTo(4);
        assertThat(new WinsvcEx.LSA_UNICODE_STRING().size()).isEqualTo(16);
        assertThat(new WinsvcEx.LSA_OBJECT_ATTRIBUTES().size()).isEqualTo(48);
    }

    @Test
    void multiStringsAreDoubleNulTerminated() {
        try (WideMemory m = WideMemory.multi(List.of("Tcpip", "+Group"))) {
            assertThat(m.pointer().getShort(26)).isZero();
            assertThat(WideMemory.readMulti(m.pointer())).containsExactly("Tcpip", "+Group");
        }
        try (WideMemory empty = WideMemory.multi(List.of())) {
            assertThat(empty.pointer().getInt(0)).isZero();
            assertThat(WideMemory.readMulti(empty.pointer())).isEmpty();
        }
        assertThat(WideMemory.readMulti(null)).isEmpty();
    }

    @Test
    void aPasswordIsWipedOnClose() {
        WideMemory pw = WideMemory.of("s3cret".toCharArray());
        Memory m = (Memory) pw.pointer();
        assertThat(WideMemory.readString(m)).isEqualTo("s3cret");
        assertThat(m.getShort(2)).isEqualTo((short) '3');
        pw.close();
        pw.close();
    }
}
