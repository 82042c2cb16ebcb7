package org.jsrvany.core.win32.process;

import org.jsrvany.core.win32.Win32CallException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The read end of an anonymous pipe as an {@link InputStream}: end of stream when every holder of
 * the write end has closed it ({@code ReadFile} fails with {@code ERROR_BROKEN_PIPE}).
 *
 * <p>Meant for one reading thread. {@link #close()} from another thread while a read is blocked
 * does not pull the handle away under the read (a reused handle value could then be read by
 * mistake): the handle is closed as soon as that read returns.
 */
final class PipeInputStream extends InputStream {
    private static final int CHUNK = 64 * 1024;

    private final String name;
    private final Memory buffer = new Memory(CHUNK);
    private HANDLE handle;
    private boolean reading;
    private boolean closeRequested;
    private boolean eof;

    PipeInputStream(HANDLE handle, String name) {
        this.handle = Objects.requireNonNull(handle);
        this.name = name;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        HANDLE h;
        synchronized (this) {
            if (handle == null || closeRequested) {
                throw new IOException(name + " is closed");
            }
            if (eof) {
                return -1;
            }
            h = handle;
            reading = true;
        }
        try {
            while (true) {
                IntByReference got = new IntByReference();
                boolean ok = Kernel32Ex.instance().ReadFile(h, buffer, Math.min(len, CHUNK), got, null);
                if (!ok) {
                    int error = Native.getLastError();
                    if (error == Kernel32Ex.ERROR_BROKEN_PIPE) {
                        synchronized (this) {
                            eof = true;
                        }
                        return -1;
                    }
                    throw new IOException(Win32CallException.of("ReadFile(" + name + ")", error).getMessage());
                }
                int n = got.getValue();
                if (n > 0) {
                    buffer.read(0, b, off, n);
                    return n;
                }
                // A zero-byte write by the child reads as zero bytes: not the end, read again.
            }
        } finally {
            synchronized (this) {
                reading = false;
                if (closeRequested) {
                    closeHandle();
                }
            }
        }
    }

    /**
     * The bytes waiting in the pipe ({@code PeekNamedPipe}'s total available): a read of that many would
     * not wait. The capture asks between reads, so that a busy program's output goes out in large writes.
     * Called by the reading thread only (a peek on a synchronous handle waits for a read under way on
     * another thread). 0 after the end, after close, and when the peek fails (a broken pipe: the next
     * read reports the end).
     */
    @Override
    public int available() {
        HANDLE h;
        synchronized (this) {
            if (handle == null || closeRequested || eof || reading) {
                return 0;
            }
            h = handle;
            reading = true;
        }
        try {
            IntByReference total = new IntByReference();
            if (!Kernel32.INSTANCE.PeekNamedPipe(h, null, 0, null, total, null)) {
                return 0;
            }
            return Math.max(0, total.getValue());
        } finally {
            synchronized (this) {
                reading = false;
                if (closeRequested) {
                    closeHandle();
                }
            }
        }
    }

    /** Closes the read end; if a read is under way, as soon as it returns. Idempotent. */
    @Override
    public synchronized void close() {
        closeRequested = true;
        if (!reading) {
            closeHandle();
        }
    }

    private void closeHandle() {
        HANDLE h = handle;
        handle = null;
        if (h != null && !Kernel32.INSTANCE.CloseHandle(h)) {
            throw Win32CallException.lastError("CloseHandle(" + name + ")");
        }
    }

    @Override
    public String toString() {
        return "PipeInputStream[" + name + "]";
    }
}
