package org.jsrvany.installer;

import java.util.Locale;
import java.util.Optional;

/**
 * The layout of the distribution zip (docs/distribution.md), as plain string rules that work on a
 * Windows path read from the registry as well as on the path of a file on this machine:
 *
 * <pre>
 * jsrvany.cmd
 * lib\jsrvany.jar, lib\jsrvany-launcher.jar
 * lib\jnidispatch.dll                  JNA's native library for x64 Java
 * lib\win32-aarch64\jnidispatch.dll    ... for ARM64 Java
 * runtime\                              an optional bundled Java runtime
 * </pre>
 *
 * A copy's <em>root</em> is the folder holding {@code lib\}; for jars outside that layout (a
 * development build's {@code target} folder) it is the jar's own folder.
 */
final class Distribution {
    static final String LAUNCHER_JAR = "jsrvany-launcher.jar";
    /** JNA's native library, as JNA looks for it in {@code jna.boot.library.path}. */
    static final String JNA_LIBRARY = "jnidispatch.dll";
    /** The subfolder of {@code lib} with JNA's library for ARM64 Java (JNA's own name for the platform). */
    static final String ARM64_FOLDER = "win32-aarch64";

    private Distribution() {
    }

    /** The folder JNA's library is loaded from for a launcher jar run by a Java of this architecture. */
    static String jnaFolder(String launcherJar, JavaRuntime.Machine machine) {
        String lib = parent(launcherJar);
        return machine == JavaRuntime.Machine.ARM64 ? join(lib, ARM64_FOLDER) : lib;
    }

    /** The root of the copy a jar of {@code lib} belongs to. */
    static String root(String jar) {
        String folder = parent(jar);
        return fileName(folder).equalsIgnoreCase("lib") ? parent(folder) : folder;
    }

    /** The bundled runtime's {@code java.exe} of the copy a jar belongs to (it may not exist). */
    static String bundledJava(String jar) {
        return join(join(join(root(jar), "runtime"), "bin"), "java.exe");
    }

    /**
     * The java.exe services run unless {@code --java} says otherwise: the runtime bundled with this copy
     * of jsrvany when there is one (it moves with jsrvany and no Java update touches it), else the Java
     * running the installer.
     */
    static String defaultJava(Optional<String> installerJar, String runningJava, java.util.function.Predicate<String> exists) {
        return installerJar.map(Distribution::bundledJava).filter(exists).orElse(runningJava);
    }

    /** Whether two paths name the same file: Windows rules (case and {@code /} vs {@code \} do not matter). */
    static boolean samePath(String a, String b) {
        return normal(a).equals(normal(b));
    }

    /** Whether {@code path} is {@code folder} or below it. */
    static boolean isInside(String path, String folder) {
        String p = normal(path);
        String f = normal(folder);
        return p.equals(f) || p.startsWith(f.endsWith("\\") ? f : f + "\\");
    }

    /** The folder of a path ("" when it has none); trailing separators are ignored. */
    static String parent(String path) {
        String p = stripTrailingSeparators(path);
        int cut = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
        if (cut < 0) {
            return "";
        }
        // Keep the root's separator: the parent of C:\x is C:\, of /x is /.
        return cut == 0 || (cut == 2 && p.charAt(1) == ':') ? p.substring(0, cut + 1) : p.substring(0, cut);
    }

    /** The last name of a path; trailing separators are ignored. */
    static String fileName(String path) {
        String p = stripTrailingSeparators(path);
        return p.substring(Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/')) + 1);
    }

    /** {@code folder} and {@code name} joined with the separator the folder already uses. */
    static String join(String folder, String name) {
        char sep = folder.indexOf('\\') >= 0 || folder.matches("[A-Za-z]:") ? '\\' : '/';
        if (folder.isEmpty()) {
            return name;
        }
        char last = folder.charAt(folder.length() - 1);
        return last == '\\' || last == '/' ? folder + name : folder + sep + name;
    }

    /**
     * The version in the manifest of the launcher jar at {@code jar}, if it can be read (the
     * {@code Implementation-Version} the build writes).
     */
    static Optional<String> launcherVersion(String jar) {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar)) {
            java.util.jar.Manifest m = file.getManifest();
            return m == null ? Optional.empty()
                    : Optional.ofNullable(m.getMainAttributes().getValue("Implementation-Version"));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String stripTrailingSeparators(String path) {
        int end = path.length();
        while (end > 1 && (path.charAt(end - 1) == '\\' || path.charAt(end - 1) == '/')
                && !(end == 3 && path.charAt(1) == ':')) {
            end--;
        }
        return path.substring(0, end);
    }

    private static String normal(String path) {
        return stripTrailingSeparators(path.replace('/', '\\')).toLowerCase(Locale.ROOT);
    }
}
