package org.jsrvany.core.win32.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

/** {@code WTS_SESSION_INFOW} as on Windows x64 (wtsapi32.h). JNA lays structures out on any OS. */
class SessionStructureTest {

    @Test
    void sessionInfoIs24BytesWithTheNameAt8AndTheStateAt16() {
        assumeTrue(Native.POINTER_SIZE == 8, "the x64 layout needs a 64-bit JVM");
        Wtsapi32Ex.WTS_SESSION_INFOW info = new Wtsapi32Ex.WTS_SESSION_INFOW();
        assertThat(info.size()).isEqualTo(24);
        assertThat(info.offsetOf("SessionId")).isZero();
        assertThat(info.offsetOf("pWinStationName")).isEqualTo(8);
        assertThat(info.offsetOf("State")).isEqualTo(16);
    }

    @Test
    void aLuidAndAttributesIs12Bytes() {
        // LUID { DWORD LowPart; LONG HighPart } + DWORD Attributes: no padding (4-byte alignment).
        assertThat(Advapi32Ex.LUID_AND_ATTRIBUTES_SIZE).isEqualTo(new com.sun.jna.platform.win32.WinNT.LUID_AND_ATTRIBUTES().size());
    }
}
