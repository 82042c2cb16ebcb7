package org.jsrvany.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zip as an administrator uses it: unzipped into {@code C:\Program Files\jsrvany ...} (a folder
 * with spaces), with a bundled runtime, the demo installed by {@code samples\demo\install-demo.cmd}
 * through {@code jsrvany.cmd}, started, its page served by the child, stopped and removed; the
 * service's JNA came from {@code lib\}, and no file was unpacked outside the install folder (the
 * whole system drive is compared before and after). Everything goes through {@code jsrvany.cmd},
 * {@code reg.exe} and HTTP: no project class is used.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(600)
class ZipInstallWindowsIT {
    @TempDir
    Path scratch;

    private Path home;
    private String name;

    @AfterEach
    void cleanUp() throws Exception {
        if (name != null && home != null && status(name) != 5) {
            jsrvany("remove", name, "--force", "--timeout", "60s");
        }
        if (home != null) {
            TheZip.deleteTree(home);
        }
    }

    @Test
    void unzipInstallStartStopRemoveWithTheBundledRuntimeAndNothingUnpackedElsewhere() throws Exception {
        assumeTrue(elevated(), "needs an elevated process: it installs a service");
        Path programFiles = Path.of(System.getenv().getOrDefault("ProgramFiles", "C:\\Program Files"));
        String id = UUID.randomUUID().toString().substring(0, 8);
        name = "jsrvany-zip-" + id;
        home = TheZip.unzip(programFiles.resolve("jsrvany it " + id));
        if (!Files.exists(home.resolve("runtime"))) {
            // The default zip has no runtime\: put one there as -Djsrvany.runtime would (the Java running this test).
            TheZip.copyTree(Path.of(System.getProperty("java.home")), home.resolve("runtime"));
        }
        Path runtimeJava = home.resolve("runtime").resolve("bin").resolve("java.exe");
        List<Path> drive = watched(home);
        Set<String> before = files(drive, home);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        Cmd.Result installed = Cmd.run(scratch, scratch, Map.of(), "@" + Cmd.q(home.resolve("samples\\demo\\install-demo.cmd"))
                + " " + name + " " + port);
        assertThat(installed.exit()).as(installed.toString()).isZero();
        assertThat(installed.err()).contains("jsrvany: Java \"" + runtimeJava + "\" (the runtime bundled with jsrvany)");
        String imagePath = imagePath(name);
        assertThat(imagePath).as("the service runs the bundled runtime, JNA from lib\\, never unpacked")
                .matches(java.util.regex.Pattern.quote("\"" + runtimeJava + "\" -Xrs -Xms4m -Xmx64m -XX:-UsePerfData -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"
                        + " \"-XX:SharedArchiveFile=" + home.resolve("lib\\jsrvany-launcher.")) + "[0-9a-f]{8}"
                        + java.util.regex.Pattern.quote(".jsa\" -Xshare:auto \"-Djna.boot.library.path=" + home.resolve("lib")
                        + "\" -Djna.nosys=true -Djna.nounpack=true -jar \"" + home.resolve("lib\\jsrvany-launcher.jar") + "\""));

        Cmd.Result started = jsrvany("start", name, "--timeout", "90s");
        assertThat(started.exit()).as(started.toString()).isZero();
        String page = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("http://127.0.0.1:" + port + "/"), p -> p != null && p.contains("id=\"pid\""));
        assertThat(page).as("the child serves the demo page").contains("start count: 1");
        assertThat(home.resolve("samples\\demo\\logs\\demo.log")).as("the child's output, in the install folder").exists();

        Path wrapperLog = newFiles(before, drive, home).stream().map(Path::of)
                .filter(p -> p.getFileName().toString().equalsIgnoreCase(name + ".log")).findFirst()
                .orElseThrow(() -> new AssertionError("no wrapper log " + name + ".log was written"));
        assertThat(Files.readString(wrapperLog, StandardCharsets.UTF_8)).as("the service loaded JNA from lib\\")
                .contains("JNA's native library " + home.resolve("lib\\jnidispatch.dll"))
                .contains("Java 17").contains(" from " + home.resolve("runtime"));
        assertNothingUnpacked(before, drive);

        Cmd.Result upgrade = jsrvany("upgrade", "--dry-run");
        assertThat(upgrade.exit()).as(upgrade.toString()).isZero();
        assertThat(upgrade.out()).contains("  " + name + ": runs this copy already");

