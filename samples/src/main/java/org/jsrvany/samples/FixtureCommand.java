package org.jsrvany.samples;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the command line that runs the {@link Fixture} with the running JVM, for tests that need a real
 * child process. The classpath comes from where the classes were actually loaded (a {@code target/classes}
 * folder or a jar), never from {@code java.class.path}, which under Surefire is a temporary manifest jar.
 */
public final class FixtureCommand {
    private FixtureCommand() {
    }

    /** {@code [java, -cp, classpath, org.jsrvany.samples.Fixture, fixtureArgs...]}. */
    public static List<String> command(String... fixtureArgs) {
        return command(List.of(fixtureArgs));
    }

    /** Same as {@link #command(String...)}. */
    public static List<String> command(List<String> fixtureArgs) {
        List<String> command = new ArrayList<>(4 + fixtureArgs.size());
        command.add(javaExecutable().toString());
        command.add("-cp");
        command.add(classpath());
        command.add(Fixture.class.getName());
        command.addAll(fixtureArgs);
        return List.copyOf(command);
    }

    /**
     * The {@code java} launcher of the running runtime: {@code java.home/bin/java(.exe)}, falling back to the
     * current process's executable. java.home comes first because the current process may be a custom
     * launcher (jpackage, an embedding exe) that would not understand {@code -cp}.
     */
    public static Path javaExecutable() {
        String name = SignalIgnorer.isWindows() ? "java.exe" : "java";
        Path fromHome = Path.of(System.getProperty("java.home"), "bin", name);
        if (Files.isRegularFile(fromHome)) {
            return fromHome;
        }
        return ProcessHandle.current().info().command().map(Path::of)
                .orElseThrow(() -> new IllegalStateException("cannot find the java executable of this JVM"));
    }

    /** The locations of the fixture classes, JNA and jna-platform, joined with {@link File#pathSeparator}. */
    public static String classpath() {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(location(Fixture.class));
        entries.add(location(com.sun.jna.Native.class));
        entries.add(location(com.sun.jna.platform.win32.WinDef.class));
        return String.join(File.pathSeparator, entries);
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("no code source for " + type.getName());
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath().toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("code source of " + type.getName() + " is not a file: "
                    + source.getLocation(), e);
        }
    }
}
