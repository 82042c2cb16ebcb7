package org.jsrvany.core.win32;

import org.jsrvany.core.win32.registry.RegistryKeyAccess;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.platform.win32.Advapi32Util;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Shared bits of the Windows tests (those tagged {@value #TAG}). */
public final class WindowsTestSupport {
    /** The tag that the Windows lane under Wine selects (.ci/wine-lane.sh). */
    public static final String TAG = "windows";

    private WindowsTestSupport() {
    }

    /**
     * Call before the first SLF4J logger is made (a static initialiser of the test class): where
     * the JRE lacks {@code java.naming} (the Windows lane's does), Logback fails to read
     * {@code logback-test.xml} and SLF4J stays broken for the whole JVM; then log through
     * {@link MinimalLogging} instead.
     */
    public static void useMinimalLoggingIfLogbackCannotConfigure() {
        if (ModuleLayer.boot().findModule("java.naming").isEmpty() && System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", MinimalLogging.class.getName());
        }
    }

    /** Wine keeps its own key in HKLM; Windows has none. */
    public static boolean isWine() {
        return RegistryKeyAccess.localMachine().keyExists("Software\\Wine");
    }

    /** HKLM writes and the SCM need an elevated process on Windows (Wine's user always is). */
    public static void assumeElevated() {
        assumeTrue(Advapi32Util.isCurrentProcessElevated(),
                "needs an elevated (administrator) process: it writes HKLM and talks to the SCM");
    }

    /** A name no earlier or concurrent run uses. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Where a class was loaded from (a classes folder or a jar), as a path. */
    public static String codeSource(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /** Polls {@code condition} every 50 ms until it holds; false if {@code bound} passes first. */
    public static boolean await(Duration bound, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
