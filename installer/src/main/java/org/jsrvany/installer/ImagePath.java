package org.jsrvany.installer;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsrvany.core.cmdline.WindowsCommandLine;

/**
 * Builds a jsrvany service's ImagePath and reads any service's ImagePath.
 *
 * <p>Built: {@code "<java.exe>" -Xrs -Xms4m -Xmx64m -XX:-UsePerfData -XX:+UseSerialGC -XX:TieredStopAtLevel=1
 * -XX:CICompilerCount=1 "-XX:SharedArchiveFile=<dir>\jsrvany-launcher.<hash>.jsa" -Xshare:auto "-Djna.boot.library.path=<dir>" -Djna.nosys=true
 * -Djna.nounpack=true -jar "<launcher jar>"}. Every path is quoted, always (not only when it holds a space),
 * so the "unquoted service path" hole cannot open: the SCM runs {@code CreateProcess} on this line, and an
 * unquoted {@code C:\Program Files\x.exe} would first try {@code C:\Program.exe}.
 *
 * <p>JNA loads its {@code jnidispatch.dll} from {@code <dir>}, the launcher's own folder in the protected
 * install folder, and from nowhere else: not from {@code PATH} ({@code jna.nosys}) and never unpacked into
 * a temporary folder ({@code jna.nounpack}), where a less privileged account could swap it before a
 * LocalSystem service loads it. {@code -XX:-UsePerfData} keeps the JVM from writing its
 * {@code hsperfdata} file into the shared temporary folder. The serial collector and the client compiler
 * alone start faster and keep a smaller, quieter process (fewer threads, no C2 arenas): a wrapper's work
 * is copying pipes to files, which the client compiler's code does at the same speed (docs/performance.md).
 *
 * <p>The class data archive ({@link ClassDataArchive}) lies beside the launcher jar, in the same protected
 * folder, and is named in every ImagePath whether or not it exists yet: {@code -Xshare:auto} starts without
 * it when it is missing or stale, and the ImagePath stays one pure function of the paths (what
 * {@code upgrade} compares).
 */
