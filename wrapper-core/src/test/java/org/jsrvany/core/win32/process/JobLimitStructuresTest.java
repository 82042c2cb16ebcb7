package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job structures of the limits, the accounting and the notifications, at their documented x64 sizes
 * (winnt.h; learn.microsoft.com's pages of each structure). JNA lays them out on any OS.
 */
class JobLimitStructuresTest {

    @BeforeEach
    void only64Bit() {
        assumeTrue(Native.POINTER_SIZE == 8, "the x64 layout needs a 64-bit JVM");
    }

    @Test
    void basicAccountingInformationIs48Bytes() {
        assertThat(new Kernel32Ex.JOBOBJECT_BASIC_ACCOUNTING_INFORMATION().size()).isEqualTo(48);
    }

    @Test
    void associateCompletionPortIsAKeyThenAHandle16Bytes() {
        Kernel32Ex.JOBOBJECT_ASSOCIATE_COMPLETION_PORT port = new Kernel32Ex.JOBOBJECT_ASSOCIATE_COMPLETION_PORT();
        assertThat(port.size()).isEqualTo(16);
        assertThat(port.offsetOf("CompletionPort")).isEqualTo(8);
    }

    @Test
    void cpuRateControlIsTwoDwords() {
        assertThat(new Kernel32Ex.JOBOBJECT_CPU_RATE_CONTROL_INFORMATION().size()).isEqualTo(8);
    }

    @Test
    void theJobMemoryLimitSitsAt120OfTheExtendedLimits() {
        assertThat(new Kernel32Ex.JOBOBJECT_EXTENDED_LIMIT_INFORMATION().offsetOf("JobMemoryLimit")).isEqualTo(120);
    }

    @Test
    void processMemoryCountersAre72BytesWithTheWorkingSetAt16AndCountItself() {
        Kernel32Ex.PROCESS_MEMORY_COUNTERS c = new Kernel32Ex.PROCESS_MEMORY_COUNTERS();
        assertThat(c.size()).isEqualTo(72);
        assertThat(c.offsetOf("WorkingSetSize")).isEqualTo(16);
        assertThat(c.cb).isEqualTo(72);
    }
}
