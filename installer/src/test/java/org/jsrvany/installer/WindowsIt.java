package org.jsrvany.installer;

import org.jsrvany.core.win32.security.SecureFolder;
import org.jsrvany.core.win32.Win32CallException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.jsrvany.core.status.PublishedStatus;
import org.jsrvany.core.win32.registry.RegistryKeyAccess;
import org.jsrvany.core.win32.eventlog.WindowsEventSources;
import org.jsrvany.core.win32.registry.RegistryParameterStore;
import org.jsrvany.core.win32.scm.WindowsServiceManager;

/** What the installer's Windows tests share: the real context, a test service jar, Wine detection. */
final class WindowsIt {
    private WindowsIt() {
    }

    /**
     * The shaded {@code wrapper-launcher/target/jsrvany-launcher.jar} the build made, beside the launcher's
     * classes or thin jar; the test is skipped when the build has not packaged it.
     */
    static Path realLauncher() {
        try {
            Path source = Path.of(org.jsrvany.launcher.LauncherMain.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            Path jar = source.getParent().resolve("jsrvany-launcher.jar");
            assumeTrue(Files.isRegularFile(jar), "the build has not packaged " + jar + " (run mvn verify)");
            return jar;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #run} with the command and its result printed, for the lane's log. */
    static Harness.Result runEchoed(Path launcher, String... args) {
        Harness.Result r = run(launcher, args);
        System.out.println("$ jsrvany " + String.join(" ", args) + "\n" + r);
        return r;
    }

    /** Removes a test's service with the installer (if it is still there) and whatever is left of its key. */
    static void removeService(org.jsrvany.core.service.ServiceManager scm, Path launcher, String name) {
        if (name == null) {
            return;
        }
        if (scm.find(name).isPresent()) {
            run(launcher, "remove", name, "--force", "--timeout", "60s");
        }
        RegistryKeyAccess.localMachine().deleteTree("SYSTEM\\CurrentControlSet\\Services\\" + name);
    }

    static boolean isWine() {
        return RegistryKeyAccess.localMachine().keyExists("Software\\Wine");
    }

    static void assumeElevated() {
        assumeTrue(Advapi32Util.isCurrentProcessElevated(),
                "needs an elevated (administrator) process: it writes HKLM and talks to the SCM");
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Path programData() {
        return SecureFolder.programData();
    }

    static Path javaExe() {
        return Path.of(System.getProperty("java.home"), "bin", "java.exe");
    }

    /** Runs one command line in-process against the real SCM and registry. */
    static Harness.Result run(Path launcher, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Context real = InstallerMain.productionContext();
            Context ctx = new Context(Context.once(WindowsServiceManager::local), Context.once(RegistryParameterStore::localMachine),
                    Context.once(WindowsEventSources::applicationLog), Context.once(SecureFolder::accessControl),
                    new Context.Layout(javaExe().toString(), Optional.of(launcher.toString()), programData()),
                    real.environment(), true, real.clock(), real.sleeper(), p -> Optional.empty(),
                    new ByteArrayInputStream(new byte[0]), o, e);
            exit = InstallerMain.execute(ctx, args);
        }
        return new Harness.Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A runnable jar named like the launcher ({@code jsrvany-launcher-it.jar}, so the installer takes its
     * services for jsrvany services) whose main is {@link ItServiceMain}: that class, JNA, jna-platform
     * and the status contract (with the win32 package it uses), unpacked into one jar.
     */
    static Path serviceJar(Path dir) throws IOException {
        Path jar = dir.resolve("jsrvany-launcher-it.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ItServiceMain.class.getName());
        Set<String> seen = new HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            seen.add("META-INF/MANIFEST.MF");
            addClasses(out, seen, ItServiceMain.class, "org/jsrvany/installer/ItServiceMain");
            addClasses(out, seen, PublishedStatus.class, "org/jsrvany/core/status/");
            // The status writer makes its folder by SecureFolder's rule (and that reports Win32CallException).
            addClasses(out, seen, PublishedStatus.class, "org/jsrvany/core/win32/");
            addClasses(out, seen, PublishedStatus.class, "org/jsrvany/core/security/"); // FolderPolicy, DataFolderGuard
            addClasses(out, seen, PublishedStatus.class, "org/jsrvany/core/service/"); // DataFolders
            addClasses(out, seen, Native.class, "");
            addClasses(out, seen, Advapi32.class, "");
        }
        jnaLibraryBeside(jar);
        return jar;
    }

    /** JNA's x64 {@code jnidispatch.dll}, from the JNA jar, beside {@code jar}: where the ImagePath loads it from. */
    static Path jnaLibraryBeside(Path jar) throws IOException {
        Path dll = jar.resolveSibling("jnidispatch.dll");
        try (InputStream in = Native.class.getResourceAsStream("/com/sun/jna/win32-x86-64/jnidispatch.dll")) {
            if (in == null) {
                throw new IOException("JNA's jar has no com/sun/jna/win32-x86-64/jnidispatch.dll");
            }
            Files.copy(in, dll, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return dll;
    }

    private static void addClasses(JarOutputStream out, Set<String> seen, Class<?> from, String prefix) throws IOException {
        Path source;
        try {
            source = Path.of(from.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    String name = source.relativize(f).toString().replace('\\', '/');
                    if (name.startsWith(prefix)) {
                        try (InputStream in = Files.newInputStream(f)) {
                            add(out, seen, name, in);
                        }
                    }
                }
            }
            return;
        }
        try (JarFile jf = new JarFile(source.toFile())) {
            for (JarEntry e : (Iterable<JarEntry>) jf.stream()::iterator) {
                String name = e.getName();
                if (e.isDirectory() || !name.startsWith(prefix) || name.startsWith("META-INF/")) {
                    continue;
                }
                try (InputStream in = jf.getInputStream(e)) {
                    add(out, seen, name, in);
                }
            }
        }
    }

    private static void add(JarOutputStream out, Set<String> seen, String name, InputStream in) throws IOException {
        if (seen.add(name)) {
            out.putNextEntry(new JarEntry(name));
            in.transferTo(out);
            out.closeEntry();
        }
    }
}
