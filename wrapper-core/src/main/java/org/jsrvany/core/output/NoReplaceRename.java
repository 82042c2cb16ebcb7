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
 * So on POSIX the target name is first reserved with an exclusive create ({@code O_CREAT|O_EXCL}, atomic),
 * then the file is renamed onto that empty placeholder ({@code rename(2)} with {@code ATOMIC_MOVE}, which
 * replaces only the placeholder this call created). On Windows {@code Files.move} without options is
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
}
