package org.jsrvany.core.service;

import java.nio.file.Path;
import java.util.List;

/**
 * jsrvany's folders under {@code %ProgramData%}, defined once for the installer (which creates and
 * protects them) and the service (which writes there):
 *
 * <pre>
 * %ProgramData%\jsrvany\        root, protected (SYSTEM and Administrators; service accounts granted)
 *                       logs\    the wrapper's own log, one per service
 *                       state\   the status file 'jsrvany status' reads, one per service
 * </pre>
 *
 * There is no temporary folder: JNA loads its native library from the install folder and never
 * unpacks it (the ImagePath's {@code jna.boot.library.path} and {@code jna.nounpack}).
 *
 * On Windows {@code programData} is the known folder ({@code SecureFolder.programData()}), not the
 * environment variable: a service's environment can differ from a console's.
 *
 * @param programData {@code %ProgramData%} (a temporary folder in tests)
 */
public record DataFolders(Path programData) {
    /** The folder's name under {@code %ProgramData%}. */
    public static final String ROOT = "jsrvany";
    /** The subfolders the installer creates, protected like the root. */
    public static final List<String> SUBFOLDERS = List.of("state", "logs");

    /** {@code %ProgramData%\jsrvany}. */
    public Path root() {
        return programData.resolve(ROOT);
    }

    /** The wrapper's own logs. */
    public Path logs() {
        return root().resolve("logs");
    }

    /** The published status files. */
    public Path state() {
        return root().resolve("state");
    }
}
