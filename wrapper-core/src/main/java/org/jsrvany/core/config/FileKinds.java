package org.jsrvany.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a path names, in words for messages: "a folder", "a character device" ({@code /dev/null}),
 * "a named pipe (FIFO)". Without it every non-regular file would be called a folder.
 */
final class FileKinds {
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFSOCK = 0140000;

    /** Linux file systems made by the kernel, where a program's output file cannot be created. */
    private static final Set<String> KERNEL_FILE_SYSTEMS = Set.of("proc", "sysfs", "cgroup", "cgroup2", "debugfs",
            "tracefs", "securityfs", "configfs", "pstore", "bpf", "efivarfs");

    private FileKinds() {
    }

    /** "a folder", "a regular file", "a character device"...; "missing" when nothing is there. */
    static String of(Path path) {
        if (!Files.exists(path)) {
            return "missing";
        }
        if (Files.isDirectory(path)) {
            return "a folder";
        }
        if (Files.isRegularFile(path)) {
            return "a regular file";
        }
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            if (mode instanceof Integer m) {
                return fromMode(m);
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // No unix view (Windows): the generic words below.
        }
        return "neither a file nor a folder";
    }

    /** Whether an existing path is a character device ({@code /dev/null}, a terminal). */
    static boolean isCharacterDevice(Path path) {
        return "a character device".equals(of(path));
    }

    /** The words for a POSIX {@code st_mode}'s file type. */
    static String fromMode(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFIFO -> "a named pipe (FIFO)";
            case S_IFCHR -> "a character device";
            case S_IFDIR -> "a folder";
            case S_IFBLK -> "a block device";
            case S_IFREG -> "a regular file";
            case S_IFSOCK -> "a socket";
            default -> "neither a file nor a folder";
        };
    }

    /** The kernel file system ({@code proc}, {@code sysfs}...) an existing path lies on, if it lies on one. */
    static Optional<String> kernelFileSystem(Path existing) {
        try {
            String type = Files.getFileStore(existing).type().toLowerCase(Locale.ROOT);
            return KERNEL_FILE_SYSTEMS.contains(type) ? Optional.of(type) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The path itself or its nearest ancestor that exists; empty if none does. */
    static Optional<Path> nearestExisting(Path path) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
