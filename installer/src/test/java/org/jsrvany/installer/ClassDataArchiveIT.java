package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class data archive with real JVMs and the real launcher jar (Linux: the service's JVM flags, without
 * JNA's Windows-only library rules): made by a training run, used by
 * the launcher, kept while current, made again when stale, never left half-written; and a missing,
 * foreign or stale archive never stops the launcher from starting its program.
 */
@EnabledOnOs(OS.LINUX)
class ClassDataArchiveIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;
    private Path lib;
    private Path jar;

    @BeforeEach
    void copyTheLauncher() throws IOException {
        // No space in the path: Java 17 takes no class of a jar whose path has one from the archive (docs/startup.md).
        lib = Files.createDirectories(dir.resolve("jsrvany-dir").resolve("lib"));
        jar = Files.copy(WindowsIt.realLauncher(), lib.resolve("jsrvany-launcher.jar"));
    }

    @Test
    void installMakesAnArchiveTheLauncherMapsAndKeepsItWhileItIsCurrent() throws Exception {
        ClassDataArchive.Outcome made = ensure(JAVA);
        assertThat(made).as(made.describe()).isInstanceOf(ClassDataArchive.Outcome.Created.class);
        Path archive = Path.of(ClassDataArchive.path(jar.toString(), JAVA));
        assertThat(((ClassDataArchive.Outcome.Created) made).archive()).isEqualTo(archive);
        assertThat(archive).isRegularFile().hasParent(lib);
        try (Stream<Path> files = Files.list(lib)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no training file or temporary archive left")
                    .containsExactlyInAnyOrder("jsrvany-launcher.jar", archive.getFileName().toString());
        }

        // The launcher started as the service starts it maps jsrvany's own classes from the archive.
        Run r = launcher(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:class+load=info"),
                config("Application=/bin/true\nAppExit=Exit\n"));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("org.jsrvany.core.supervisor.Supervisor source: shared objects file (top)")
                .contains("org.jsrvany.launcher.LauncherMain source: shared objects file (top)");

        long modified = Files.getLastModifiedTime(archive).toMillis();
        ClassDataArchive.Outcome again = ensure(JAVA);
        assertThat(again).as(again.describe()).isInstanceOf(ClassDataArchive.Outcome.Present.class);
        assertThat(Files.getLastModifiedTime(archive).toMillis()).as("a current archive is not rewritten").isEqualTo(modified);
    }

    @Test
    void aStaleArchiveIsMadeAgain() throws Exception {
        Path archive = Path.of(ClassDataArchive.path(jar.toString(), JAVA));
        Files.writeString(archive, "not an archive: a Java updated in place, a copy from elsewhere");
        ClassDataArchive.Outcome made = ensure(JAVA);
        assertThat(made).as(made.describe()).isInstanceOf(ClassDataArchive.Outcome.Created.class);
        assertThat(ClassDataArchive.accepts(JAVA, jar.toString(), options(), archive, TIMEOUT)).isTrue();
    }

    @Test
    void aMissingForeignOrStaleArchiveNeverStopsAStart() throws Exception {
        Path config = config("Application=/bin/sh\nAppParameters=-c \"echo started >> " + dir.resolve("starts") + "\"\nAppExit=Exit\n");
        List<Path> archives = new ArrayList<>();
        archives.add(lib.resolve("missing.jsa"));
        archives.add(Files.writeString(lib.resolve("garbage.jsa"), "garbage ".repeat(10_000)));
        archives.add(Files.createFile(lib.resolve("empty.jsa")));
        // An archive made for the launcher jar of another folder.
        Path other = Files.createDirectories(dir.resolve("other"));
        Path otherJar = Files.copy(jar, other.resolve("jsrvany-launcher.jar"));
        ClassDataArchive.Outcome foreign = ClassDataArchive.ensure(JAVA, otherJar.toString(), options(), TIMEOUT);
        assertThat(foreign).as(foreign.describe()).isInstanceOf(ClassDataArchive.Outcome.Created.class);
        archives.add(((ClassDataArchive.Outcome.Created) foreign).archive());
        // An archive of another Java build, when this machine has one.
        Path temurin = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        if (Files.isExecutable(temurin) && !temurin.toRealPath().equals(Path.of(JAVA).toRealPath())) {
            Path otherJava = Files.createDirectories(dir.resolve("other java"));
            Path j = Files.copy(jar, otherJava.resolve("jsrvany-launcher.jar"));
            ClassDataArchive.Outcome made = ClassDataArchive.ensure(temurin.toString(), j.toString(), options(), TIMEOUT);
            if (made instanceof ClassDataArchive.Outcome.Created c) {
                archives.add(c.archive());
            }
        }
        // This jar's own archive, then the jar replaced in place by another build (the JVM checks its time and size).
        ClassDataArchive.Outcome own = ensure(JAVA);
        assertThat(own).as(own.describe()).isInstanceOf(ClassDataArchive.Outcome.Created.class);
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 3_600_000));
        archives.add(((ClassDataArchive.Outcome.Created) own).archive());
        int started = 0;
        for (Path archive : archives) {
            Run r = launcher(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"), config);
            assertThat(r.exit()).as(archive + ": " + r.output()).isZero();
            started++;
            assertThat(Files.readAllLines(dir.resolve("starts"))).as(archive.toString()).hasSize(started);
        }
        assertThat(started).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aTruncatedArchiveIsNeverPutInPlace() throws Exception {
        // A Java whose training run leaves a truncated archive and says it succeeded (a disk that filled up,
        // say): the real JVM crashes on a truncated archive, so the check with -Xshare:on must refuse it.
        Path good = Path.of(ClassDataArchive.path(jar.toString(), JAVA));
        assertThat(ensure(JAVA)).isInstanceOf(ClassDataArchive.Outcome.Created.class);
        byte[] whole = Files.readAllBytes(good);
        Files.delete(good);
        Path half = Files.write(dir.resolve("half.jsa"), java.util.Arrays.copyOf(whole, whole.length / 3));
        Path fakeBin = Files.createDirectories(dir.resolve("fake java").resolve("bin"));
        Path fake = fakeBin.resolve("java");
        Files.writeString(fake, "#!/bin/sh\n"
                + "for a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*) cp '" + half + "' \"${a#*=}\"; exit 0;; esac; done\n"
                + "exec '" + JAVA + "' \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        ClassDataArchive.Outcome o = ensure(fake.toString());
        assertThat(o).as(o.describe()).isInstanceOf(ClassDataArchive.Outcome.NotMade.class);
        assertThat(o.describe()).contains("cannot use the archive it made");
        Path archive = Path.of(ClassDataArchive.path(jar.toString(), fake.toString()));
        assertThat(archive).doesNotExist();
        try (Stream<Path> files = Files.list(Path.of(""))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("the crash left no hs_err file in the current folder")
                    .noneMatch(n -> n.startsWith("hs_err_pid"));
        }
        assertThat(archive.resolveSibling(archive.getFileName() + ".tmp")).doesNotExist();
    }

    @Test
    void aJavaThatCannotMakeOneIsANoteNotAFailure() throws Exception {
        Path fakeBin = Files.createDirectories(dir.resolve("no cds").resolve("bin"));
        Path fake = fakeBin.resolve("java");
        Files.writeString(fake, "#!/bin/sh\necho '[0.010s][warning][cds] -XX:ArchiveClassesAtExit is unsupported when base CDS"
                + " archive is not loaded'\nexit 0\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        ClassDataArchive.Outcome o = ensure(fake.toString());
        assertThat(o).isInstanceOf(ClassDataArchive.Outcome.NotMade.class);
        assertThat(o.describe()).contains("base CDS archive is not loaded").contains("starts without one");
        try (Stream<Path> files = Files.list(lib)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("jsrvany-launcher.jar");
        }
    }

    private ClassDataArchive.Outcome ensure(String java) {
        return ClassDataArchive.ensure(java, jar.toString(), options(), TIMEOUT);
    }

    /**
     * The service's JVM options: on Linux without JNA's Windows-only rules (no jnidispatch here to load from the
     * lib folder; the launcher unpacks JNA's Linux library as any Linux run does).
     */
    private List<String> options() {
        return ImagePath.JVM_OPTIONS;
    }

    private Path config(String text) throws IOException {
        return Files.writeString(dir.resolve("run.properties"), text, StandardCharsets.UTF_8);
    }

    private record Run(int exit, String output) {
    }

    private Run launcher(List<String> archiveOptions, Path config) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(options());
        command.addAll(archiveOptions);
        command.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }
}