final class ImagePath {
    /**
     * The launcher's JVM options before JNA's: no console-signal handling (the service handles its controls),
     * a small heap that starts at 4 MiB (it grows when needed; starting at 64 MiB kept 8 MB more resident, at 8 MiB
     * the start filled a 2.7 MB young generation: 1.2 MB more resident when idle than at 4 MiB),
     * no performance-data file in the shared temporary folder, the serial collector and the
     * client compiler only, in one compiler thread (start-up, threads and memory, docs/performance.md).
     */
    static final List<String> JVM_OPTIONS = List.of("-Xrs", "-Xms4m", "-Xmx64m", "-XX:-UsePerfData", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1");
    /** The class data archive ({@link ClassDataArchive}), always quoted. */
    static final String ARCHIVE_OPTION = "-XX:SharedArchiveFile=";
    /** Use the archive when it fits this Java and jar, start without it otherwise (the JVM's default, said aloud). */
    static final String SHARE_AUTO = "-Xshare:auto";
    static final String JNA_LIBRARY_OPTION = "-Djna.boot.library.path=";
    /** After the boot library path: never the system's library path, never unpacked from the jar. */
    static final List<String> JNA_OPTIONS = List.of("-Djna.nosys=true", "-Djna.nounpack=true");

    private ImagePath() {
    }

    /**
     * The ImagePath of a jsrvany service.
     *
     * @throws IllegalArgumentException if a path is empty or contains a double quote (no Windows path can)
     */
    static String build(String javaExecutable, String launcherJar, String jnaLibraryFolder) {
        StringBuilder sb = new StringBuilder(WindowsCommandLine.quoteProgram(javaExecutable));
        for (String option : JVM_OPTIONS) {
            sb.append(' ').append(option);
        }
        sb.append(' ').append(quoteAlways(ARCHIVE_OPTION + ClassDataArchive.path(requirePath(launcherJar, "launcher jar"),
                requirePath(javaExecutable, "java.exe"))));
        sb.append(' ').append(SHARE_AUTO);
        sb.append(' ').append(quoteAlways(JNA_LIBRARY_OPTION + requirePath(jnaLibraryFolder, "JNA library folder")));
        for (String option : JNA_OPTIONS) {
            sb.append(' ').append(option);
        }
        sb.append(" -jar ").append(quoteAlways(requirePath(launcherJar, "launcher jar")));
        return sb.toString();
    }

    /**
     * The service's JVM options without the archive's, unquoted: what the training run of
     * {@link ClassDataArchive#ensure} starts the launcher with, so the archive fits the service's JVM.
     */
    static List<String> trainingOptions(String jnaLibraryFolder) {
        List<String> options = new java.util.ArrayList<>(JVM_OPTIONS);
        options.add(JNA_LIBRARY_OPTION + requirePath(jnaLibraryFolder, "JNA library folder"));
        options.addAll(JNA_OPTIONS);
        return options;
    }

    /**
     * Quotes one argument even when it needs no quotes, so that {@code CommandLineToArgvW} gives it back
     * unchanged: backslashes before the closing quote are doubled. It must not contain a double quote.
     */
    static String quoteAlways(String arg) {
        if (arg.indexOf('"') >= 0) {
            throw new IllegalArgumentException("a path cannot contain a double quote: " + arg);
        }
        int end = arg.length();
        while (end > 0 && arg.charAt(end - 1) == '\\') {
            end--;
        }
        return '"' + arg + "\\".repeat(arg.length() - end) + '"';
    }

    private static String requirePath(String path, String what) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("the " + what + " path is empty");
        }
        return path;
    }

    /** An ImagePath split into its program and its arguments. */
    record Parsed(String program, List<String> arguments, boolean unquotedWithSpaces) {
        /** The program's file name, lower case ({@code java.exe}, {@code nssm.exe}...). */
        String programFileName() {
            return fileName(program).toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Splits an ImagePath as {@code CreateProcess} would: a quoted program runs to its closing quote; an
     * unquoted one is taken up to the first {@code .exe} followed by a space or the end (where
     * CreateProcess would try the shorter names first: {@code unquotedWithSpaces} is then true), else
     * to the first space.
     */
    static Parsed parse(String imagePath) {
        String s = imagePath.strip();
        String program;
        String rest;
        boolean unquotedWithSpaces = false;
        if (s.startsWith("\"")) {
            int close = s.indexOf('"', 1);
            program = close < 0 ? s.substring(1) : s.substring(1, close);
            rest = close < 0 ? "" : s.substring(close + 1);
        } else {
            int exe = findExe(s);
            int space = firstSpace(s);
            int end = exe >= 0 ? exe : (space < 0 ? s.length() : space);
            program = s.substring(0, end);
            rest = s.substring(end);
            unquotedWithSpaces = firstSpace(program) >= 0;
        }
        return new Parsed(program, WindowsCommandLine.splitArguments(rest), unquotedWithSpaces);
    }

    /** Which wrapper this ImagePath runs. */
    static WrapperKind kind(String imagePath) {
        Parsed p = parse(imagePath);
        String exe = p.programFileName();
        if (exe.equals("srvany-ng.exe") || exe.equals("srvany-ng")) {
            return WrapperKind.SRVANY_NG;
        }
        if (exe.equals("srvany.exe") || exe.equals("srvany")) {
            return WrapperKind.SRVANY;
        }
        if (exe.equals("nssm.exe") || exe.equals("nssm")) {
            return WrapperKind.NSSM;
        }
        return launcherJar(imagePath).isPresent() ? WrapperKind.JSRVANY : WrapperKind.OTHER;
    }

    /** The jar after {@code -jar}, when its file name is {@code jsrvany-launcher*.jar}. */
    static Optional<String> launcherJar(String imagePath) {
        List<String> args = parse(imagePath).arguments();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("-jar")) {
                String jar = args.get(i + 1);
                String file = fileName(jar).toLowerCase(Locale.ROOT);
                return file.startsWith("jsrvany-launcher") && file.endsWith(".jar") ? Optional.of(jar) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    static String fileName(String path) {
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return path.substring(cut + 1);
    }

    private static int findExe(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int i = lower.indexOf(".exe", from);
            if (i < 0) {
                return -1;
            }
            int end = i + 4;
            if (end == s.length() || s.charAt(end) == ' ' || s.charAt(end) == '\t') {
                return end;
            }
            from = i + 1;
        }
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}
