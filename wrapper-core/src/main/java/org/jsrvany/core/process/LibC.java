package org.jsrvany.core.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls jna-platform does not map (Linux numbering). */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

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

    /** kill(2): a negative pid addresses the process group. */
    int kill(int pid, int signal) throws LastErrorException;

    /** prctl(2), for the integer options. */
    int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    /** fcntl(2), for the commands that take an integer (F_SETPIPE_SZ, F_GETPIPE_SZ). */
    int fcntl(int fd, int command, int arg) throws LastErrorException;

    /** waitpid(2): reaps one child; with WNOHANG returns 0 when it has not ended. */
    int waitpid(int pid, int[] status, int options) throws LastErrorException;
}
