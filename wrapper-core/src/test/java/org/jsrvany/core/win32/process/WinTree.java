package org.jsrvany.core.win32.process;

import org.jsrvany.core.win32.Win32CallException;
import org.jsrvany.core.win32.WindowsTestSupport;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Tlhelp32;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import org.jsrvany.core.config.StopStep;
import org.jsrvany.core.process.ChildProcess;
import org.jsrvany.samples.Fixture;
import org.jsrvany.samples.FixtureCommand;

/**
 * Test-side helpers for real Windows process trees: handles held on the fixture's processes (pids
 * are reused quickly under Wine, handles are not), the tree's thread suspend counts, the
 * console the test JVM is on, and line collectors for the child's pipes. {@link #close()} ends
 * and releases everything a test started, whatever happened.
 */
final class WinTree implements AutoCloseable {
    private static final int WATCH_ACCESS = 0x00100000 /* SYNCHRONIZE */ | Kernel32Ex.PROCESS_QUERY_LIMITED_INFORMATION
            | Kernel32Ex.PROCESS_TERMINATE;
    private static final int THREAD_SUSPEND_RESUME = 0x0002;

    /** kernel32 calls only the tests need. */
    interface ConsoleQuery extends StdCallLibrary {
        ConsoleQuery INSTANCE = Native.load("kernel32", ConsoleQuery.class, W32APIOptions.DEFAULT_OPTIONS);

        int GetConsoleProcessList(int[] processIds, int count);

        boolean PeekNamedPipe(HANDLE pipe, com.sun.jna.Pointer buffer, int size, com.sun.jna.ptr.IntByReference read,
                com.sun.jna.ptr.IntByReference available, com.sun.jna.ptr.IntByReference left);

    }

    private final List<ChildProcess> children = Collections.synchronizedList(new ArrayList<>());
    private final List<ProcessHandleW> handles = Collections.synchronizedList(new ArrayList<>());

    /** Remembers a child so that {@link #close()} ends its tree. */
    <T extends ChildProcess> T track(T child) {
        children.add(child);
        return child;
    }

    /** Waits for the fixture's pids file and opens a handle on each process in it: child first, then grandchildren. */
    List<ProcessHandleW> awaitPids(Path pidsFile, int grandchildren, Duration bound) throws Exception {
        assertThat(WindowsTestSupport.await(bound, () -> Files.exists(pidsFile)))
                .as("the fixture wrote %s within %s", pidsFile, bound).isTrue();
        List<ProcessHandleW> tree = new ArrayList<>();
        for (String line : Files.readAllLines(pidsFile)) {
            int pid = Integer.parseInt(line.substring(line.indexOf(' ') + 1).trim());
            ProcessHandleW h = ProcessHandleW.open(pid, WATCH_ACCESS);
            handles.add(h);
            tree.add(h);
        }
        assertThat(tree).as("child and grandchildren in %s", pidsFile).hasSize(1 + grandchildren);
        return tree;
    }

    static boolean running(ProcessHandleW p) {
        return p.waitFor(Duration.ZERO).isEmpty();
    }

