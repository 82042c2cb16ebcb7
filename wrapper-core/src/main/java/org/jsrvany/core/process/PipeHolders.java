package org.jsrvany.core.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** Which processes hold a pipe: Linux names a pipe {@code pipe:[INODE]} in {@code /proc/PID/fd}. */
final class PipeHolders {
    private PipeHolders() {
    }

    /** The inode in a {@code /proc/PID/fd/N} link target such as {@code pipe:[123]}; empty for anything else. */
    static OptionalLong pipeInode(String linkTarget) {
        if (!linkTarget.startsWith("pipe:[") || !linkTarget.endsWith("]") || linkTarget.length() < 8) {
            return OptionalLong.empty();
        }
        String digits = linkTarget.substring(6, linkTarget.length() - 1);
        if (digits.length() > 19 || !digits.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(digits));
    }

    /** The pipe on a descriptor of a process, if it is one (empty if not, or gone, or not readable). */
    static OptionalLong pipeOf(long pid, int fd) {
        try {
            return pipeInode(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "fd", Integer.toString(fd))).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return OptionalLong.empty();
        }
    }

    /** Every process but {@code except} with a descriptor on one of {@code pipes}. */
    static List<ProcEntry> holders(Set<Long> pipes, long except) {
        List<ProcEntry> found = new ArrayList<>();
        if (pipes.isEmpty()) {
            return found;
        }
        for (ProcEntry p : ProcessTable.read().all()) {
            if (p.pid() != except && !p.zombie() && holds(p.pid(), pipes)) {
                found.add(p);
            }
        }
        return found;
    }

    private static boolean holds(long pid, Set<Long> pipes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    OptionalLong inode = pipeInode(Files.readSymbolicLink(fd).toString());
                    if (inode.isPresent() && pipes.contains(inode.getAsLong())) {
                        return true;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            // gone, or not ours to read
        }
        return false;
    }
}
