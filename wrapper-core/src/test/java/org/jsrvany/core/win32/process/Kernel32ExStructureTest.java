package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Structure sizes and offsets as on Windows x64. JNA lays structures out on any OS. */
class Kernel32ExStructureTest {

    @BeforeEach
    void only64Bit() {
        assumeTrue(Native.POINTER_SIZE == 8, "the x64 layout needs a 64-bit JVM");
    }

    @Test
    void basicLimitInformationIs64BytesWithLimitFlagsAt16() {
        Kernel32Ex.JOBOBJECT_BASIC_LIMIT_INFORMATION basic = new Kernel32Ex.JOBOBJECT_BASIC_LIMIT_INFORMATION();

        assertThat(basic.size()).isEqualTo(64);
        assertThat(basic.offsetOf("LimitFlags")).isEqualTo(16);
        assertThat(basic.offsetOf("Affinity")).isEqualTo(48);
    }

    @Test
    void ioCountersAre48Bytes() {
        assertThat(new Kernel32Ex.IO_COUNTERS().size()).isEqualTo(48);
    }

    @Test
    void extendedLimitInformationIs144Bytes() {
        Kernel32Ex.JOBOBJECT_EXTENDED_LIMIT_INFORMATION ext = new Kernel32Ex.JOBOBJECT_EXTENDED_LIMIT_INFORMATION();

        assertThat(ext.size()).isEqualTo(144);
        assertThat(ext.offsetOf("IoInfo")).isEqualTo(64);
        assertThat(ext.offsetOf("ProcessMemoryLimit")).isEqualTo(112);
        assertThat(ext.offsetOf("PeakJobMemoryUsed")).isEqualTo(136);
    }

    @Test
    void processCreationStructuresHaveTheirX64Sizes() {
        assertThat(new WinBase.STARTUPINFO().size()).isEqualTo(104);
        assertThat(new WinBase.PROCESS_INFORMATION().size()).isEqualTo(24);
        assertThat(new WinBase.SECURITY_ATTRIBUTES().size()).isEqualTo(24);
    }
}
