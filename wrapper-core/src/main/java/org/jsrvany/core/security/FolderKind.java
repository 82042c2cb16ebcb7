package org.jsrvany.core.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/** What is at a path, as far as writing into it goes: links are never followed. */
public enum FolderKind {
    MISSING, DIRECTORY, REPARSE_POINT, NOT_A_DIRECTORY;

    static final int FILE_ATTRIBUTE_REPARSE_POINT = 0x400;
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    /** The decision for a path's attributes (not following links); {@code dosAttributes} null when unknown. */
    public static FolderKind classify(boolean symbolicLink, boolean directory, boolean other, Integer dosAttributes) {
        if (symbolicLink || (dosAttributes != null && (dosAttributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0)) {
            return REPARSE_POINT;
        }
        if (directory && other) {
            return REPARSE_POINT; // Windows: a directory with a reparse tag other than a symlink (a junction)
        }
        return directory ? DIRECTORY : NOT_A_DIRECTORY;
    }

    /**
     * What is at {@code path}, links not followed. On Windows the raw attributes are checked for
     * {@code FILE_ATTRIBUTE_REPARSE_POINT}: {@code Files.isSymbolicLink} does not see junctions.
     */
    public static FolderKind of(Path path) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return MISSING;
        }
        Integer dos = null;
        if (WINDOWS) {
            dos = (Integer) Files.getAttribute(path, "dos:attributes", LinkOption.NOFOLLOW_LINKS);
        }
        return classify(a.isSymbolicLink(), a.isDirectory(), a.isOther(), dos);
    }

    /** Whether this JVM runs on Windows (where jsrvany's folders get their permissions). */
    static boolean windows() {
        return WINDOWS;
    }
}
