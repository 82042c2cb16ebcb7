package org.jsrvany.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zip as an administrator gets it, checked on the build machine: its layout, JNA's native
 * library beside the jars, line ends of the batch files, the notices covering everything inside, and
 * the jars running (on this JVM, and on a runtime with only the modules docs/distribution.md names).
 */
class ZipLayoutIT {
    @TempDir
    static Path unzipped;

    @TempDir
    static Path scratch;

    static List<String> entries;

    @BeforeAll
    static void unzip() throws IOException {
        entries = TheZip.entries();
        TheZip.unzip(unzipped);
    }

    @Test
    void holdsTheCommandTheJarsJnasLibraryDocsSamplesAndNotices() throws IOException {
        assertThat(entries).contains("jsrvany.cmd", "lib/jsrvany.jar", "lib/jsrvany-launcher.jar", "lib/jnidispatch.dll",
                "lib/win32-aarch64/jnidispatch.dll", "README.md", "THIRD-PARTY-NOTICES.txt",
                "samples/README.txt", "samples/demo/install-demo.cmd", "samples/demo/jsrvany-fixture.jar",
                "samples/services/batch-file.cmd", "samples/services/powershell-script.cmd", "samples/services/java-app.cmd",
                "licenses/jna/LICENSE", "licenses/jna/AL2.0", "licenses/jna/LGPL2.1", "licenses/slf4j-api/LICENSE.txt",
                "licenses/commons-exec/LICENSE.txt", "licenses/commons-exec/NOTICE.txt");
        try (Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
            docs.map(p -> "docs/" + p.getFileName()).forEach(d -> assertThat(entries).as("every page of docs/").contains(d));
        }
        assertThat(entries).as("no top-level folder: it unzips into the folder it is given")
                .allSatisfy(e -> assertThat(e).doesNotStartWith(TheZip.path().getFileName().toString().replace(".zip", "")));
        assertThat(entries).as("nothing from a build folder").noneMatch(e -> e.contains("target/") || e.contains("META-INF/"));
    }

    @Test
    void jnasLibrariesAreTheOnesInsideJnasJar() throws IOException {
        try (JarFile jar = new JarFile(unzipped.resolve("lib/jsrvany.jar").toFile())) {
            assertThat(Files.readAllBytes(unzipped.resolve("lib/jnidispatch.dll")))
                    .isEqualTo(bytes(jar, "com/sun/jna/win32-x86-64/jnidispatch.dll"));
            assertThat(Files.readAllBytes(unzipped.resolve("lib/win32-aarch64/jnidispatch.dll")))
                    .isEqualTo(bytes(jar, "com/sun/jna/win32-aarch64/jnidispatch.dll"));
        }
    }

    @Test
    void batchFilesAndTextsHaveWindowsLineEnds() throws IOException {
        for (String e : entries) {
            boolean ours = !e.startsWith("licenses/") && !e.startsWith("runtime/");
            if (ours && (e.endsWith(".cmd") || e.endsWith(".txt"))) {
                String text = Files.readString(unzipped.resolve(e), StandardCharsets.ISO_8859_1);
                assertThat(text.replace("\r\n", "")).as("%s: every line ends with CRLF", e).doesNotContain("\n");
                assertThat(text).as(e).endsWith("\r\n");
            }
        }
    }

