package org.jsrvany.core.output;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of rotated files: {@code <base>-YYYYMMDDTHHMMSS.mmm<ext>} in UTC (NSSM's format), with
 * {@code -N} before the extension when that name is taken; and which of them retention deletes.
 */
final class RotatedNames {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS").withZone(ZoneOffset.UTC);

    /** A rotated file of some output file, with its sort key. */
    record Rotated(Path path, String stamp, int counter) {
    }

    static final Comparator<Rotated> OLDEST_FIRST =
            Comparator.comparing(Rotated::stamp).thenComparingInt(Rotated::counter);

    private RotatedNames() {
    }

    /** Splits a file name at its last dot: {@code [base, ext]}, ext with its dot or empty. */
    static String[] split(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot <= 0) {
            return new String[] {fileName, ""};
        }
        return new String[] {fileName.substring(0, dot), fileName.substring(dot)};
    }

    /** The rotated name for {@code file} at {@code epochMillis}; counter 0 = none. */
    static Path rotatedPath(Path file, long epochMillis, int counter) {
        String[] parts = split(file.getFileName().toString());
        String stamp = STAMP.format(Instant.ofEpochMilli(epochMillis));
        String suffix = counter == 0 ? "" : "-" + counter;
        return file.resolveSibling(parts[0] + "-" + stamp + suffix + parts[1]);
    }

    /** Parses {@code candidate} as a rotated name of {@code file}'s name. */
    static Optional<Rotated> parse(Path file, Path candidate) {
        String[] parts = split(file.getFileName().toString());
        Pattern pattern = Pattern.compile(Pattern.quote(parts[0] + "-")
                + "(\\d{8}T\\d{6}\\.\\d{3})(?:-(\\d{1,9}))?" + Pattern.quote(parts[1]));
        Matcher m = pattern.matcher(candidate.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        int counter = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return Optional.of(new Rotated(candidate, m.group(1), counter));
    }

    /** The rotated files of {@code file} in its folder, oldest first. */
    static List<Rotated> list(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        List<Rotated> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                parse(file, entry).ifPresent(found::add);
            }
        }
        found.sort(OLDEST_FIRST);
        return found;
    }

    /** Of rotated files sorted oldest first, the ones to delete so that {@code keep} remain (0 = all). */
    static List<Rotated> beyondKeep(List<Rotated> oldestFirst, int keep) {
        if (keep <= 0 || oldestFirst.size() <= keep) {
            return List.of();
        }
        return List.copyOf(oldestFirst.subList(0, oldestFirst.size() - keep));
    }
}
