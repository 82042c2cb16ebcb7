package org.jsrvany.core.service;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * jsrvany's folders under {@code %ProgramData%}, defined once for the installer (which creates and
 * protects them), the service (which writes there) and {@code jsrvany status} (which reads there):
 *
 * <pre>
 * %ProgramData%\jsrvany\                  owner Administrators; SYSTEM and Administrators only
 *                       logs\             the same
 *                       logs\&lt;service&gt;\   + the service's account: create files, modify its files
 *                                         (&lt;service&gt;.log, the wrapper's own log, rotated)
 *                       state\            owner Administrators; SYSTEM and Administrators only
 *                       state\&lt;service&gt;\  + the service's account, as for logs
 *                                         (status.properties, what 'jsrvany status' reads)
 * </pre>
 *
 * There is no temporary folder: JNA loads its native library from the install folder and never
 * unpacks it (the ImagePath's {@code jna.boot.library.path} and {@code jna.nounpack}).
 *
 * A service account may write only its own service's folders ({@code org.jsrvany.core.security.FolderPolicy}
 * holds the entries). {@code <service>} is {@link #folderName}: every service name gives a valid, distinct
 * folder name. On Windows {@code programData} is the known folder ({@code SecureFolder.programData()}),
 * not the environment variable: a service's environment can differ from a console's.
 *
 * @param programData {@code %ProgramData%} (a temporary folder in tests)
 */
public record DataFolders(Path programData) {
    /** The folder's name under {@code %ProgramData%}. */
    public static final String ROOT = "jsrvany";
    public static final String LOGS = "logs";
    public static final String STATE = "state";
    /** The folders below the root that every service shares (each holds one folder per service). */
    public static final List<String> SHARED = List.of(LOGS, STATE);
    /** The status file's name in {@link #serviceState}. */
    public static final String STATUS_FILE = "status.properties";

    private static final Set<String> DEVICE_NAMES = Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    public DataFolders {
        Objects.requireNonNull(programData, "programData");
    }

    /** {@code %ProgramData%\jsrvany}. */
    public Path root() {
        return programData.resolve(ROOT);
    }

    /** The folder of every service's log folder. */
    public Path logs() {
        return root().resolve(LOGS);
    }

    /** The folder of every service's state folder. */
    public Path state() {
        return root().resolve(STATE);
    }

    /** One service's log folder: {@code logs\<folderName>}. */
    public Path serviceLogs(String service) {
        return logs().resolve(folderName(service));
    }

    /** One service's state folder: {@code state\<folderName>}. */
    public Path serviceState(String service) {
        return state().resolve(folderName(service));
    }

    /**
     * The folder older versions named for JNA ({@code -Djna.tmpdir}): no longer created or used (JNA loads
     * its DLL from the protected install folder); {@code jsrvany upgrade} re-points services away from it.
     */
    public Path tmp() {
        return root().resolve("tmp");
    }

    /**
     * The layout a per-service folder ({@code <programData>\jsrvany\logs|state\<name>}) belongs to, and
     * whether it is one: empty for any other folder.
     */
    public static Optional<DataFolders> ofServiceFolder(Path folder) {
        Path abs = folder.toAbsolutePath().normalize();
        Path shared = abs.getParent();
        Path root = shared == null ? null : shared.getParent();
        if (root == null || root.getParent() == null || abs.getFileName() == null) {
            return Optional.empty();
        }
        boolean sharedName = SHARED.stream().anyMatch(s -> s.equalsIgnoreCase(shared.getFileName().toString()));
        if (!sharedName || !root.getFileName().toString().equalsIgnoreCase(ROOT)) {
            return Optional.empty();
        }
        return Optional.of(new DataFolders(root.getParent()));
    }

    /**
     * A service's folder name: the service name with every character Windows forbids in a file name
     * ({@code < > : " / \ | ? *}, control characters), {@code #} and {@code %}, and a trailing dot or space
     * written as {@code #XX} (the UTF-8 bytes in upper-case hex); a reserved device name ({@code CON},
     * {@code NUL.x}, {@code COM1} ...) gets its first character encoded. Distinct names give distinct
     * folders (service names and the file system are both case-insensitive), and the result holds no
     * {@code %}, which Logback would read as a pattern.
     */
    public static String folderName(String service) {
        Objects.requireNonNull(service, "service");
        StringBuilder sb = new StringBuilder();
        int n = service.length();
        for (int i = 0; i < n; ) {
            int cp = service.codePointAt(i);
            int len = Character.charCount(cp);
            boolean last = i + len == n;
            if (cp < 0x20 || "<>:\"/\\|?*#%".indexOf(cp) >= 0 || (last && (cp == '.' || cp == ' '))) {
                encode(sb, cp);
            } else {
                sb.appendCodePoint(cp);
            }
            i += len;
        }
        String name = sb.toString();
        int dot = name.indexOf('.');
        String stem = (dot < 0 ? name : name.substring(0, dot)).toUpperCase(Locale.ROOT);
        if (DEVICE_NAMES.contains(stem)) {
            StringBuilder device = new StringBuilder();
            encode(device, name.charAt(0));
            name = device + name.substring(1);
        }
        return name.isEmpty() ? "#" : name;
    }

    private static void encode(StringBuilder sb, int cp) {
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
            sb.append('#').append(String.format("%02X", b & 0xFF));
        }
    }
}
