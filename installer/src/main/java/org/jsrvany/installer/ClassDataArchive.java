package org.jsrvany.installer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.DosFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The launcher's class data archive (AppCDS, docs/startup.md): the classes the service loads at start,
 * parsed and laid out once by the Java that runs it, and mapped by every later start instead of loaded
 * one by one from the jar (about a third of the time before the program starts).
 *
 * <p>The archive is code the JVM maps, so it lives where the launcher jar lives (the protected install
 * folder, checked by {@link Audit} with the jar) and is written there only by {@code install} and
 * {@code upgrade}, elevated: never in {@code %ProgramData%} or a temporary folder a less privileged
 * account could write. It belongs to one Java, so its name carries a hash of that {@code java.exe}'s
 * path ({@link #path}); services of one copy that run different Javas get an archive each.
 *
 * <p>Made by a training run of the launcher ({@code run --config} with a tiny program: that Java's own
 * {@code -version}) under {@code -XX:ArchiveClassesAtExit}, into a temporary name beside the final one;
 * checked by a start with {@code -Xshare:on} (which refuses an archive it cannot use); then moved into
 * place. A half-written archive is never left under the final name: the JVM crashes on a truncated one,
 * while it ignores a missing, foreign or stale one ({@code -Xshare:auto}, the service's default), so a
 * Java updated in place or a replaced jar costs speed, never a start. When the Java cannot make an archive
 * (no base archive in a small runtime, say), the service simply starts without one.
 */
final class ClassDataArchive {
    /** The archive's name: {@code jsrvany-launcher.<hash>.jsa}. */
    static final String PREFIX = "jsrvany-launcher.";
    static final String SUFFIX = ".jsa";
    /**
     * A JVM that crashes on a bad archive (Java 17 does on a truncated one) writes no {@code hs_err_pid*.log} into
     * the administrator's current folder and no core dump: the crash is the answer ("cannot use it").
     */
    static final List<String> NO_CRASH_FILES = List.of("-XX:+SuppressFatalErrorMessage", "-XX:-CreateCoredumpOnCrash");
    /** How long the training run and the check may take. */
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private ClassDataArchive() {
    }

    /** What {@link #ensure} found or did. */
    sealed interface Outcome {
        /** One line for the user. */
        String describe();

        /** The archive was there and this Java can use it. */
        record Present(Path archive) implements Outcome {
            @Override
            public String describe() {
                return "class data archive " + archive + " is current";
            }
        }

        /** The archive was made (or remade) now. */
        record Created(Path archive, Duration took) implements Outcome {
            @Override
            public String describe() {
                return "made the class data archive " + archive + " (" + took.toMillis() + " ms): the service starts faster";
            }
        }

        /** No usable archive: the service starts without one. */
        record NotMade(Path archive, String why) implements Outcome {
            @Override
            public String describe() {
                return "no class data archive " + archive + " (" + why + "); the service starts without one, a little slower";
            }
        }
    }

    /**
     * {@link #ensure} for the archive a jsrvany ImagePath names (its java.exe, launcher jar and JNA folder);
     * empty for an ImagePath that names none (another wrapper's, an older jsrvany's).
     */
    static java.util.Optional<Outcome> ensureFor(String imagePath, Duration timeout) {
        ImagePath.Parsed parsed = ImagePath.parse(imagePath);
        java.util.Optional<String> jar = ImagePath.launcherJar(imagePath);
        String jna = null;
        boolean named = false;
        for (String a : parsed.arguments()) {
            if (a.startsWith(ImagePath.JNA_LIBRARY_OPTION)) {
                jna = a.substring(ImagePath.JNA_LIBRARY_OPTION.length());
            } else if (a.startsWith(ImagePath.ARCHIVE_OPTION)) {
                named = true;
            }
        }
        if (jar.isEmpty() || jna == null || !named) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(ensure(parsed.program(), jar.get(), ImagePath.trainingOptions(jna), timeout));
    }

    /** The archive for the launcher jar run by {@code javaExe}: beside the jar, named for the Java. */
    static String path(String launcherJar, String javaExe) {
        return Distribution.join(Distribution.parent(launcherJar), PREFIX + key(javaExe) + SUFFIX);
    }

    /** Eight hex digits of SHA-256 over the java.exe's path, as Windows compares paths (case, {@code /}). */
    static String key(String javaExe) {
        String normal = javaExe.replace('/', '\\').toLowerCase(Locale.ROOT);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                hex.append(Character.forDigit((d[i] >> 4) & 0xf, 16)).append(Character.forDigit(d[i] & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * Makes sure the archive the service's ImagePath names exists and is usable by {@code javaExe}: kept when a
     * start with {@code -Xshare:on} accepts it, else made again. Never throws for a Java or jar that cannot
     * make one: that is {@link Outcome.NotMade}.
     *
     * @param jvmOptions the service's JVM options without the archive's (ImagePath's), for the training run
     */
    static Outcome ensure(String javaExe, String launcherJar, List<String> jvmOptions, Duration timeout) {
        Path archive = Path.of(path(launcherJar, javaExe));
        if (Files.isRegularFile(archive) && accepts(javaExe, launcherJar, jvmOptions, archive, timeout)) {
            return new Outcome.Present(archive);
        }
        Path temporary = archive.resolveSibling(archive.getFileName() + ".tmp");
        Path training = archive.resolveSibling(archive.getFileName() + ".training.properties");
        long start = System.nanoTime();
        try {
            deleteIfExists(temporary);
            deleteIfExists(training);
            // The training configuration lives beside the jar (never in a temporary folder another account could
            // change between writing and reading): its program is the Java's own -version.
            Files.writeString(training, "Application=" + escape(javaExe) + "\nAppParameters=-version\nAppExit=Exit\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            List<String> train = new ArrayList<>(List.of(javaExe));
            train.addAll(jvmOptions);
            train.addAll(NO_CRASH_FILES);
            train.add("-XX:ArchiveClassesAtExit=" + temporary);
            train.addAll(List.of("-jar", launcherJar, "run", "--config", training.toString()));
            Run trained = run(train, timeout);
            if (trained.exit() != 0 || !Files.isRegularFile(temporary)) {
                return new Outcome.NotMade(archive, trained.exit() != 0 ? "the training run " + trained.describe()
                        : "this Java made none: " + trained.reason());
            }
            if (!accepts(javaExe, launcherJar, jvmOptions, temporary, timeout)) {
                return new Outcome.NotMade(archive, "this Java cannot use the archive it made");
            }
            clearReadOnly(archive);
            Files.move(temporary, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Outcome.Created(archive, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            return new Outcome.NotMade(archive, e.toString());
        } finally {
            quietlyDelete(temporary);
            quietlyDelete(training);
        }
    }

    /** Whether a start of the launcher with {@code archive} and {@code -Xshare:on} succeeds (it refuses an archive it cannot map). */
    static boolean accepts(String javaExe, String launcherJar, List<String> jvmOptions, Path archive, Duration timeout) {
        List<String> check = new ArrayList<>(List.of(javaExe));
        check.addAll(jvmOptions);
        check.addAll(NO_CRASH_FILES);
        check.addAll(List.of(ImagePath.ARCHIVE_OPTION + archive, "-Xshare:on", "-jar", launcherJar, "--version"));
        try {
            Run r = run(check, timeout);
            return r.exit() == 0 && r.output().contains("jsrvany-launcher");
        } catch (IOException e) {
            return false;
        }
    }

    /** A finished process: its exit code (-1 when it was stopped at the timeout) and its output. */
    private record Run(int exit, String output) {
        String describe() {
            return (exit < 0 ? "took too long" : "exited with " + exit) + reasonSuffix();
        }

        private String reasonSuffix() {
            String r = reason();
            return r.isEmpty() ? "" : ": " + r;
        }

        /** The last line that names an error or what is unsupported, else the last line (CDS's "Skipping" notes aside). */
        String reason() {
            String last = "";
            String complaint = "";
            for (String line : output.split("\\R")) {
                String l = line.strip();
                String lower = l.toLowerCase(Locale.ROOT);
                if (l.isEmpty() || l.contains("] Skipping ")) {
                    continue;
                }
                if (lower.contains("error") || lower.contains("unsupported") || lower.contains("unable")) {
                    complaint = l;
                }
                last = l;
            }
            return complaint.isEmpty() ? last : complaint;
        }
    }

    private static Run run(List<String> command, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        java.util.concurrent.CompletableFuture<String> out = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> readAll(p.getInputStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return new Run(-1, out.getNow(""));
            }
            return new Run(p.exitValue(), out.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running " + command.get(0), e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Run(p.exitValue(), "");
        }
    }

    /** The last 64 KiB of what a run printed (only the end matters for a reason); a runaway output is not all kept. */
    private static String readAll(InputStream in) {
        int keep = 64 * 1024;
        byte[] tail = new byte[2 * keep];
        int length = 0;
        try (in) {
            for (int n; (n = in.read(tail, length, tail.length - length)) >= 0; ) {
                length += n;
                if (length == tail.length) {
                    System.arraycopy(tail, length - keep, tail, 0, keep);
                    length = keep;
                }
            }
        } catch (IOException e) {
            // what was read so far
        }
        int from = Math.max(0, length - keep);
        return new String(tail, from, length - from, StandardCharsets.UTF_8);
    }

    /** A properties value as {@code PropertiesLines} reads it back: backslashes doubled. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }

    /** The JVM writes its archive read-only; Windows refuses to delete or replace a read-only file. */
    private static void clearReadOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return; // POSIX deletes and renames over a read-only file; Linux's "dos" view needs extended attributes
        }
        DosFileAttributeView dos = Files.getFileAttributeView(file, DosFileAttributeView.class);
        if (dos != null && Files.exists(file)) {
            dos.setReadOnly(false);
        }
    }

    private static void deleteIfExists(Path file) throws IOException {
        clearReadOnly(file);
        Files.deleteIfExists(file);
    }

    private static void quietlyDelete(Path file) {
        try {
            deleteIfExists(file);
        } catch (IOException e) {
            // Left over: the next install or upgrade removes it before it starts (never read by a service).
        }
    }
}
