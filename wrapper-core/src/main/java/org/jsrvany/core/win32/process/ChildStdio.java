package org.jsrvany.core.win32.process;

import org.jsrvany.core.win32.Win32CallException;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.List;

/**
 * A child's standard handles: NUL as stdin (a .bat/.cmd child would otherwise ask "Terminate
 * batch job (Y/N)?"), or the file {@code AppStdin} names, and one anonymous pipe each for stdout and stderr, whose read ends the
 * wrapper keeps as {@link PipeInputStream}s.
 *
 * <p>Only the child's ends are inheritable, and only from {@link #create()} until
 * {@link #closeChildEnds()}: call both, and {@code CreateProcessW} between them, under
 * {@link ConsoleCtrl#LOCK}, or a child started meanwhile by another thread would inherit them too
 * and hold our pipes open (no end of stream while it lives). Closing the wrapper's copies of the
 * write ends after {@code CreateProcessW} is what lets the end of stream arrive at all.
 *
 * <p>The child is created with a handle list ({@link #childHandles()} only, see
 * {@link ProcThreadAttributes}), so no other inheritable handle of the wrapper reaches it. The wrapper's
 * own standard handles may be inheritable too (a pipe from whoever started the wrapper):
 * {@link #stopInheritingWrapperStdHandles()} also keeps them from the child, as the JDK does for its own
 * children (JDK-7147084), for a CreateProcess that ignores the list (Wine does for a .bat/.cmd program).
 */
final class ChildStdio implements AutoCloseable {
    /**
     * The buffer asked for each output pipe (Windows takes it as a suggestion): the program writes on while
     * the capture writes what it read to the file. Unlike on Linux the reads are not paced
     * (org.jsrvany.core.process.ReadPacing): a wait shorter than a millisecond is not one on Windows (a
     * timed park lasts up to a timer tick), and under Wine 8 pacing made a 100 MB capture slower, 5.2 s
     * against 3.4 s.
     */
    private static final int PIPE_BUFFER = 1024 * 1024;

    private HANDLE stdin;
    private HANDLE stdoutWrite;
    private HANDLE stderrWrite;
    private final PipeInputStream stdout;
    private final PipeInputStream stderr;
    private boolean streamsHandedOut;

    private ChildStdio(HANDLE stdin, HANDLE stdoutWrite, HANDLE stderrWrite, PipeInputStream stdout,
            PipeInputStream stderr) {
        this.stdin = stdin;
        this.stdoutWrite = stdoutWrite;
        this.stderrWrite = stderrWrite;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** NUL and two pipes; the child's ends inheritable, ours not. */
    static ChildStdio create() {
        return create(null);
    }

    /**
     * {@code AppStdin} (NUL when null) and two pipes; the child's ends inheritable, ours not. The input is
     * opened first: when it cannot be, nothing else was created.
     *
     * @throws StdinFailure when the input file cannot be opened
     */
    static ChildStdio create(java.nio.file.Path stdin) {
        HANDLE input = stdin == null ? openNul() : openInput(stdin);
        try {
            return withPipes(input);
        } catch (RuntimeException e) {
            Kernel32.INSTANCE.CloseHandle(input);
            throw e;
        }
    }

    /** {@code AppStdin} could not be opened: the call's failure, with the file's name. */
    static final class StdinFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Win32CallException call;

        StdinFailure(java.nio.file.Path file, Win32CallException call) {
            super("its standard input, AppStdin " + file + ", cannot be opened: " + call.getMessage(), call);
            this.call = call;
        }

        int errorCode() {
            return call.errorCode();
        }
    }

    /** Opens the input file for reading, as NSSM does (OPEN_EXISTING; others may read and write it meanwhile). */
    private static HANDLE openInput(java.nio.file.Path file) {
        WinBase.SECURITY_ATTRIBUTES inheritable = new WinBase.SECURITY_ATTRIBUTES();
        inheritable.dwLength = new com.sun.jna.platform.win32.WinDef.DWORD(inheritable.size());
        inheritable.bInheritHandle = true;
        HANDLE h = Kernel32.INSTANCE.CreateFile(file.toString(), WinNT.GENERIC_READ,
                WinNT.FILE_SHARE_READ | WinNT.FILE_SHARE_WRITE, inheritable, WinNT.OPEN_EXISTING,
                WinNT.FILE_ATTRIBUTE_NORMAL, null);
        if (h == null || WinBase.INVALID_HANDLE_VALUE.equals(h)) {
            throw new StdinFailure(file, Win32CallException.lastError("CreateFileW(" + file + ")"));
        }
        return h;
    }

    private static ChildStdio withPipes(HANDLE input) {
        List<HANDLE> opened = new ArrayList<>();
        try {
            HANDLE[] out = pipe("stdout");
            opened.add(out[0]);
            opened.add(out[1]);
            HANDLE[] err = pipe("stderr");
            opened.add(err[0]);
            opened.add(err[1]);
            return new ChildStdio(input, out[1], err[1], new PipeInputStream(out[0], "child stdout"),
                    new PipeInputStream(err[0], "child stderr"));
        } catch (RuntimeException e) {
            for (HANDLE h : opened) {
                Kernel32.INSTANCE.CloseHandle(h);
            }
            throw e;
        }
    }

