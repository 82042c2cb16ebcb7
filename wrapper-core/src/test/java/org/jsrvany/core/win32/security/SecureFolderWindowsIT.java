package org.jsrvany.core.win32.security;

import org.jsrvany.core.win32.WindowsTestSupport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jsrvany.core.win32.security.SecureFolder.Kind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The protected DACL, read back from a real folder, and a real link refused. */
@Tag(WindowsTestSupport.TAG)
@EnabledOnOs(OS.WINDOWS)
class SecureFolderWindowsIT {
    private static final Set<String> FULL = Set.of("FA", "0X1F01FF");
    private static final Set<String> MODIFY = Set.of("0X1301BF");

    /** The account the folder is granted to: this process's (so the test can delete it), or LocalService. */
    private static String account() {
        return SecureFolder.currentSidToGrant().orElse(SecureFolder.LOCAL_SERVICE);
    }

    @Test
    void theRootGetsAProtectedDaclWithSystemAdministratorsAndTheAccountOnly(@TempDir Path tmp) throws IOException {
        String account = account();
        Path root = SecureFolder.prepare(tmp, Optional.of(account), true, List.of("logs", "state", "tmp"));
        assertEquals(Kind.DIRECTORY, SecureFolder.inspect(root));
        String sddl = SecureFolder.readSddl(root);
        String where = (WindowsTestSupport.isWine() ? "Wine: " : "Windows: ") + sddl;
        if (WindowsTestSupport.isWine() && !SecureFolder.isProtected(sddl)) {
            assumeTrue(false, "Wine does not keep a file's DACL: SetNamedSecurityInfo succeeded, but"
                    + " GetNamedSecurityInfo returns its default one: " + sddl);
        }
        assertTrue(SecureFolder.isProtected(sddl), "the DACL must not inherit from ProgramData; " + where);
        List<String> aces = SecureFolder.aces(sddl);
        assertEquals(3, aces.size(), "exactly SYSTEM, Administrators and the account; " + where);
        assertTrue(aces.stream().anyMatch(a -> allows(a, FULL, "SY", SecureFolder.SYSTEM)), where);
        assertTrue(aces.stream().anyMatch(a -> allows(a, FULL, "BA", SecureFolder.ADMINISTRATORS)), where);
        assertTrue(aces.stream().anyMatch(a -> allows(a, MODIFY, alias(account), account)), where);

        // Run again for another account: both stay (another service installed later).
        SecureFolder.prepare(tmp, Optional.of(SecureFolder.NETWORK_SERVICE), true, List.of());
        String again = SecureFolder.readSddl(root);
        assertTrue(SecureFolder.isProtected(again), again);
        List<String> both = SecureFolder.aces(again);
        assertTrue(both.stream().anyMatch(a -> allows(a, MODIFY, alias(account), account)), again);
        assertTrue(both.stream().anyMatch(a -> allows(a, MODIFY, "NS", SecureFolder.NETWORK_SERVICE)), again);
    }

    @Test
    void subfoldersInheritTheRootsEntries(@TempDir Path tmp) throws IOException {
        String account = account();
        Path root = SecureFolder.prepare(tmp, Optional.of(account), true, List.of("logs"));
        String sddl = SecureFolder.readSddl(root.resolve("logs"));
        boolean inherited = SecureFolder.aces(sddl).stream()
                .anyMatch(a -> a.toUpperCase(Locale.ROOT).contains("ID") && allows(a, FULL, "SY", SecureFolder.SYSTEM));
        if (WindowsTestSupport.isWine()) {
            assumeTrue(inherited, "Wine does not propagate the inheritable entries to a new subfolder: " + sddl);
        }
        assertTrue(inherited, "logs must inherit SYSTEM's entry from jsrvany: " + sddl);
        assertTrue(SecureFolder.aces(sddl).stream().noneMatch(a -> a.toUpperCase(Locale.ROOT).endsWith(";BU")
                || a.toUpperCase(Locale.ROOT).endsWith(";S-1-5-32-545")), "no entry for Users: " + sddl);
    }

    @Test
    void aSymbolicLinkInPlaceOfAFolderIsRefused(@TempDir Path tmp) throws IOException {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Path programData = Files.createDirectory(tmp.resolve("ProgramData"));
        Path link = programData.resolve("jsrvany");
        try {
            Files.createSymbolicLink(link, elsewhere);
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "cannot create a symbolic link here (needs the privilege or developer mode): " + e);
        }
        String what;
        boolean readable;
        try {
            Object dos = Files.getAttribute(link, "dos:attributes", LinkOption.NOFOLLOW_LINKS);
            what = (WindowsTestSupport.isWine() ? "Wine" : "Windows") + " says dos:attributes=0x"
                    + Integer.toHexString((Integer) dos);
            readable = true;
        } catch (NoSuchFileException e) {
            what = (WindowsTestSupport.isWine() ? "Wine" : "Windows") + " cannot open the link itself: " + e;
            readable = false;
        }
        if (!readable && WindowsTestSupport.isWine()) {
            assumeTrue(false, "Wine's symbolic links are not visible as links to Windows programs (the path"
                    + " looks missing, so there is nothing to refuse): " + what);
        }
        assertThrows(SecureFolder.UnsafeFolderException.class,
                () -> SecureFolder.prepare(programData, Optional.empty(), true, List.of("logs")), what);
        assertThrows(SecureFolder.UnsafeFolderException.class,
                () -> SecureFolder.prepareForService(link.resolve("state")), what);
        try (var s = Files.list(elsewhere)) {
            assertEquals(List.of(), s.toList(), "nothing may be written through the link; " + what);
        }
        assertEquals(Kind.REPARSE_POINT, SecureFolder.inspect(link), what);
    }

    private static String alias(String sid) {
        return switch (sid) {
            case SecureFolder.LOCAL_SERVICE -> "LS";
            case SecureFolder.NETWORK_SERVICE -> "NS";
            default -> sid;
        };
    }

    /** An allow entry inherited by folders and files below, with one of the masks, for the SID (or its alias). */
    private static boolean allows(String ace, Set<String> masks, String alias, String sid) {
        String[] f = ace.split(";", -1);
        if (f.length < 6 || !f[0].equals("A")) {
            return false;
        }
        String flags = f[1].toUpperCase(Locale.ROOT);
        return flags.contains("OI") && flags.contains("CI") && masks.contains(f[2].toUpperCase(Locale.ROOT))
                && (f[5].equalsIgnoreCase(alias) || f[5].equalsIgnoreCase(sid));
    }
}
