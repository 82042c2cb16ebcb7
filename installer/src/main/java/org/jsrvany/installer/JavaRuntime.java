package org.jsrvany.installer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** What the installer needs to know about the {@code java.exe} a service will run: pure rules and one small read. */
final class JavaRuntime {
    /** The processor a Windows executable is built for (its PE header's {@code Machine} field). */
    enum Machine {
        X64, ARM64, X86,
        /** Not a Windows executable, unreadable, or another processor. */
        UNKNOWN
    }

    private static final int IMAGE_FILE_MACHINE_I386 = 0x014c;
    private static final int IMAGE_FILE_MACHINE_AMD64 = 0x8664;
    private static final int IMAGE_FILE_MACHINE_ARM64 = 0xaa64;
    /** Enough for the DOS header and the PE signature of any java.exe. */
    static final int HEADER_BYTES = 4096;

    /**
     * A folder name that carries a version a Java update changes: a number with a further dotted or
     * underscored part ({@code jdk-17.0.12+7}, {@code jdk-17.0.12.7-hotspot}, {@code jre1.8.0_401},
     * {@code 17.0.12-7}). A bare major version ({@code jdk-17}, {@code java17}) stays across updates.
     */
    private static final Pattern VERSIONED = Pattern.compile(".*\\d+[._]\\d+.*");

    private JavaRuntime() {
    }

    /** The processor an executable's first bytes say it is built for. */
    static Machine machine(byte[] head) {
        if (head.length < 0x40 || head[0] != 'M' || head[1] != 'Z') {
            return Machine.UNKNOWN;
        }
        long peOffset = u16(head, 0x3c) | (long) u16(head, 0x3e) << 16;
        if (peOffset < 0x40 || peOffset + 6 > head.length) {
            return Machine.UNKNOWN;
        }
        int pe = (int) peOffset;
        if (head[pe] != 'P' || head[pe + 1] != 'E' || head[pe + 2] != 0 || head[pe + 3] != 0) {
            return Machine.UNKNOWN;
        }
        return switch (u16(head, pe + 4)) {
            case IMAGE_FILE_MACHINE_AMD64 -> Machine.X64;
            case IMAGE_FILE_MACHINE_ARM64 -> Machine.ARM64;
            case IMAGE_FILE_MACHINE_I386 -> Machine.X86;
            default -> Machine.UNKNOWN;
        };
    }

    /** The processor of the executable at {@code path}; UNKNOWN when it cannot be read. */
    static Machine machineOf(String path) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return machine(in.readNBytes(HEADER_BYTES));
        } catch (IOException | InvalidPathException e) {
            return Machine.UNKNOWN;
        }
    }

    /**
     * The deepest folder on the way to {@code javaExe} whose name carries a version, if any: that folder
     * is replaced by a Java update, and a service that runs a java.exe inside it stops starting.
     */
    static Optional<String> versionedFolder(String javaExe) {
        String folder = Distribution.parent(javaExe);
        while (!folder.isEmpty() && !Distribution.parent(folder).equals(folder)) {
            String name = Distribution.fileName(folder);
            if (VERSIONED.matcher(name).matches()) {
                return Optional.of(name);
            }
            folder = Distribution.parent(folder);
        }
        return Optional.empty();
    }

    /** The warning {@code install} prints for a java.exe in a versioned folder, naming the ways out. */
    static Optional<String> versionWarning(String javaExe) {
        return versionedFolder(javaExe).map(folder -> "the service will run " + javaExe + ", in a folder named for"
                + " its version (" + folder + "). A Java update installs a new folder and removes this one, and the"
                + " service then fails to start. To avoid it, run services on a runtime bundled in jsrvany's folder"
                + " (runtime\\, see docs/distribution.md), or give --java a path that stays the same across updates,"
                + " for example a junction: mklink /J C:\\Java\\jdk17 \"" + Distribution.parent(Distribution.parent(javaExe))
                + "\" and --java C:\\Java\\jdk17\\bin\\java.exe. After an update, 'jsrvany upgrade' re-points services"
                + " whose java.exe is gone.");
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }
}
