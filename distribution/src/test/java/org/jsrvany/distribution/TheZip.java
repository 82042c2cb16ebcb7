package org.jsrvany.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The zip this module's build made: {@code target/jsrvany-<version>-windows-x64.zip}, found beside the test classes. */
final class TheZip {
    private TheZip() {
    }

    /** This module's {@code target} folder. */
    static Path target() {
        try {
            return Path.of(TheZip.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The zip; fails when the build has not made exactly one. */
    static Path path() throws IOException {
        try (Stream<Path> files = Files.list(target())) {
            List<Path> zips = files.filter(p -> p.getFileName().toString().matches("jsrvany-.+-windows-x64\\.zip")).toList();
            if (zips.size() != 1) {
                throw new IllegalStateException("expected one jsrvany-<version>-windows-x64.zip in " + target()
                        + " (run mvn package), found " + zips);
            }
            return zips.get(0);
        }
    }

    /** The version in the zip's name. */
    static String version() throws IOException {
        String name = path().getFileName().toString();
        return name.substring("jsrvany-".length(), name.length() - "-windows-x64.zip".length());
    }

    /** Every entry name, as stored ({@code /} separated). */
    static List<String> entries() throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(path().toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                names.add(e.nextElement().getName());
            }
        }
        return names;
    }

    /** Unzips into {@code dest} (created), as an administrator would; returns {@code dest}. */
    static Path unzip(Path dest) throws IOException {
        Files.createDirectories(dest);
        try (ZipFile zip = new ZipFile(path().toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                Path to = dest.resolve(entry.getName()).normalize();
                if (!to.startsWith(dest)) {
                    throw new IOException("zip entry outside the folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return dest;
    }

    /** Copies a folder tree (a Java runtime into {@code runtime\}). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Deletes a folder tree, as far as it can (a file a process still holds stays). */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left behind; the next run's folder has another name
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
