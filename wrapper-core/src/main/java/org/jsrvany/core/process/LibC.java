package org.jsrvany.core.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/** The few libc calls jna-platform does not map (Linux numbering). */
interface LibC extends Library {
    LibC INSTANCE = load();

    int SIGHUP = 1;
    int SIGINT = 2;
    int SIGKILL = 9;
    int SIGTERM = 15;
    int SIGCONT = 18;
    int SIGSTOP = 19;
    int ESRCH = 3;
    int ECHILD = 10;
    int WNOHANG = 1;
    int PR_SET_CHILD_SUBREAPER = 36;
    /** JNA's system property: where it looks for a library given by a short name; unset = ask {@code ldconfig}. */
    String JNA_SEARCH_PATH = "jna.platform.library.path";

    /**
     * libc by its file name ({@code libc.so.6}), which the dynamic loader finds (it is already loaded). Unless
     * someone chose a search path, JNA is given an empty one: otherwise its first library lookup builds one by
     * running {@code /sbin/ldconfig -p} and parsing the output, a process (and a JDK reaper thread that lingers a
     * minute) and some 140 KB of garbage for a library it never needs to search for (docs/performance.md).
     */
    private static LibC load() {
        if (System.getProperty(JNA_SEARCH_PATH) == null) {
            System.setProperty(JNA_SEARCH_PATH, "");
        }
        return Native.load(Platform.C_LIBRARY_NAME, LibC.class);
    }

    /** kill(2): a negative pid addresses the process group. */
    int kill(int pid, int signal) throws LastErrorException;

    /** prctl(2), for the integer options. */
    int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    /** fcntl(2), for the commands that take an integer (F_SETPIPE_SZ, F_GETPIPE_SZ). */
    int fcntl(int fd, int command, int arg) throws LastErrorException;

    /** glibc's malloc_trim(3): gives free heap memory back to the system; 1 when some was released. */
    int malloc_trim(long pad) throws LastErrorException;

    /** waitpid(2): reaps one child; with WNOHANG returns 0 when it has not ended. */
    int waitpid(int pid, int[] status, int options) throws LastErrorException;
}
