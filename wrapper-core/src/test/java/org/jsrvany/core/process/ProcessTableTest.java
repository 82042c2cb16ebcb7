package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessTableTest {
    /** A real stat line shape: 52 fields, start time is field 22. */
    private static String stat(long pid, String name, char state, long ppid, long pgid, long sid, long start) {
        return pid + " (" + name + ") " + state + " " + ppid + " " + pgid + " " + sid
                + " 0 -1 4194304 100 0 0 0 1 2 0 0 20 0 1 0 " + start + " 2000000 300 18446744073709551615 1 1 0 0 0 0"
                + " 0 0 0 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
    }

    @Test
    void parsesTheFieldsAfterTheLastParenthesis() {
        assertThat(ProcEntry.parse(stat(42, "a (b) c", 'S', 1, 42, 40, 987654)))
                .contains(new ProcEntry(42, "a (b) c", 'S', 1, 42, 40, 987654));
        assertThat(ProcEntry.parse(stat(7, "x", 'Z', 3, 3, 3, 5)).map(ProcEntry::zombie)).contains(true);
        assertThat(ProcEntry.parse(stat(7, "x", 't', 3, 3, 3, 5)).map(ProcEntry::stopped)).contains(true);
        assertThat(ProcEntry.parse("7 (x) S 1 2")).isEmpty();
        assertThat(ProcEntry.parse("garbage")).isEmpty();
        assertThat(ProcEntry.parse("")).isEmpty();
    }

    @Test
    void aTreeIsTheRootsAndEverythingWhoseParentsLeadToThem() {
        ProcessTable table = new ProcessTable(List.of(
                entry(1, 0), entry(100, 1), entry(101, 100), entry(102, 101), entry(103, 100),
                entry(200, 1), entry(201, 200), entry(300, 1)));
        assertThat(table.tree(List.of(100L)).stream().map(ProcEntry::pid)).containsExactlyInAnyOrder(100L, 101L, 102L, 103L);
        assertThat(table.tree(List.of(101L, 200L)).stream().map(ProcEntry::pid)).containsExactlyInAnyOrder(101L, 102L, 200L, 201L);
        assertThat(table.tree(List.of(999L))).isEmpty();
        assertThat(table.childrenOf(1).stream().map(ProcEntry::pid)).containsExactlyInAnyOrder(100L, 200L, 300L);
        assertThat(table.get(102)).map(ProcEntry::ppid).isEqualTo(Optional.of(101L));
    }

    @Test
    void thisProcessIsInTheRealTable() {
        long self = ProcessHandle.current().pid();
        ProcEntry me = ProcessTable.read(self).orElseThrow();
        assertThat(me.pid()).isEqualTo(self);
        assertThat(me.ppid()).isEqualTo(ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L));
        assertThat(ProcessTable.read().get(self)).map(ProcEntry::startTime).contains(me.startTime());
    }

    private static ProcEntry entry(long pid, long ppid) {
        return new ProcEntry(pid, "p" + pid, 'S', ppid, pid, pid, pid * 10);
    }
}