    @Test
    void theNoticesNameEveryThirdPartyComponentInsideWithItsVersionAndExistingTexts() throws IOException {
        String notices = Files.readString(unzipped.resolve("THIRD-PARTY-NOTICES.txt"), StandardCharsets.UTF_8);
        assertThat(notices).contains("jsrvany " + TheZip.version()).doesNotContain("${");
        TreeSet<String> bundled = new TreeSet<>();
        for (String jar : List.of("lib/jsrvany.jar", "lib/jsrvany-launcher.jar", "samples/demo/jsrvany-fixture.jar")) {
            try (JarFile j = new JarFile(unzipped.resolve(jar).toFile())) {
                for (JarEntry e : (Iterable<JarEntry>) j.stream()::iterator) {
                    if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
                        Properties p = new Properties();
                        try (InputStream in = j.getInputStream(e)) {
                            p.load(in);
                        }
                        if (!p.getProperty("groupId").equals("org.jsrvany")) {
                            bundled.add(p.getProperty("groupId") + ":" + p.getProperty("artifactId") + " "
                                    + p.getProperty("version"));
                        }
                    }
                }
            }
        }
        assertThat(bundled).as("the jars hold third-party code").isNotEmpty();
        for (String b : bundled) {
            String ga = b.substring(0, b.indexOf(' '));
            String version = b.substring(b.indexOf(' ') + 1);
            assertThat(notices).as("THIRD-PARTY-NOTICES.txt names %s", ga).contains(ga);
            assertThat(notices).as("THIRD-PARTY-NOTICES.txt gives %s's version %s", ga, version).contains(version);
        }
        Matcher cited = Pattern.compile("licenses\\\\[\\w.-]+\\\\[\\w.-]*\\w").matcher(notices);
        List<String> citations = new ArrayList<>();
        while (cited.find()) {
            citations.add(cited.group().replace('\\', '/'));
        }
        assertThat(citations).isNotEmpty();
        assertThat(entries).as("every license file the notices cite is in the zip").containsAll(citations);
    }

    @Test
    void theJarsRunAndSayTheirVersion() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertThat(run(java, "-jar", unzipped.resolve("lib/jsrvany.jar").toString(), "--version"))
                .isEqualTo("jsrvany " + TheZip.version());
        assertThat(run(java, "-jar", unzipped.resolve("lib/jsrvany-launcher.jar").toString(), "--version"))
                .isEqualTo("jsrvany-launcher " + TheZip.version());
    }

    @Test
    void theSamplesUseOnlyOptionsInstallKnows() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String help = run(java, "-jar", unzipped.resolve("lib/jsrvany.jar").toString(), "install", "--help");
        Pattern option = Pattern.compile("(?<=\\s)--[a-z][a-z-]+");
        int checked = 0;
        for (String e : entries) {
            if (e.startsWith("samples/") && e.endsWith(".cmd")) {
                for (String line : Files.readAllLines(unzipped.resolve(e), StandardCharsets.ISO_8859_1)) {
                    int install = line.indexOf("jsrvany.cmd\" install ");
                    if (install < 0) {
                        continue;
                    }
                    String options = line.substring(install, line.contains(" -- ") ? line.indexOf(" -- ") : line.length());
                    Matcher m = option.matcher(options);
                    while (m.find()) {
                        String negatable = "--[no-]" + m.group().substring(2);
                        assertThat(help.contains(m.group()) || help.contains(negatable)).as("%s: install %s", e, m.group())
                                .isTrue();
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).as("options found in the samples").isGreaterThan(10);
    }

    @Test
    void theJarsRunOnARuntimeWithOnlyTheDocumentedModules() throws Exception {
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        Path jmods = Path.of(System.getProperty("java.home"), "jmods");
        assumeTrue(Files.isExecutable(jlink) && Files.isDirectory(jmods), "this JDK has no jlink and jmods");
        Path runtime = scratch.resolve("runtime");
        String modules = "java.base,java.logging";
        assertThat(Files.readString(unzipped.resolve("docs/distribution.md"))).as("the documented modules")
                .contains("`" + modules.replace(",", "`, `") + "`");
        run(jlink.toString(), "--add-modules", modules, "--no-header-files", "--no-man-pages", "--output", runtime.toString());
        String java = runtime.resolve("bin").resolve("java").toString();
        assertThat(run(java, "-jar", unzipped.resolve("lib/jsrvany.jar").toString(), "--version"))
                .isEqualTo("jsrvany " + TheZip.version());
        assertThat(run(java, "-jar", unzipped.resolve("lib/jsrvany-launcher.jar").toString(), "--version"))
                .isEqualTo("jsrvany-launcher " + TheZip.version());
        // The installer's foreground test of a configuration: the parameter table, validation,
        // supervision and the process layer, on the small runtime.
        Path config = Files.writeString(scratch.resolve("quick.properties"),
                "Application=" + java.replace("\\", "\\\\") + "\nAppParameters=-version\nAppExit=Exit\n");
        assertThat(run(java, "-jar", unzipped.resolve("lib/jsrvany.jar").toString(), "test", "--config", config.toString()))
                .contains("exited with code 0");
    }

    @Test
    void aBundledRuntimeWhenThereIsOneIsAWindowsJavaWithTheNeededModules() throws IOException {
        boolean bundled = entries.stream().anyMatch(e -> e.startsWith("runtime/"));
        assumeTrue(bundled, "built without -Djsrvany.runtime: the zip has no runtime\\ (checked: no runtime/ entry)");
        assertThat(entries).contains("runtime/bin/java.exe", "runtime/release");
        String release = Files.readString(unzipped.resolve("runtime/release"));
        assertThat(release).contains("java.base").contains("java.logging");
    }

    private static byte[] bytes(JarFile jar, String name) throws IOException {
        try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
            return in.readAllBytes();
        }
    }

    /** Runs a command, expects exit 0, returns its output (stdout and stderr) stripped. */
    private static String run(String... command) throws Exception {
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        String text = Files.readString(out).strip();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
        return text;
    }
}
