package org.jsrvany.core.win32.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jsrvany.core.win32.security.SecureFolder.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureFolderTest {
    private static final String BASE = "D:P(A;OICI;FA;;;S-1-5-18)(A;OICI;FA;;;S-1-5-32-544)";

    @Test
    void wellKnownAccountsMapToTheirSids() {
        assertEquals(Optional.of(SecureFolder.SYSTEM), SecureFolder.wellKnownSid("LocalSystem"));
        assertEquals(Optional.of(SecureFolder.SYSTEM), SecureFolder.wellKnownSid(".\\LocalSystem"));
        assertEquals(Optional.of(SecureFolder.LOCAL_SERVICE), SecureFolder.wellKnownSid("NT AUTHORITY\\LocalService"));
        assertEquals(Optional.of(SecureFolder.NETWORK_SERVICE), SecureFolder.wellKnownSid("nt authority\\networkservice"));
        assertEquals(Optional.empty(), SecureFolder.wellKnownSid("NT SERVICE\\MyApp"));
        assertEquals(Optional.empty(), SecureFolder.wellKnownSid(".\\alice"));
    }

    @Test
    void localSystemNeedsNothingBeyondSystemAndAdministrators() {
        assertEquals(Optional.empty(), SecureFolder.sidToGrant("LocalSystem"));
        assertEquals(BASE, SecureFolder.rootDacl(Optional.empty(), Optional.empty()));
        assertEquals(BASE, SecureFolder.rootDacl(Optional.empty(), Optional.of(SecureFolder.SYSTEM)));
    }

    @Test
    void serviceAccountsGetModifyInheritedByEverythingBelow() {
        assertEquals(Optional.of(SecureFolder.LOCAL_SERVICE), SecureFolder.sidToGrant("NT AUTHORITY\\LocalService"));
        assertEquals(BASE + "(A;OICI;0x1301bf;;;S-1-5-19)",
                SecureFolder.rootDacl(Optional.empty(), Optional.of(SecureFolder.LOCAL_SERVICE)));
        assertEquals(BASE + "(A;OICI;0x1301bf;;;S-1-5-20)",
                SecureFolder.rootDacl(Optional.empty(), Optional.of(SecureFolder.NETWORK_SERVICE)));
        String virtual = "S-1-5-80-1-2-3-4-5"; // NT SERVICE\<name>, looked up on Windows
        assertEquals(BASE + "(A;OICI;0x1301bf;;;" + virtual + ")",
                SecureFolder.rootDacl(Optional.empty(), Optional.of(virtual)));
    }

    @Test
    void aProtectedDaclKeepsOtherAccountsAndDropsNothingButDuplicates() {
        // As Windows writes it back: aliases, an admin's own entry, another service's account.
        String current = "D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1301bf;;;LS)(A;OICI;0x1301bf;;;S-1-5-21-9-9-9-1001)";
        assertEquals(BASE + "(A;OICI;0x1301bf;;;S-1-5-20)(A;OICI;0x1301bf;;;LS)(A;OICI;0x1301bf;;;S-1-5-21-9-9-9-1001)",
                SecureFolder.rootDacl(Optional.of(current), Optional.of(SecureFolder.NETWORK_SERVICE)));
        // LS read back as an alias is the same entry as the SID: not doubled.
        assertEquals(BASE + "(A;OICI;0x1301bf;;;S-1-5-19)(A;OICI;0x1301bf;;;S-1-5-21-9-9-9-1001)",
                SecureFolder.rootDacl(Optional.of(current), Optional.of(SecureFolder.LOCAL_SERVICE)));
    }

    @Test
    void anInheritedDaclFromProgramDataIsDroppedEntirely() {
        // ProgramData's: Users may create folders and files.
        String inherited = "D:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;0x1200a9;;;BU)(A;CIID;DCLCRPCR;;;BU)";
        assertFalse(SecureFolder.isProtected(inherited));
        assertEquals(BASE, SecureFolder.rootDacl(Optional.of(inherited), Optional.empty()));
        // Protected, but an entry marked inherited is not ours to keep.
        assertEquals(BASE, SecureFolder.rootDacl(Optional.of("D:P(A;OICIID;FA;;;BU)"), Optional.empty()));
    }

    @Test
    void protectionAndEntriesAreReadFromSddl() {
        assertTrue(SecureFolder.isProtected("O:BAD:P(A;;FA;;;SY)"));
        assertTrue(SecureFolder.isProtected("D:PAI(A;;FA;;;SY)"));
        assertFalse(SecureFolder.isProtected("D:AI(A;;FA;;;SY)"));
        assertFalse(SecureFolder.isProtected("O:BA"));
        assertEquals(List.of("A;;FA;;;SY", "A;OICI;0x1301bf;;;LS"), SecureFolder.aces("D:P(A;;FA;;;SY)(A;OICI;0x1301bf;;;LS)"));
    }

    @Test
    void reparsePointsAreRefusedWhateverJavaCallsThem() {
        int directory = 0x10;
        assertEquals(Kind.DIRECTORY, SecureFolder.classify(false, true, false, directory));
        assertEquals(Kind.DIRECTORY, SecureFolder.classify(false, true, false, null));
        // A junction: Java on Windows says directory + other; the raw attributes carry the reparse flag.
        assertEquals(Kind.REPARSE_POINT, SecureFolder.classify(false, true, true, directory | 0x400));
        assertEquals(Kind.REPARSE_POINT, SecureFolder.classify(false, true, true, null));
        // Only the attribute says so (e.g. a reparse tag Java does not decode).
        assertEquals(Kind.REPARSE_POINT, SecureFolder.classify(false, true, false, directory | 0x400));
        // A directory symbolic link.
        assertEquals(Kind.REPARSE_POINT, SecureFolder.classify(true, false, false, directory | 0x400));
        assertEquals(Kind.REPARSE_POINT, SecureFolder.classify(true, false, false, null));
        assertEquals(Kind.NOT_A_DIRECTORY, SecureFolder.classify(false, false, false, 0x20));
    }

    @Test
    void preparingMakesTheFoldersAndRefusesALinkPlantedInPlaceOfOne(@TempDir Path tmp) throws IOException {
        Path programData = tmp.resolve("ProgramData");
        Path root = SecureFolder.prepare(programData, Optional.empty(), true, List.of("logs", "state"));
        assertEquals(Kind.DIRECTORY, SecureFolder.inspect(root.resolve("logs")));
        assertEquals(Kind.DIRECTORY, SecureFolder.inspect(root.resolve("state")));
        assertEquals(Kind.MISSING, SecureFolder.inspect(root.resolve("tmp")));

        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(root.resolve("tmp"), elsewhere);
        SecureFolder.UnsafeFolderException e = assertThrows(SecureFolder.UnsafeFolderException.class,
                () -> SecureFolder.prepare(programData, Optional.empty(), true, List.of("tmp")));
        assertTrue(e.getMessage().contains("Delete it"), e.getMessage());
        assertThrows(SecureFolder.UnsafeFolderException.class,
                () -> SecureFolder.prepareForService(root.resolve("tmp")));
        assertEquals(List.of(), listing(elsewhere), "nothing was written through the link");
    }

    @Test
    void theServiceSideRefusesALinkedRootAndAnyLinkedFolderItIsGiven(@TempDir Path tmp) throws IOException {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Path programData = Files.createDirectory(tmp.resolve("ProgramData"));
        Files.createSymbolicLink(programData.resolve("jsrvany"), elsewhere);
        assertThrows(SecureFolder.UnsafeFolderException.class,
                () -> SecureFolder.prepareForService(programData.resolve("jsrvany").resolve("logs")));
        Path chosen = tmp.resolve("chosen-logs");
        Files.createSymbolicLink(chosen, elsewhere);
        assertThrows(SecureFolder.UnsafeFolderException.class, () -> SecureFolder.prepareForService(chosen));
        assertEquals(List.of(), listing(elsewhere));

        SecureFolder.prepareForService(tmp.resolve("fresh").resolve("logs"));
        assertEquals(Kind.DIRECTORY, SecureFolder.inspect(tmp.resolve("fresh").resolve("logs")));
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }
}
