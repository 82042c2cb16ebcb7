package org.jsrvany.core.win32.security;

import com.sun.jna.Platform;
import com.sun.jna.platform.win32.KnownFolders;
import com.sun.jna.platform.win32.Shell32Util;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jsrvany.core.security.AccessControl;
import org.jsrvany.core.security.DataFolderGuard;

/**
 * The Windows side of jsrvany's folders ({@link org.jsrvany.core.service.DataFolders}) and of every
 * permission check: where {@code %ProgramData%} is, and the {@link AccessControl} that reads and sets
 * owners and DACLs with the Win32 calls. The rule itself is plain Java
 * ({@link org.jsrvany.core.security.FolderPolicy}, {@link DataFolderGuard}).
 */
public final class SecureFolder {
    private SecureFolder() {
    }

    /**
     * Windows' ProgramData folder from the known-folder API ({@code FOLDERID_ProgramData}); if that
     * fails, the {@code ProgramData} environment variable, else {@code C:\ProgramData}. Windows only.
     */
    public static Path programData() {
        try {
            return Path.of(Shell32Util.getKnownFolderPath(KnownFolders.FOLDERID_ProgramData));
        } catch (RuntimeException | LinkageError e) {
            return Path.of(System.getenv().getOrDefault("ProgramData", "C:\\ProgramData"));
        }
    }

    /** The Win32 security calls. Windows only. */
    public static AccessControl accessControl() {
        return new WindowsAccessControl();
    }

    /** The security calls where there are any (Windows), else empty. */
    public static Optional<AccessControl> onThisSystem() {
        return Platform.isWindows() ? Optional.of(accessControl()) : Optional.empty();
    }

    /**
     * The service side: makes a folder it writes into ({@link DataFolderGuard#prepareForService}): a
     * per-service folder of {@code %ProgramData%\jsrvany} by the rule (granting this process's account when
     * it has to create it), any other folder as asked; a junction or link in the way is refused.
     */
    public static void prepareForService(Path dir) throws IOException {
        Optional<AccessControl> access = onThisSystem();
        new DataFolderGuard(access).prepareForService(dir, access.map(AccessControl::currentUser));
    }
}