    /** {read end, write end}; only the write end is inheritable. */
    private static HANDLE[] pipe(String name) {
        HANDLEByReference read = new HANDLEByReference();
        HANDLEByReference write = new HANDLEByReference();
        if (!Kernel32.INSTANCE.CreatePipe(read, write, null, PIPE_BUFFER)) {
            throw Win32CallException.lastError("CreatePipe(" + name + ")");
        }
        if (!Kernel32.INSTANCE.SetHandleInformation(write.getValue(), Kernel32Ex.HANDLE_FLAG_INHERIT,
                Kernel32Ex.HANDLE_FLAG_INHERIT)) {
            Win32CallException e = Win32CallException.lastError("SetHandleInformation(" + name + " write end, INHERIT)");
            Kernel32.INSTANCE.CloseHandle(read.getValue());
            Kernel32.INSTANCE.CloseHandle(write.getValue());
            throw e;
        }
        return new HANDLE[] {read.getValue(), write.getValue()};
    }

    private static HANDLE openNul() {
        WinBase.SECURITY_ATTRIBUTES inheritable = new WinBase.SECURITY_ATTRIBUTES();
        inheritable.dwLength = new com.sun.jna.platform.win32.WinDef.DWORD(inheritable.size());
        inheritable.bInheritHandle = true;
        HANDLE nul = Kernel32.INSTANCE.CreateFile("NUL", WinNT.GENERIC_READ,
                WinNT.FILE_SHARE_READ | WinNT.FILE_SHARE_WRITE, inheritable, WinNT.OPEN_EXISTING, 0, null);
        if (nul == null || WinBase.INVALID_HANDLE_VALUE.equals(nul)) {
            throw Win32CallException.lastError("CreateFileW(NUL)");
        }
        return nul;
    }

    /**
     * Makes the wrapper's inheritable standard handles non-inheritable for the time of one
     * {@code CreateProcessW} (under {@link ConsoleCtrl#LOCK}); run the result to restore them.
     */
    static Runnable stopInheritingWrapperStdHandles() {
        List<HANDLE> changed = new ArrayList<>();
        for (int which : new int[] {Kernel32Ex.STD_INPUT_HANDLE, Kernel32Ex.STD_OUTPUT_HANDLE,
                Kernel32Ex.STD_ERROR_HANDLE}) {
            HANDLE h = Kernel32.INSTANCE.GetStdHandle(which);
            if (h == null || WinBase.INVALID_HANDLE_VALUE.equals(h) || changed.contains(h)) {
                continue;
            }
            IntByReference flags = new IntByReference();
            if (Kernel32Ex.instance().GetHandleInformation(h, flags)
                    && (flags.getValue() & Kernel32Ex.HANDLE_FLAG_INHERIT) != 0
                    && Kernel32.INSTANCE.SetHandleInformation(h, Kernel32Ex.HANDLE_FLAG_INHERIT, 0)) {
                changed.add(h);
            }
        }
        return () -> {
            for (HANDLE h : changed) {
                Kernel32.INSTANCE.SetHandleInformation(h, Kernel32Ex.HANDLE_FLAG_INHERIT, Kernel32Ex.HANDLE_FLAG_INHERIT);
            }
        };
    }

    /**
     * The handles the child inherits, and no others ({@code PROC_THREAD_ATTRIBUTE_HANDLE_LIST}): NUL and the
     * two write ends.
     */
    java.util.List<HANDLE> childHandles() {
        return java.util.List.of(stdin, stdoutWrite, stderrWrite);
    }

    HANDLE childStdin() {
        return stdin;
    }

    HANDLE childStdout() {
        return stdoutWrite;
    }

    HANDLE childStderr() {
        return stderrWrite;
    }

    /** Closes the wrapper's copies of the child's ends (after {@code CreateProcessW}, whatever its result). */
    synchronized void closeChildEnds() {
        Win32CallException failure = null;
        for (HANDLE h : new HANDLE[] {stdin, stdoutWrite, stderrWrite}) {
            if (h != null && !Kernel32.INSTANCE.CloseHandle(h) && failure == null) {
                failure = Win32CallException.lastError("CloseHandle(child stdio)");
            }
        }
        stdin = null;
        stdoutWrite = null;
        stderrWrite = null;
        if (failure != null) {
            throw failure;
        }
    }

    /** The stdout read end; its reader closes it. */
    synchronized PipeInputStream stdout() {
        streamsHandedOut = true;
        return stdout;
    }

    /** The stderr read end; its reader closes it. */
    synchronized PipeInputStream stderr() {
        streamsHandedOut = true;
        return stderr;
    }

    /** Closes the child's ends, and the read ends unless a reader took them. Idempotent. */
    @Override
    public synchronized void close() {
        closeChildEnds();
        if (!streamsHandedOut) {
            stdout.close();
            stderr.close();
        }
    }
}
