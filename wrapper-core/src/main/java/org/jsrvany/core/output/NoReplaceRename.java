package org.jsrvany.core.output;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Renames a file to a name that must not exist yet, atomically: when two renamers race for one name,
 * exactly one wins and the other gets {@link FileAlreadyExistsException}; an existing file is never
 * replaced.
 *
 * <p>{@code Files.move} without {@code REPLACE_EXISTING} is not enough on POSIX systems: Java checks that
 * the target is missing and then calls {@code rename(2)}, which replaces a target created in between.
 * So on POSIX the file gets the new name as a hard link first ({@code link(2)} fails atomically when the
 * name exists), then loses the old one. Where the file system has no hard links, the target name is
 * reserved with an exclusive create ({@code O_CREAT|O_EXCL}, atomic) instead, and the file renamed onto
 * that empty placeholder ({@code rename(2)} with {@code ATOMIC_MOVE}, which replaces only the placeholder
 * this call created). The link comes first because a rename onto an existing name makes ext4 (its
 * {@code auto_da_alloc}) allocate and start writing the renamed file's blocks at once, on the capturing
 * thread: about a millisecond of CPU per rotated 16 MiB file, and the wait for the disk's queue
 * (issue 12, docs/performance.md). If the wrapper dies between the link and the unlink (microseconds),
 * both names remain for one file; nothing is lost. On Windows {@code Files.move} without options is
 * {@code MoveFileEx} without {@code MOVEFILE_REPLACE_EXISTING}, which fails atomically when the target
 * exists; it also needs no placeholder, which a virus scanner could hold open.
 */
final class NoReplaceRename {

    private NoReplaceRename() {
    }

    /**
     * Renames {@code source} to {@code target} in the same folder.
     *
     * @param windows whether the file system follows Windows' rename rules (the running OS)
     * @throws FileAlreadyExistsException if {@code target} exists (then nothing changed)
     */
    static void rename(Path source, Path target, boolean windows) throws IOException {
        if (windows) {
            Files.move(source, target);
            return;
        }
        if (linked(source, target)) {
            return;
        }
        Files.createFile(target); // the reservation: fails if anyone else has the name
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(target); // our empty placeholder; the source was not moved
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Gives {@code source} the name {@code target} by a hard link, then removes the old name. False, with
     * nothing changed, where that cannot be done (no hard links on this file system, or any other refusal
     * of the link: the placeholder way then says what is wrong).
     *
     * @throws FileAlreadyExistsException if {@code target} exists
     */
    private static boolean linked(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException taken) {
            throw taken;
        } catch (IOException | UnsupportedOperationException | SecurityException noLink) {
            return false;
        }
        try {
            Files.delete(source);
        } catch (IOException | RuntimeException e) {
            try {
                Files.delete(target); // the link this call made; the file keeps its old name
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return true;
    }
}
