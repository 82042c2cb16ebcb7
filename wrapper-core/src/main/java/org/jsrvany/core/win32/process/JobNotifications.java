package org.jsrvany.core.win32.process;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTRByReference;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jsrvany.core.process.LimitBreach;
import org.jsrvany.core.win32.Win32CallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's notifications, read from an I/O completion port by a thread of their own
 * ({@code JobObjectAssociateCompletionPortInformation}, {@code GetQueuedCompletionStatus}): no polling. A
 * memory-limit message becomes a {@link LimitBreach} for the handler; breaches that arrive before a handler
 * is set are kept and handed over when it is.
 */
final class JobNotifications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobNotifications.class);
    /** The key the job's messages carry. */
    private static final long JOB_KEY = 1;
    /** The key of the message {@link #close} posts to end the reader. */
    private static final long CLOSE_KEY = 2;

    private final HANDLE port;
    private final long limitBytes;
    private final List<LimitBreach> early = new ArrayList<>();
    private Consumer<LimitBreach> handler;
    private boolean closed;
    private final Thread reader;

    private JobNotifications(HANDLE port, long limitBytes, long pidForName) {
        this.port = port;
        this.limitBytes = limitBytes;
        this.reader = new Thread(this::read, "jsrvany-job-" + pidForName);
        this.reader.setDaemon(true);
    }

    /** A port associated with {@code job}, read from now on. Call it before the child runs. */
    static JobNotifications watch(JobObject job, long limitBytes, long pidForName) {
        HANDLE port = Kernel32Ex.instance().CreateIoCompletionPort(WinBase.INVALID_HANDLE_VALUE, null, new ULONG_PTR(0), 1);
        if (port == null) {
            throw Win32CallException.lastError("CreateIoCompletionPort");
        }
        try {
            job.associateCompletionPort(port, JOB_KEY);
        } catch (Win32CallException e) {
            Kernel32.INSTANCE.CloseHandle(port);
            throw e;
        }
        JobNotifications n = new JobNotifications(port, limitBytes, pidForName);
        n.reader.start();
        return n;
    }

    /** Where breaches go from now on (on the reader's thread); the ones already seen are handed over at once. */
    void onBreach(Consumer<LimitBreach> handler) {
        List<LimitBreach> pending;
        synchronized (this) {
            this.handler = handler;
            pending = new ArrayList<>(early);
            early.clear();
        }
        pending.forEach(handler);
    }

    private void read() {
        Kernel32Ex k32 = Kernel32Ex.instance();
        IntByReference message = new IntByReference();
        ULONG_PTRByReference key = new ULONG_PTRByReference();
        PointerByReference overlapped = new PointerByReference();
        while (true) {
            if (!k32.GetQueuedCompletionStatus(port, message, key, overlapped, Kernel32Ex.INFINITE)) {
                int error = com.sun.jna.Native.getLastError();
                if (error != Kernel32Ex.ERROR_ABANDONED_WAIT_0) {
                    LOG.warn("Reading the job's notifications failed: {}",
                            Win32CallException.of("GetQueuedCompletionStatus", error).getMessage());
                }
                return;
            }
            long k = key.getValue().longValue();
            if (k == CLOSE_KEY) {
                return;
            }
            if (k != JOB_KEY) {
                continue;
            }
            Pointer p = overlapped.getValue();
            long pid = p == null ? 0 : Pointer.nativeValue(p);
            JobMessages.breach(message.getValue(), pid, limitBytes).ifPresent(this::deliver);
        }
    }

    private void deliver(LimitBreach breach) {
        Consumer<LimitBreach> h;
        synchronized (this) {
            h = handler;
            if (h == null) {
                early.add(breach);
                return;
            }
        }
        h.accept(breach);
    }

    /** Ends the reader (a message of its own to the port), then closes the port. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (Kernel32Ex.instance().PostQueuedCompletionStatus(port, 0, new ULONG_PTR(CLOSE_KEY), null)) {
            try {
                reader.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Kernel32.INSTANCE.CloseHandle(port);
    }
}
