package org.jsrvany.core.process;

import com.sun.jna.LastErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** kill(2) for the containment code: a process that is already gone is not an error. */
final class Kill {
    private static final Logger LOG = LoggerFactory.getLogger(Kill.class);

    private Kill() {
    }

    /** Loads the libc mapping now (JNA's start), so that the first {@link #send} does not wait for it. */
    static void warmUp() {
        LibC.INSTANCE.hashCode();
    }

    /** Sends {@code signal} to a pid (a negative one: a process group); true when something received it. */
    static boolean send(long target, int signal) {
        try {
            LibC.INSTANCE.kill((int) target, signal);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() != LibC.ESRCH) {
                LOG.warn("kill({}, {}) failed with errno {}", target, signal, e.getErrorCode());
            }
            return false;
        }
    }
}