    /** Waits until every process has ended; false if one still runs after {@code bound}. */
    static boolean awaitEnded(List<ProcessHandleW> processes, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        for (ProcessHandleW p : processes) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (p.waitFor(Duration.ofNanos(left)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The suspend count of every thread of the process (each briefly suspended and resumed to read it). */
    static List<Integer> suspendCounts(int pid) {
        HANDLE snapshot = Kernel32.INSTANCE.CreateToolhelp32Snapshot(new DWORD(Kernel32Ex.TH32CS_SNAPTHREAD), new DWORD(0));
        List<Integer> threads = new ArrayList<>();
        try {
            Tlhelp32.THREADENTRY32 entry = new Tlhelp32.THREADENTRY32();
            boolean more = Kernel32.INSTANCE.Thread32First(snapshot, entry);
            while (more) {
                if (entry.th32OwnerProcessID == pid) {
                    threads.add(entry.th32ThreadID);
                }
                entry = new Tlhelp32.THREADENTRY32();
                more = Kernel32.INSTANCE.Thread32Next(snapshot, entry);
            }
        } finally {
            Kernel32.INSTANCE.CloseHandle(snapshot);
        }
        List<Integer> counts = new ArrayList<>();
        for (int tid : threads) {
            HANDLE t = Kernel32.INSTANCE.OpenThread(THREAD_SUSPEND_RESUME, false, tid);
            if (t == null) {
                continue; // ended meanwhile
            }
            try {
                int previous = Kernel32Ex.instance().SuspendThread(t);
                if (previous != Kernel32Ex.THREAD_COUNT_FAILED) {
                    Kernel32Ex.instance().ResumeThread(t);
                    counts.add(previous);
                }
            } finally {
                Kernel32.INSTANCE.CloseHandle(t);
            }
        }
        return counts;
    }

    /** The processes on the test JVM's console; empty when it has none. */
    static List<Integer> consoleProcesses() {
        int[] ids = new int[256];
        int n = ConsoleQuery.INSTANCE.GetConsoleProcessList(ids, ids.length);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, ids.length); i++) {
            out.add(ids[i]);
        }
        return out;
    }

    /**
     * An anonymous pipe whose write end the test JVM (the wrapper) holds inheritable: a handle no child
     * should get. {@link #heldElsewhere()} tells, once our write end is closed, whether some other process
     * still holds it ({@code PeekNamedPipe} on the read end: ERROR_BROKEN_PIPE once no writer is left).
     */
    static final class InheritablePipe implements AutoCloseable {
        private final HANDLE read;
        private HANDLE write;

        InheritablePipe() {
            com.sun.jna.platform.win32.WinNT.HANDLEByReference r = new com.sun.jna.platform.win32.WinNT.HANDLEByReference();
            com.sun.jna.platform.win32.WinNT.HANDLEByReference w = new com.sun.jna.platform.win32.WinNT.HANDLEByReference();
            assertThat(Kernel32.INSTANCE.CreatePipe(r, w, null, 0)).as("CreatePipe").isTrue();
            read = r.getValue();
            write = w.getValue();
            assertThat(Kernel32.INSTANCE.SetHandleInformation(write, Kernel32Ex.HANDLE_FLAG_INHERIT,
                    Kernel32Ex.HANDLE_FLAG_INHERIT)).as("the write end made inheritable").isTrue();
        }

        /** Closes the test JVM's write end (after the child was created). */
        void closeOurWriteEnd() {
            if (write != null) {
                Kernel32.INSTANCE.CloseHandle(write);
                write = null;
            }
        }

        /** Whether a writer other than us still holds the pipe open (our end must be closed). */
        boolean heldElsewhere() {
            com.sun.jna.ptr.IntByReference available = new com.sun.jna.ptr.IntByReference();
            if (ConsoleQuery.INSTANCE.PeekNamedPipe(read, null, 0, null, available, null)) {
                return true;
            }
            int error = Native.getLastError();
            assertThat(error).as("PeekNamedPipe fails only because no writer is left").isEqualTo(Kernel32Ex.ERROR_BROKEN_PIPE);
            return false;
        }

        @Override
        public void close() {
            closeOurWriteEnd();
            Kernel32.INSTANCE.CloseHandle(read);
        }
    }

    /**
     * A tree whose grandchildren show whether they run: a batch script (the main process,
     * cmd.exe) starting two ticking fixtures, one with {@code start /b} and one in the foreground.
     * Each writes its latest tick to its own file every 50 ms.
     */
    record TickingTree(Path script, Path ticksA, Path ticksB) {
        static TickingTree write(Path dir) throws IOException {
            Path a = dir.resolve("ticks-a");
            Path b = dir.resolve("ticks-b");
            String fixture = quoted(FixtureCommand.javaExecutable().toString()) + " -cp "
                    + quoted(FixtureCommand.classpath()) + " " + Fixture.class.getName() + " --tick 50 --tick-file ";
            Path script = dir.resolve("ticking tree.cmd");
            Files.writeString(script, "@echo off\r\nstart \"\" /b " + fixture + quoted(a.toString()) + "\r\n"
                    + fixture + quoted(b.toString()) + "\r\n", StandardCharsets.US_ASCII);
            return new TickingTree(script, a, b);
        }

        private static String quoted(String s) {
            assertThat(s).doesNotContain("\"").doesNotEndWith("\\");
            return "\"" + s + "\"";
        }

        boolean bothTicking(Duration bound) throws InterruptedException {
            return WindowsTestSupport.await(bound, () -> Files.exists(ticksA) && Files.exists(ticksB));
        }

        /** The two latest ticks now. */
        String ticks() {
            return read(ticksA) + "/" + read(ticksB);
        }

        /** Whether both ticked since {@code before} within {@code bound}. */
        boolean bothAdvanceFrom(String before, Duration bound) throws InterruptedException {
            String[] was = before.split("/");
            return WindowsTestSupport.await(bound, () -> {
                String[] now = ticks().split("/");
                return !now[0].equals(was[0]) && !now[1].equals(was[1]);
            });
        }

        /**
         * Whether both stop ticking within {@code bound}: the ticks stay the same for {@code quiet}. A
         * process ending on its own may write its last tick a little after its parent ended, so this
         * waits for silence instead of racing a fixed window.
         */
        boolean fallSilentWithin(Duration quiet, Duration bound) throws InterruptedException {
            long deadline = System.nanoTime() + bound.toNanos();
            String last = ticks();
            long since = System.nanoTime();
            while (System.nanoTime() < deadline) {
                Thread.sleep(50);
                String now = ticks();
                if (!now.equals(last)) {
                    last = now;
                    since = System.nanoTime();
                } else if (System.nanoTime() - since >= quiet.toNanos()) {
                    return true;
                }
            }
            return false;
        }

        /** Whether either ticked since {@code before} within {@code bound}. */
        boolean eitherAdvancesFrom(String before, Duration bound) throws InterruptedException {
            return WindowsTestSupport.await(bound, () -> !ticks().equals(before));
        }

        /**
         * The file's tick. Windows refuses a read while the fixture replaces the file, so a failed read
         * is retried: an empty answer would look like a change and make a still tree seem to tick.
         */
        private static String read(Path file) {
            IOException last = null;
            for (int attempt = 0; attempt < 100; attempt++) {
                try {
                    String text = Files.readString(file).trim();
                    if (!text.isEmpty()) {
                        return text;
                    }
                } catch (IOException e) {
                    last = e;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw new AssertionError("cannot read the tick file " + file, last);
        }
    }

    /** Reads a stream's lines on a thread of its own until its end. */
    static final class Lines {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final Thread reader;
        private volatile IOException failure;

        Lines(InputStream in, String name) {
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    failure = e;
                }
            }, "test-read-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        /** True once the stream ended (every write end closed) within {@code bound}. */
        boolean awaitEnd(Duration bound) throws InterruptedException {
            reader.join(Math.max(1, bound.toMillis()));
            return !reader.isAlive();
        }

        List<String> lines() throws IOException {
            if (failure != null) {
                throw failure;
            }
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }
    }

    /** Ends every tracked tree and process and releases every handle, even after a failure. */
    @Override
    public void close() {
        for (ChildProcess c : List.copyOf(children)) {
            try {
                c.deliver(StopStep.TERMINATE);
                c.killRemaining();
            } finally {
                c.close();
            }
        }
        for (ProcessHandleW h : List.copyOf(handles)) {
            try {
                OptionalInt exit = h.waitFor(Duration.ZERO);
                if (exit.isEmpty()) {
                    h.terminate(1);
                }
            } catch (Win32CallException e) {
                // already gone
            } finally {
                h.close();
            }
        }
    }
}
