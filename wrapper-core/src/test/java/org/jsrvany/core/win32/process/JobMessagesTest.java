package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsrvany.core.process.LimitBreach;
import org.junit.jupiter.api.Test;

class JobMessagesTest {
    private static final long MIB_64 = 64L << 20;

    @Test
    void theJobMemoryLimitMessageIsAMemoryBreachNamingThePidAndTheLimit() {
        LimitBreach b = JobMessages.breach(Kernel32Ex.JOB_OBJECT_MSG_JOB_MEMORY_LIMIT, 4242, MIB_64).orElseThrow();
        assertThat(b.kind()).isEqualTo(LimitBreach.Kind.MEMORY);
        assertThat(b.detail()).isEqualTo("pid 4242 asked for more memory than the tree's limit of 64 MiB allows");
        assertThat(JobMessages.breach(Kernel32Ex.JOB_OBJECT_MSG_JOB_MEMORY_LIMIT, 0, MIB_64).orElseThrow().detail())
                .startsWith("a process of the tree ");
    }

    @Test
    void aPerProcessLimitOfAParentJobIsAMemoryBreachToo() {
        assertThat(JobMessages.breach(Kernel32Ex.JOB_OBJECT_MSG_PROCESS_MEMORY_LIMIT, 7, MIB_64))
                .hasValueSatisfying(b -> assertThat(b.kind()).isEqualTo(LimitBreach.Kind.MEMORY));
    }

    @Test
    void theOtherMessagesAreNoBreach() {
        for (int message : new int[] {Kernel32Ex.JOB_OBJECT_MSG_END_OF_JOB_TIME, Kernel32Ex.JOB_OBJECT_MSG_END_OF_PROCESS_TIME,
                Kernel32Ex.JOB_OBJECT_MSG_ACTIVE_PROCESS_LIMIT, Kernel32Ex.JOB_OBJECT_MSG_ACTIVE_PROCESS_ZERO,
                Kernel32Ex.JOB_OBJECT_MSG_NEW_PROCESS, Kernel32Ex.JOB_OBJECT_MSG_EXIT_PROCESS,
                Kernel32Ex.JOB_OBJECT_MSG_ABNORMAL_EXIT_PROCESS, Kernel32Ex.JOB_OBJECT_MSG_NOTIFICATION_LIMIT, 0, 99}) {
            assertThat(JobMessages.breach(message, 1, MIB_64)).as("message %d", message).isEmpty();
        }
    }
}
