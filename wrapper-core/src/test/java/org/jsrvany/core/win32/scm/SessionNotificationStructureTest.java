package org.jsrvany.core.win32.scm;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import org.junit.jupiter.api.Test;

/** {@code WTSSESSION_NOTIFICATION} (winuser.h): two DWORDs, the session id at offset 4. */
class SessionNotificationStructureTest {

    @Test
    void isEightBytesAndReadsTheSessionIdAtOffsetFour() {
        assertThat(new WinsvcEx.WTSSESSION_NOTIFICATION().size()).isEqualTo(8);
        Memory m = new Memory(8);
        m.setInt(0, 8);
        m.setInt(4, 3);
        assertThat(new WinsvcEx.WTSSESSION_NOTIFICATION(m).dwSessionId).isEqualTo(3);
        assertThat(ScmDispatcher.SERVICE_CONTROL_SESSIONCHANGE).isEqualTo(0x0E);
    }
}
