package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@link PipeInputStream#available()} on a real anonymous pipe ({@code CreatePipe}, {@code WriteFile}):
 * the capture uses it to put a flush off while the program's next bytes are already waiting, so it must
 * count exactly what a read would return at once, and say 0 once nothing waits or the pipe is closed.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(60)
class PipeInputStreamWindowsIT {

    @Test
    void availableCountsTheWaitingBytesAndIsZeroWhenNothingWaitsOrThePipeEnded() throws Exception {
        HANDLEByReference read = new HANDLEByReference();
        HANDLEByReference write = new HANDLEByReference();
        assertThat(Kernel32.INSTANCE.CreatePipe(read, write, null, 64 * 1024)).isTrue();
        HANDLE writer = write.getValue();
        try (PipeInputStream in = new PipeInputStream(read.getValue(), "test pipe")) {
            assertThat(in.available()).as("nothing written yet").isZero();
            byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
            IntByReference written = new IntByReference();
            assertThat(Kernel32.INSTANCE.WriteFile(writer, data, data.length, written, null)).isTrue();
            assertThat(in.available()).isEqualTo(10);
            byte[] got = new byte[4];
            assertThat(in.read(got, 0, 4)).isEqualTo(4);
            assertThat(in.available()).isEqualTo(6);
            byte[] rest = new byte[64];
            assertThat(in.read(rest, 0, rest.length)).isEqualTo(6);
            assertThat(in.available()).isZero();
            assertThat(Kernel32.INSTANCE.CloseHandle(writer)).isTrue();
            writer = null;
            assertThat(in.available()).as("the writer closed: nothing will come").isZero();
            assertThat(in.read(rest, 0, rest.length)).isEqualTo(-1);
            assertThat(in.available()).isZero();
        } finally {
            if (writer != null) {
                Kernel32.INSTANCE.CloseHandle(writer);
            }
        }
    }
}
