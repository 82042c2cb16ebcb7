package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jsrvany.core.process.PacedInputStream;
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

    /**
     * The capture reads a child's output pipe paced (it waits before a read while the pipe fills, up to half
     * of what the pipe reports it holds): so the pipe must hold what {@code GetNamedPipeInfo} reports, or the
     * program would be stopped by the wait. Half of it goes in with nobody reading; read paced, every byte
     * comes out in order.
     */
    @Test
    void anOutputPipeHoldsHalfOfWhatItReportsWithNobodyReadingAndPacedReadsLoseNothing() throws Exception {
        HANDLEByReference read = new HANDLEByReference();
        HANDLEByReference write = new HANDLEByReference();
        assertThat(Kernel32.INSTANCE.CreatePipe(read, write, null, ChildStdio.PIPE_BUFFER)).isTrue();
        HANDLE writer = write.getValue();
        int capacity = ChildStdio.capacity(read.getValue());
        System.out.println("CreatePipe(" + ChildStdio.PIPE_BUFFER + "): GetNamedPipeInfo says the read end holds "
                + capacity + " bytes");
        assertThat(capacity).isPositive().isLessThanOrEqualTo(ChildStdio.PIPE_BUFFER);
        try (PacedInputStream in = new PacedInputStream(new PipeInputStream(read.getValue(), "test pipe"), capacity)) {
            byte[] half = new byte[capacity / 2];
            for (int i = 0; i < half.length; i++) {
                half[i] = (byte) (i % 251);
            }
            CompletableFuture<Boolean> wrote = CompletableFuture.supplyAsync(() ->
                    Kernel32.INSTANCE.WriteFile(writer, half, half.length, new IntByReference(), null));
            assertThat(wrote.get(30, TimeUnit.SECONDS)).as("written with nobody reading").isTrue();
            assertThat(Kernel32.INSTANCE.CloseHandle(writer)).isTrue();
            byte[] got = new byte[half.length];
            int off = 0;
            int n;
            while (off < got.length && (n = in.read(got, off, Math.min(64 * 1024, got.length - off))) > 0) {
                off += n;
            }
            assertThat(off).isEqualTo(half.length);
            assertThat(got).isEqualTo(half);
            assertThat(in.read(got, 0, 1)).isEqualTo(-1);
        }
    }
}
