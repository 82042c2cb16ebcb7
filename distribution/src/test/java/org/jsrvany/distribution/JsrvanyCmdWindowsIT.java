package org.jsrvany.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The zip's {@code jsrvany.cmd} under the real {@code cmd.exe}: the arguments an administrator's
 * batch line gives it reach the installer exactly, its exit code is the installer's, it works from
 * another current folder and from a folder with spaces, parentheses and {@code &}, and it finds Java
 * in the documented order. The installer behind it is {@link EchoArgs} (a test jar put where
 * {@code lib\jsrvany.jar} goes), so what arrived can be printed.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(600)
class JsrvanyCmdWindowsIT {
    @TempDir
    static Path scratch;

    /** A copy of the zip's jsrvany.cmd with the echo jar as lib\jsrvany.jar, in a folder with awkward characters. */
    static Path copy;
    /** Another current folder for every run. */
    static Path elsewhere;
    static Path java;
    static Path javaHome;
    static boolean wine;

    @BeforeAll
    static void layOut() throws Exception {
        wine = Cmd.isWine();
        javaHome = Path.of(System.getProperty("java.home"));
        java = javaHome.resolve("bin").resolve("java.exe");
        copy = layout(scratch.resolve("jsrvany (x86) & co"));
        elsewhere = Files.createDirectories(scratch.resolve("elsewhere"));
    }

