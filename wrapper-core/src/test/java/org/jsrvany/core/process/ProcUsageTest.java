package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcUsageTest {
    @Test
    void cpuTicksAreUtimePlusStimeCountedAfterTheLastParenthesis() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "4242 (a (weird) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 70 0 0 20 0 1 0 12345 0 0";
        assertThat(ProcUsage.cpuTicks(stat)).isEqualTo(OptionalLong.of(320));
        assertThat(ProcUsage.cpuTicks("garbage")).isEmpty();
    }

    @Test
    void residentBytesComeFromVmRssInKib() {
        String status = "Name:\tjava\nVmPeak:\t  99999 kB\nVmRSS:\t   2048 kB\nThreads:\t5\n";
        assertThat(ProcUsage.residentBytes(status)).isEqualTo(OptionalLong.of(2048L * 1024));
        assertThat(ProcUsage.residentBytes("Name:\tkthreadd\nState:\tS\n")).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void thisJvmUsesMemoryAndCpu() {
        long self = ProcessHandle.current().pid();
        TreeUsage u = ProcUsage.of(List.of(self, 999_999_999L));
        assertThat(u.pids()).containsExactly(self, 999_999_999L);
        assertThat(u.memoryBytes().orElseThrow()).isGreaterThan(1024L * 1024);
        assertThat(u.cpuTime()).isGreaterThan(Duration.ZERO);
    }
}
