package org.jsrvany.core.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls jna-platform does not map (Linux signal numbers). */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int SIGINT = 2;
    int SIGKILL = 9;
    int SIGTERM = 15;
    int SIGCONT = 18;
    int SIGSTOP = 19;
    int ESRCH = 3;

    /** kill(2): a negative pid addresses the process group. */
    int kill(int pid, int signal) throws LastErrorException;
}
