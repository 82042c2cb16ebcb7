package org.jsrvany.core.win32.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jsrvany.core.security.AccessControl;
import org.jsrvany.core.security.DataFolderGuard;
import org.jsrvany.core.security.Descriptor;
import org.jsrvany.core.security.FolderKind;
import org.jsrvany.core.security.FolderPolicy;
import org.jsrvany.core.security.Sids;
import org.jsrvany.core.security.UnsafeFolderException;
import org.jsrvany.core.security.WriteAccess;
import org.jsrvany.core.service.DataFolders;
import org.jsrvany.core.win32.WindowsTestSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * jsrvany's folders with the real security calls. Wine keeps no DACLs: it turns the one it is given into
 * Unix mode bits and reads back a DACL made from those (the Unix owner, Everyone for "others"). So under
 * Wine the tests show what survives that mapping (no one but the owner may write, Everyone-writable is
 * seen and moved aside); the exact owner and entries only show on Windows.
 */
@Tag(WindowsTestSupport.TAG)
@EnabledOnOs(OS.WINDOWS)
class SecureFolderWindowsIT {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    Path tmp;

    private final AccessControl acl = SecureFolder.accessControl();

    private Descriptor read(Path path) {
        AccessControl.Reading r = acl.file(path.toString());
        assertThat(r).as(path.toString()).isInstanceOf(AccessControl.Reading.Found.class);
        return ((AccessControl.Reading.Found) r).descriptor();
    }

    private List<WriteAccess.Grant> nonAdministrators(Descriptor d) {
        return WriteAccess.grants(d, WriteAccess.Role.DATA_FOLDER).stream()
                .filter(g -> Sids.NON_ADMINISTRATORS.contains(g.sid())).toList();
    }

    private DataFolders prepared() throws IOException {
        DataFolders f = new DataFolders(tmp.resolve("ProgramData"));
        List<String> notes = new DataFolderGuard(Optional.of(acl))
                .prepareForInstall(f, "svc", Optional.of(Sids.NETWORK_SERVICE), NOW);
        assertThat(notes).isEmpty();
        return f;
    }

    @Test
    void noNonAdministratorMayWriteAnyOfTheFolders() throws IOException {
        DataFolders f = prepared();
        for (Path p : List.of(f.root(), f.logs(), f.state(), f.serviceLogs("svc"), f.serviceState("svc"))) {
            Descriptor d = read(p);
            assertThat(nonAdministrators(d)).as(p + ": " + d.toSddl()).isEmpty();
        }
    }

    @Test
    void eachFolderIsOwnedByAdministratorsWithExactlyJsrvanysEntries() throws IOException {
        DataFolders f = prepared();
        Descriptor root = read(f.root());
        assumeFalse(WindowsTestSupport.isWine() && !FolderPolicy.same(root, FolderPolicy.shared()),
                "Wine keeps no DACL or owner: SetSecurityInfo succeeded, and it reads back one made from the Unix"
                        + " mode bits: " + root.toSddl());
        for (Path p : List.of(f.root(), f.logs(), f.state())) {
            assertThat(FolderPolicy.same(read(p), FolderPolicy.shared())).as(p + ": " + read(p).toSddl()).isTrue();
        }
        Descriptor own = FolderPolicy.forService(Optional.of(Sids.NETWORK_SERVICE));
        for (Path p : List.of(f.serviceLogs("svc"), f.serviceState("svc"))) {
            assertThat(FolderPolicy.same(read(p), own)).as(p + ": " + read(p).toSddl()).isTrue();
        }
    }

    @Test
    void aServiceFolderEveryoneCouldWriteIsMovedAsideAndMadeAgain() throws IOException {
        DataFolders f = prepared();
        Path state = f.serviceState("svc");
        Files.writeString(state.resolve("status.properties"), "planted");
        // Everyone may modify it (under Wine this makes the Unix folder world-writable).
        acl.secureFolder(state, Descriptor.parse("O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1301ff;;;WD)"));
        assertThat(nonAdministrators(read(state))).as(read(state).toSddl()).isNotEmpty();

        List<String> notes = new DataFolderGuard(Optional.of(acl))
                .prepareForInstall(f, "svc", Optional.of(Sids.NETWORK_SERVICE), NOW);
        assertThat(notes).singleElement().asString().contains("Everyone");
        assertThat(f.state().resolve("svc.untrusted-20250301T100000Z").resolve("status.properties")).hasContent("planted");
        try (Stream<Path> s = Files.list(state)) {
            assertThat(s).isEmpty();
        }
        assertThat(nonAdministrators(read(state))).as(read(state).toSddl()).isEmpty();
    }

    @Test
    void filesFoldersAndRegistryKeysAreReadWithTheirOwner() {
        Descriptor java = read(Path.of(System.getProperty("java.home"), "bin", "java.exe"));
        assertThat(java.owner()).isPresent();
        assertThat(acl.file(tmp.resolve("none.exe").toString())).isInstanceOf(AccessControl.Reading.Missing.class);
        AccessControl.Reading services = acl.registryKey("SYSTEM\\CurrentControlSet\\Services");
        assertThat(services).isInstanceOf(AccessControl.Reading.Found.class);
        Descriptor key = ((AccessControl.Reading.Found) services).descriptor();
        assertThat(WriteAccess.grants(key, WriteAccess.Role.REGISTRY_KEY).stream()
                .filter(g -> Sids.NON_ADMINISTRATORS.contains(g.sid()))).as(key.toSddl()).isEmpty();
        assertThat(acl.registryKey("SYSTEM\\CurrentControlSet\\Services\\jsrvany-none-" + NOW.toEpochMilli()))
                .isInstanceOf(AccessControl.Reading.Missing.class);
        assertThat(acl.currentUser()).startsWith("S-1-");
    }

    @Test
    void aSymbolicLinkInPlaceOfAFolderIsRefused() throws IOException {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        DataFolders f = new DataFolders(Files.createDirectory(tmp.resolve("ProgramData")));
        Path link = f.root();
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
        DataFolderGuard guard = new DataFolderGuard(Optional.of(acl));
        assertThatThrownBy(() -> guard.prepareForInstall(f, "svc", Optional.empty(), NOW)).as(what)
                .isInstanceOf(UnsafeFolderException.class);
        assertThatThrownBy(() -> SecureFolder.prepareForService(f.serviceState("svc"))).as(what)
                .isInstanceOf(UnsafeFolderException.class);
        assertThatThrownBy(() -> acl.secureFolder(link, FolderPolicy.shared())).as(what)
                .isInstanceOf(UnsafeFolderException.class);
        try (var s = Files.list(elsewhere)) {
            assertThat(s.toList()).as("nothing may be written through the link; " + what).isEmpty();
        }
        assertThat(FolderKind.of(link)).as(what).isEqualTo(FolderKind.REPARSE_POINT);
    }
}
