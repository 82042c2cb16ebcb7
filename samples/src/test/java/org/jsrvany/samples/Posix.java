package org.jsrvany.samples;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Linux process facts and signals for the tests: /proc and libc kill(2). */
final class Posix {
    // Linux numbering (x86, arm).
    static final int SIGINT = 2;
    static final int SIGTERM = 15;
    static final int SIGCONT = 18;
    static final int SIGSTOP = 19;

    private Posix() {
    }

    interface CLibrary extends Library {
        CLibrary INSTANCE = Native.load("c", CLibrary.class);

        int kill(int pid, int signal);
    }

    static boolean isLinux() {
        return System.getProperty("os.name", "").startsWith("Linux");
    }

    static void kill(long pid, int signal) {
        CLibrary.INSTANCE.kill((int) pid, signal);
    }

    /** The fields of /proc/<pid>/stat after the command name: index 0 is field 3 (state). */
    private static String[] statFields(Path stat) {
        try {
            String text = Files.readString(stat);
            return text.substring(text.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long processGroup(long pid) {
        return Long.parseLong(statFields(Path.of("/proc", Long.toString(pid), "stat"))[2]);
    }

    static long session(long pid) {
        return Long.parseLong(statFields(Path.of("/proc", Long.toString(pid), "stat"))[3]);
    }

    /** True once every thread of the process is in the stopped state. */
    static boolean allThreadsStopped(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            List<Path> list = tasks.toList();
            return list.stream().allMatch(task -> {
                try {
                    return statFields(task.resolve("stat"))[0].equals("T");
                } catch (UncheckedIOException e) {
                    return e.getCause() instanceof NoSuchFileException; // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the process's disposition for this signal is SIG_IGN (/proc/<pid>/status SigIgn mask). */
    static boolean ignores(long pid, int signal) {
        try {
            String mask = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("SigIgn:"))
                    .findFirst().orElseThrow()
                    .substring("SigIgn:".length()).trim();
            return (Long.parseUnsignedLong(mask, 16) & (1L << (signal - 1))) != 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
