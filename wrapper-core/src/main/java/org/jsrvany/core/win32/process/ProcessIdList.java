package org.jsrvany.core.win32.process;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code JOBOBJECT_BASIC_PROCESS_ID_LIST}: {@code NumberOfAssignedProcesses} (DWORD at 0),
 * {@code NumberOfProcessIdsInList} (DWORD at 4), then pointer-sized ids from offset 8. Pure.
 */
final class ProcessIdList {
    static final int HEADER = 8;

    private ProcessIdList() {
    }

    /** Bytes for a list of {@code count} ids. */
    static int bytesFor(int count, int pointerSize) {
        return HEADER + Math.max(1, count) * pointerSize;
    }

    /** {@code NumberOfAssignedProcesses}: how many the job has (may exceed what the buffer held). */
    static int assigned(ByteBuffer buffer) {
        return buffer.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    }

    /** The ids the buffer holds. */
    static int[] ids(ByteBuffer buffer, int pointerSize) {
        ByteBuffer b = buffer.order(ByteOrder.LITTLE_ENDIAN);
        int inList = b.getInt(4);
        int[] ids = new int[inList];
        for (int i = 0; i < inList; i++) {
            int at = HEADER + i * pointerSize;
            ids[i] = pointerSize == 8 ? (int) b.getLong(at) : b.getInt(at);
        }
        return ids;
    }
}
