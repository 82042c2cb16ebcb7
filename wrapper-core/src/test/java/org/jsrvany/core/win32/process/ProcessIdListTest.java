package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** {@code JOBOBJECT_BASIC_PROCESS_ID_LIST} decoding, as laid out on x64 and on 32-bit Windows. */
class ProcessIdListTest {

    @Test
    void decodesPointerSizedIdsOnX64() {
        ByteBuffer b = ByteBuffer.allocate(ProcessIdList.bytesFor(3, 8)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 3).putInt(4, 3).putLong(8, 364).putLong(16, 468).putLong(24, 0xFFFF_FFF0L);

        assertThat(ProcessIdList.assigned(b)).isEqualTo(3);
        assertThat(ProcessIdList.ids(b, 8)).containsExactly(364, 468, 0xFFFF_FFF0);
        assertThat(ProcessIdList.bytesFor(3, 8)).isEqualTo(32);
    }

    @Test
    void decodesFourByteIdsOn32Bit() {
        ByteBuffer b = ByteBuffer.allocate(ProcessIdList.bytesFor(2, 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 2).putInt(4, 2).putInt(8, 12).putInt(12, 16);

        assertThat(ProcessIdList.ids(b, 4)).containsExactly(12, 16);
    }

    @Test
    void aTooSmallBufferStillTellsHowManyTheJobHas() {
        ByteBuffer b = ByteBuffer.allocate(ProcessIdList.bytesFor(1, 8)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 40).putInt(4, 1).putLong(8, 7);

        assertThat(ProcessIdList.assigned(b)).isEqualTo(40);
        assertThat(ProcessIdList.ids(b, 8)).containsExactly(7);
    }

    @Test
    void anEmptyListStillHasRoomForOneId() {
        assertThat(ProcessIdList.bytesFor(0, 8)).isEqualTo(16);
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(ProcessIdList.ids(b, 8)).isEmpty();
    }
}
