package org.jsrvany.core.process;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Linux: a larger buffer for a child's output pipe ({@code fcntl F_SETPIPE_SZ}), so that the capture
 * can let it fill between reads ({@link ReadPacing}). The JDK does not say which descriptor a
 * process's pipe has: it is the wrapper's descriptor in {@code /proc/self/fd} that names the same
 * pipe ({@code pipe:[INODE]}) as the child's stdout or stderr.
 */
final class LinuxPipes {

    /** What is asked for: the largest a process without CAP_SYS_RESOURCE may set by default (pipe-max-size). */
    static final int WANTED = 1 << 20;
    static final int F_SETPIPE_SZ = 1031;
    static final int F_GETPIPE_SZ = 1032;

    private LinuxPipes() {
    }

    /** The wrapper's own descriptor on the pipe {@code inode}, or -1 when it holds none. */
    static int descriptorOf(long inode) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    OptionalLong found = PipeHolders.pipeInode(Files.readSymbolicLink(fd).toString());
                    if (found.isPresent() && found.getAsLong() == inode) {
                        return Integer.parseInt(fd.getFileName().toString());
                    }
                } catch (IOException | NumberFormatException e) {
                    // closed meanwhile, or not a descriptor
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Asks for a {@link #WANTED} buffer on the pipe {@code inode} through the wrapper's descriptor on it,
     * and returns the capacity the pipe has then: the old one when the system refuses (over the user's
     * pipe quota, a lower pipe-max-size), 0 when it cannot be told (the pipe is gone, no libc).
     */
    static int enlarge(long inode) {
        int fd = descriptorOf(inode);
        if (fd < 0) {
            return 0;
        }
        try {
            try {
                LibC.INSTANCE.fcntl(fd, F_SETPIPE_SZ, WANTED);
            } catch (LastErrorException e) {
                // EPERM over a limit, EBUSY if what it holds would not fit: it keeps its size
            }
            return Math.max(0, LibC.INSTANCE.fcntl(fd, F_GETPIPE_SZ, 0));
        } catch (LastErrorException | LinkageError e) {
            return 0;
        }
    }
}