    /** jsrvany.cmd from the zip and the echo jar as lib\jsrvany.jar, in {@code root}. */
    static Path layout(Path root) throws IOException {
        Files.createDirectories(root.resolve("lib"));
        try (ZipFile zip = new ZipFile(TheZip.path().toFile()); InputStream in = zip.getInputStream(zip.getEntry("jsrvany.cmd"))) {
            Files.copy(in, root.resolve("jsrvany.cmd"), StandardCopyOption.REPLACE_EXISTING);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, EchoArgs.class.getName());
        String entry = EchoArgs.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(root.resolve("lib").resolve("jsrvany.jar")),
                manifest); InputStream in = EchoArgs.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return root;
    }

    /** The environment of a run: only what the row sets decides which Java is found. */
    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        String systemRoot = System.getenv().getOrDefault("SystemRoot", "C:\\windows");
        env.put("PATH", systemRoot + "\\system32;" + systemRoot);
        env.put("JAVA_HOME", null);
        env.put("JSRVANY_JAVA", null);
        env.put("ECHO_EXIT", null);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    static Cmd.Result jsrvany(Path root, Map<String, String> env, String rawArguments) throws Exception {
        return Cmd.run(scratch, elsewhere, env, "@" + Cmd.q(root.resolve("jsrvany.cmd")) + " " + rawArguments);
    }

    /**
     * One batch line each, as an administrator's script would write it (so {@code %%} is one
     * {@code %}), and the arguments the installer must get: exactly those {@code java.exe} gets from
     * the same text typed directly.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "install MyApp \"C:\\Program Files\\My App\\app.exe\" --dir \"C:\\My App\" => install§MyApp§C:\\Program Files\\My App\\app.exe§--dir§C:\\My App",
        "set MyApp AppParameters -- \"a & b\" \"x && y\" => set§MyApp§AppParameters§--§a & b§x && y",
        "\"x^y\" \"p|q\" \"<in>\" \">out\" \"(paren)\" => x^y§p|q§<in>§>out§(paren)",
        "!wow! \"!quoted!\" a!b => !wow!§!quoted!§a!b",
        "\"say \\\"hi\\\"\" \"\" end => say \"hi\"§§end",
        "trailing\\ \"dir\\\\\" => trailing\\§dir\\",
        "a,b;c=d => a,b;c=d",
        "`\"50%%\" \"%%PATH%%\" 100%%` => 50%§%PATH%§100%",
    })
    void argumentsArriveExactly(String raw, String expected) throws Exception {
        List<String> want = Arrays.asList(expected.split("§", -1));
        assumeFalse(wine && raw.contains("%"), "known to differ under Wine: Wine's cmd.exe expands % again inside the"
                + " value of %* (Windows does not), so no batch file can pass a % through it there");
        Cmd.Result direct = Cmd.run(scratch, elsewhere, env(), "@" + Cmd.q(java) + " -jar "
                + Cmd.q(copy.resolve("lib").resolve("jsrvany.jar")) + " " + raw);
        assertThat(direct.args()).as("the same text typed directly\n%s", direct).isEqualTo(want);

        Cmd.Result r = jsrvany(copy, env("JSRVANY_JAVA", javaHome.toString()), raw);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.args()).as(r.toString()).isEqualTo(want);
        assertThat(r.property("jna.boot.library.path")).isEqualTo(copy.resolve("lib") + ";" + copy.resolve("lib")
                .resolve("win32-aarch64"));
        assertThat(r.property("jna.nosys")).isEqualTo("true");
        assertThat(r.property("jna.nounpack")).isEqualTo("true");
        assertThat(r.err()).contains("jsrvany: Java \"" + java + "\" (JSRVANY_JAVA)");
    }

    @ParameterizedTest(name = "exit {0}")
    @CsvSource({"0", "3", "12", "40", "41"})
    void theExitCodeIsTheInstallers(int code) throws Exception {
        Cmd.Result r = jsrvany(copy, env("JSRVANY_JAVA", javaHome.toString(), "ECHO_EXIT", Integer.toString(code)), "status x");
        assertThat(r.exit()).as(r.toString()).isEqualTo(code);
        assertThat(r.args()).containsExactly("status", "x");
    }

    /** A Java folder that says (in its release file) it is Java 11: passed over, never run. */
    static Path oldJava() throws IOException {
        Path home = scratch.resolve("old java");
        Files.createDirectories(home.resolve("bin"));
        Files.copy(java, home.resolve("bin").resolve("java.exe"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"11.0.2\"\r\n");
        return home;
    }

    @Test
    void aBundledRuntimeComesFirst() throws Exception {
        Path withRuntime = layout(scratch.resolve("with runtime"));
        TheZip.copyTree(javaHome, withRuntime.resolve("runtime"));
        Cmd.Result r = jsrvany(withRuntime, env("JSRVANY_JAVA", javaHome.toString(), "JAVA_HOME", javaHome.toString()), "x");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains("jsrvany: Java \"" + withRuntime.resolve("runtime").resolve("bin").resolve("java.exe")
                + "\" (the runtime bundled with jsrvany)");
        assertThat(r.property("java.home")).isEqualTo(withRuntime.resolve("runtime").toString());
    }

    @Test
    void jsrvanyJavaComesBeforeJavaHomeAsAFolderOrAJavaExeAndMustBeUsable() throws Exception {
        Path old = oldJava();
        Cmd.Result folder = jsrvany(copy, env("JSRVANY_JAVA", javaHome + "\\", "JAVA_HOME", old.toString()), "x");
        assertThat(folder.err()).as(folder.toString()).contains("jsrvany: Java \"" + java + "\" (JSRVANY_JAVA)");
        Cmd.Result exe = jsrvany(copy, env("JSRVANY_JAVA", java.toString()), "x");
        assertThat(exe.err()).as(exe.toString()).contains("jsrvany: Java \"" + java + "\" (JSRVANY_JAVA)");
        assertThat(exe.exit()).isZero();
        Cmd.Result quoted = jsrvany(copy, env("JSRVANY_JAVA", "\"" + javaHome + "\""), "x");
        assertThat(quoted.err()).as("set with quotes around it\n%s", quoted).contains("jsrvany: Java \"" + java + "\" (JSRVANY_JAVA)");

        Cmd.Result missing = jsrvany(copy, env("JSRVANY_JAVA", scratch.resolve("no java").toString(),
                "JAVA_HOME", javaHome.toString()), "x");
        assertThat(missing.exit()).as(missing.toString()).isEqualTo(41);
        assertThat(missing.err()).contains("JSRVANY_JAVA is \"" + scratch.resolve("no java") + "\", which is neither");
        assertThat(missing.args()).as("the installer did not run").isEmpty();
        Cmd.Result tooOld = jsrvany(copy, env("JSRVANY_JAVA", old.toString()), "x");
        assertThat(tooOld.exit()).isEqualTo(41);
        assertThat(tooOld.err()).contains("a Java 11.0.2: jsrvany needs Java 17 or later");
    }

    @Test
    void javaHomeThenPathAndAnUnusableJavaHomeIsPassedOverWithANote() throws Exception {
        assumeTrue(noVendorKeys(), "this machine has JDK vendor registry keys, which come before PATH");
        Cmd.Result home = jsrvany(copy, env("JAVA_HOME", javaHome.toString()), "x");
        assertThat(home.err()).as(home.toString()).contains("jsrvany: Java \"" + java + "\" (JAVA_HOME)");

        Path old = oldJava();
        Map<String, String> onPath = env("JAVA_HOME", old.toString());
        onPath.put("PATH", onPath.get("PATH") + ";" + java.getParent());
        Cmd.Result path = jsrvany(copy, onPath, "x");
        assertThat(path.exit()).as(path.toString()).isZero();
        assertThat(path.err()).contains("JAVA_HOME is \"" + old + "\", a Java 11.0.2; looking further")
                .contains("jsrvany: Java \"" + java + "\" (PATH)");
    }

    @Test
    void withoutAnyJavaOneSentenceSaysWhatToInstallAndTheExitCodeIs41() throws Exception {
        assumeTrue(noVendorKeys(), "this machine has JDK vendor registry keys");
        Cmd.Result r = jsrvany(copy, env("JAVA_HOME", scratch.resolve("gone").toString()), "x");
        assertThat(r.exit()).as(r.toString()).isEqualTo(41);
        assertThat(r.err()).contains("JAVA_HOME is \"" + scratch.resolve("gone") + "\", which has no bin\\java.exe")
                .contains("no Java 17 or later was found").contains("Install a 64-bit Java 17 or later");
        assertThat(r.args()).isEmpty();
    }

    @Test
    void theNewestJava17PlusInTheVendorsRegistryKeysIsFound() throws Exception {
        assumeTrue(elevated(), "needs an elevated process: it writes test keys under HKLM\\SOFTWARE");
        assumeTrue(noVendorKeys(), "this machine has JDK vendor registry keys of its own");
        String adoptium = "HKLM\\SOFTWARE\\Eclipse Adoptium\\JRE\\17.0.99.0-jsrvany-test\\hotspot\\MSI";
        String zulu = "HKLM\\SOFTWARE\\Azul Systems\\Zulu\\zulu-11-jsrvany-test";
        try {
            reg("add", adoptium, "/v", "Path", "/t", "REG_SZ", "/d", javaHome + "\\", "/f");
            reg("add", zulu, "/v", "InstallationPath", "/t", "REG_SZ", "/d", oldJava().toString(), "/f");
            Cmd.Result r = jsrvany(copy, env(), "x");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.err()).contains("jsrvany: Java \"" + java + "\" (the registry, HKLM\\SOFTWARE\\Eclipse Adoptium)");
            assertThat(r.args()).containsExactly("x");
        } finally {
            reg("delete", "HKLM\\SOFTWARE\\Eclipse Adoptium", "/f");
            reg("delete", "HKLM\\SOFTWARE\\Azul Systems", "/f");
        }
    }

    private static final List<String> VENDOR_KEYS = List.of("HKLM\\SOFTWARE\\JavaSoft\\JDK", "HKLM\\SOFTWARE\\Eclipse Adoptium",
            "HKLM\\SOFTWARE\\Microsoft\\JDK", "HKLM\\SOFTWARE\\Azul Systems\\Zulu", "HKLM\\SOFTWARE\\BellSoft\\Liberica",
            "HKLM\\SOFTWARE\\Semeru");

    private static boolean noVendorKeys() throws Exception {
        for (String key : VENDOR_KEYS) {
            if (reg("query", key, "/reg:64") == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean elevated() throws Exception {
        String probe = "HKLM\\SOFTWARE\\jsrvany-elevation-probe";
        boolean ok = reg("add", probe, "/f") == 0;
        reg("delete", probe, "/f");
        return ok;
    }

    private static int reg(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "reg.exe";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
