package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class data archive on Windows, with the real Windows JVM and the real launcher jar and JNA's DLL in a
 * lib folder, exactly as install makes it. A Java without a base archive (the Wine lane's jlink runtime has
 * none) cannot make one: install says so and the service starts without. The same runtime given a base
 * archive ({@code java -Xshare:dump}, as docs/startup.md says) makes one, and the launcher maps it.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
class ClassDataArchiveWindowsIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    @Test
    void theServicesJvmMakesTheArchiveWhenItsJavaHasABaseArchiveAndSaysWhyNotOtherwise() throws Exception {
        Path launcher = WindowsIt.realLauncher();
        Path lib = Files.createDirectories(dir.resolve("jsrvany").resolve("lib"));
        Path jar = Files.copy(launcher, lib.resolve("jsrvany-launcher.jar"));
        Files.copy(launcher.resolveSibling(Distribution.JNA_LIBRARY), lib.resolve(Distribution.JNA_LIBRARY));
        List<String> options = ImagePath.trainingOptions(lib.toString());

        Path home = Path.of(System.getProperty("java.home"));
        boolean hasBase = Files.isRegularFile(home.resolve("bin").resolve("server").resolve("classes.jsa"));
        ClassDataArchive.Outcome own = ClassDataArchive.ensure(WindowsIt.javaExe().toString(), jar.toString(), options, TIMEOUT);
        System.out.println("this runtime (" + home + ", base archive " + hasBase + "): " + own.describe());
        if (!hasBase) {
            assertThat(own).isInstanceOf(ClassDataArchive.Outcome.NotMade.class);
            assertThat(own.describe()).contains("base CDS archive is not loaded");
        }

        // A copy of this runtime with a base archive, as an administrator makes it (or jlink --generate-cds-archive).
        Path copy = dir.resolve("runtime");
        copyTree(home, copy);
        Path java = copy.resolve("bin").resolve("java.exe");
        Run dump = run(List.of(java.toString(), "-Xshare:dump"));
        assertThat(dump.exit()).as(dump.output()).isZero();
        ClassDataArchive.Outcome made = ClassDataArchive.ensure(java.toString(), jar.toString(), options, TIMEOUT);
        System.out.println("the copy with a base archive: " + made.describe());
        assertThat(made).as(made.describe()).isInstanceOf(ClassDataArchive.Outcome.Created.class);
        Path archive = Path.of(ClassDataArchive.path(jar.toString(), java.toString()));
        assertThat(archive).isRegularFile();
        assertThat(ClassDataArchive.ensure(java.toString(), jar.toString(), options, TIMEOUT))
                .isInstanceOf(ClassDataArchive.Outcome.Present.class);

        // The launcher started as the service's ImagePath starts it maps jsrvany's classes from the archive.
        Path config = Files.writeString(dir.resolve("run.properties"), "Application=" + java.toString().replace("\\", "\\\\")
                + "\nAppParameters=-version\nAppExit=Exit\n", StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(options);
        command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:class+load=info", "-jar",
                jar.toString(), "run", "--config", config.toString()));
        Run r = run(command);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("org.jsrvany.core.supervisor.Supervisor source: shared objects file (top)");
    }

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(4, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
