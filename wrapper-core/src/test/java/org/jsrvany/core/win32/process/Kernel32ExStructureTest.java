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

    @Test
    void startupInfoExIs112BytesWithTheAttributeListAt104AndCountsItselfInCb() {
        Kernel32Ex.STARTUPINFOEX ex = new Kernel32Ex.STARTUPINFOEX();

        assertThat(ex.size()).isEqualTo(112);
        assertThat(ex.offsetOf("lpAttributeList")).isEqualTo(104);
        assertThat(ex.StartupInfo.cb.intValue()).as("cb = sizeof(STARTUPINFOEXW)").isEqualTo(112);
    }

    @Test
    void groupAffinityIs16BytesWithTheGroupAt8() {
        Kernel32Ex.GROUP_AFFINITY affinity = new Kernel32Ex.GROUP_AFFINITY();

        assertThat(affinity.size()).isEqualTo(16);
        assertThat(affinity.offsetOf("Group")).isEqualTo(8);
        assertThat(affinity.offsetOf("Reserved")).isEqualTo(10);
    }

    @Test
    void attributeKeysAreTheDocumentedValues() {
        // ProcThreadAttributeValue(number, thread, input, additive) = number | thread << 16 | input << 17.
        assertThat(Kernel32Ex.PROC_THREAD_ATTRIBUTE_HANDLE_LIST).isEqualTo(2 | 0x20000);
        assertThat(Kernel32Ex.PROC_THREAD_ATTRIBUTE_GROUP_AFFINITY).isEqualTo(3 | 0x10000 | 0x20000);
    }
}