        Cmd.Result stopped = jsrvany("stop", name);
        assertThat(stopped.exit()).as(stopped.toString()).isZero();
        Cmd.Result removed = jsrvany("remove", name);
        assertThat(removed.exit()).as(removed.toString()).isZero();
        assertThat(status(name)).as("gone: status says there is no such service").isEqualTo(5);
        assertNothingUnpacked(before, drive);
    }

    /**
     * Every file and folder that appeared on the drive outside the install folder is one the
     * service is meant to write: its log and status file below {@code ...\jsrvany\logs|state}
     * ({@link #serviceFile}), or this test's own scratch files. Nothing else: no {@code jna*.dll},
     * no {@code jna-*} folder, no {@code hsperfdata}.
     */
    private void assertNothingUnpacked(Set<String> before, List<Path> drive) throws Exception {
        boolean wine = Cmd.isWine();
        List<String> unexpected = new ArrayList<>();
        for (String f : newFiles(before, drive, home)) {
            String lower = f.toLowerCase(Locale.ROOT);
            String file = lower.substring(lower.lastIndexOf('\\') + 1);
            boolean serviceFile = serviceFile(lower);
            boolean ours = f.startsWith(scratch.toString());
            // Wine's cmd.exe keeps the output of 'for /f' in CMD*.tmp files in the temporary folder
            // (Windows uses a pipe); it is the shell's file, not code.
            boolean wineCmd = wine && file.startsWith("cmd") && file.endsWith(".tmp");
            if (!serviceFile && !ours && !wineCmd) {
                unexpected.add(f);
            }
        }
        assertThat(unexpected).as("files written outside %s (a JNA unpack would show as jna*.dll or a jna-* folder)", home)
                .isEmpty();
    }

    /**
     * Where a file could be unpacked: under Wine the whole system drive (a few thousand files); on
     * Windows, where walking C:\Windows would take minutes, the folders a JVM or JNA writes to
     * (the system's and the user's temporary folders, ProgramData, the public and the user's
     * profile data).
     */
    private static List<Path> watched(Path home) throws Exception {
        if (Cmd.isWine()) {
            return List.of(home.getRoot().toRealPath());
        }
        Map<String, String> env = System.getenv();
        List<Path> roots = new ArrayList<>();
        for (String p : new String[] {env.get("SystemRoot") + "\\Temp", env.get("TEMP"), env.get("ProgramData"),
                env.get("PUBLIC"), env.get("USERPROFILE") + "\\AppData"}) {
            if (p != null && !p.startsWith("null") && Files.isDirectory(Path.of(p))) {
                roots.add(Path.of(p));
            }
        }
        return roots;
    }

    /**
     * jsrvany's data folders and what the service writes there: {@code ...\jsrvany\logs|state\} and,
     * below them, the service's own file ({@code NAME.log}) or folder ({@code NAME\...}).
     */
    private boolean serviceFile(String lower) {
        if (lower.endsWith("\\jsrvany") || lower.endsWith("\\jsrvany\\logs") || lower.endsWith("\\jsrvany\\state")) {
            return true;
        }
        for (String shared : List.of("\\jsrvany\\logs\\", "\\jsrvany\\state\\")) {
            int at = lower.indexOf(shared);
            if (at >= 0) {
                String first = lower.substring(at + shared.length()).split("\\\\")[0];
                return first.startsWith(name.toLowerCase(Locale.ROOT));
            }
        }
        return false;
    }

    /** Files and folders below {@code roots} not in {@code before}, outside {@code skip}. */
    private static List<String> newFiles(Set<String> before, List<Path> drive, Path skip) throws IOException {
        List<String> added = new ArrayList<>();
        for (String f : files(drive, skip)) {
            if (!before.contains(f)) {
                added.add(f);
            }
        }
        return added;
    }

    /**
     * Every file and folder below {@code roots} except below {@code skip}; unreadable folders are
     * passed over, and so are folders that lead elsewhere (under Wine the profile's Desktop,
     * Documents... are links into the Linux home folder; on Windows, junctions).
     */
    private static Set<String> files(List<Path> roots, Path skip) throws IOException {
        Set<String> all = new TreeSet<>();
        for (Path r : roots) {
            walk(r, r.toRealPath(), skip, all);
        }
        return all;
    }

    private static void walk(Path dir, Path realRoot, Path skip, Set<String> all) {
        if (dir.equals(skip)) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path c : (Iterable<Path>) children::iterator) {
                all.add(c.toString());
                if (Files.isDirectory(c, java.nio.file.LinkOption.NOFOLLOW_LINKS) && c.toRealPath().startsWith(realRoot)
                        && c.toRealPath().equals(c.toAbsolutePath().normalize())) {
                    walk(c, realRoot, skip, all);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a folder this account may not read (a system folder on Windows)
        }
    }

    private Cmd.Result jsrvany(String... args) throws Exception {
        return Cmd.run(scratch, scratch, new HashMap<>(), "@" + Cmd.q(home.resolve("jsrvany.cmd")) + " " + String.join(" ", args));
    }

    private int status(String service) throws Exception {
        return jsrvany("status", service).exit();
    }

    private static String imagePath(String service) throws Exception {
        Process p = new ProcessBuilder("reg.exe", "query", "HKLM\\SYSTEM\\CurrentControlSet\\Services\\" + service, "/v",
                "ImagePath").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.Charset.defaultCharset());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        for (String line : out.split("\r?\n")) {
            int at = line.indexOf("REG_EXPAND_SZ");
            int width = "REG_EXPAND_SZ".length();
            if (at < 0) {
                at = line.indexOf("REG_SZ");
                width = "REG_SZ".length();
            }
            if (line.strip().startsWith("ImagePath") && at >= 0) {
                return line.substring(at + width).strip();
            }
        }
        throw new AssertionError("no ImagePath for " + service + ":\n" + out);
    }

    private static String get(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(5000);
            try (InputStream in = c.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return null; // not serving yet
        }
    }

    private static boolean elevated() throws Exception {
        String probe = "HKLM\\SOFTWARE\\jsrvany-elevation-probe";
        boolean ok = reg("add", probe, "/f") == 0;
        reg("delete", probe, "/f");
        return ok;
    }

    private static int reg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("reg.exe"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
