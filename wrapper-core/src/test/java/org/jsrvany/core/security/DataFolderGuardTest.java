package org.jsrvany.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jsrvany.core.service.DataFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder walk on real folders, with the security calls faked (Linux keeps no DACLs). */
class DataFolderGuardTest {
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String SHARED = FolderPolicy.shared().toSddl();

    @TempDir
    Path tmp;

    private final FakeAccessControl acl = new FakeAccessControl();

    private DataFolders folders() {
        return new DataFolders(tmp.resolve("ProgramData"));
    }

    @Test
    void theInstallMakesEveryFolderAndGivesEachItsOwnerAndEntries() throws IOException {
        DataFolders f = folders();
        List<String> notes = new DataFolderGuard(Optional.of(acl))
                .prepareForInstall(f, "My App", Optional.of(Sids.NETWORK_SERVICE), NOW);
        assertThat(notes).isEmpty();
        String own = FolderPolicy.forService(Optional.of(Sids.NETWORK_SERVICE)).toSddl();
        assertThat(acl.secured).containsExactly(f.root() + " " + SHARED, f.logs() + " " + SHARED,
                f.state() + " " + SHARED, f.serviceLogs("My App") + " " + own, f.serviceState("My App") + " " + own);
        assertThat(f.serviceLogs("My App")).isDirectory();
        assertThat(f.serviceState("My App")).isDirectory();

        acl.secured.clear();
        new DataFolderGuard(Optional.of(acl)).prepareForInstall(f, "My App", Optional.of(Sids.NETWORK_SERVICE), NOW);
        assertThat(acl.secured).as("a second install finds everything as it should be").isEmpty();
    }

    @Test
    void anExistingRootWithEntriesNobodyCanAttributeIsTakenOverWithoutTouchingWhatItHolds() throws IOException {
        DataFolders f = folders();
        Files.createDirectories(f.root().resolve("tmp"));
        acl.objects.put(f.root().toString(), new AccessControl.Reading.Found(Descriptor.parse(
                "O:S-1-5-21-1-2-3-1001D:(A;OICI;FA;;;S-1-5-21-1-2-3-1001)(A;OICI;FA;;;WD)")));
        new DataFolderGuard(Optional.of(acl)).prepareForInstall(f, "svc", Optional.empty(), NOW);
        assertThat(acl.secured.get(0)).isEqualTo(f.root() + " " + SHARED);
        assertThat(f.root().resolve("tmp")).as("JNA's old folder is left alone").isDirectory();
    }

    @Test
    void aServiceFolderSomeoneElseCouldWriteIsMovedAsideWithWhatItHolds() throws IOException {
        DataFolders f = folders();
        Path logs = Files.createDirectories(f.serviceLogs("svc"));
        Files.writeString(logs.resolve("svc.log"), "planted");
        acl.objects.put(logs.toString(), new AccessControl.Reading.Found(Descriptor.parse(
                "O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;;0x1200ab;;;LS)(A;OIIO;0x1301bf;;;LS)")));
        List<String> notes = new DataFolderGuard(Optional.of(acl)).prepareForInstall(f, "svc", Optional.empty(), NOW);

        Path aside = f.logs().resolve("svc.untrusted-20250301T100000Z");
        assertThat(aside.resolve("svc.log")).hasContent("planted");
        assertThat(logs).isEmptyDirectory();
        assertThat(acl.secured).contains(logs + " " + SHARED);
        assertThat(notes).singleElement().asString().contains("could be written by LOCAL SERVICE").contains(aside.toString());
    }

    @Test
    void aLinkPlantedInPlaceOfAFolderStopsTheInstallAndNothingIsWrittenThroughIt() throws IOException {
        DataFolders f = folders();
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createDirectories(f.root());
        Files.createSymbolicLink(f.logs(), elsewhere);
        assertThatThrownBy(() -> new DataFolderGuard(Optional.of(acl)).prepareForInstall(f, "svc", Optional.empty(), NOW))
                .isInstanceOf(UnsafeFolderException.class).hasMessageContaining("junction or symbolic link")
                .hasMessageContaining("Delete it");
        assertThat(elsewhere).isEmptyDirectory();
        assertThat(acl.secured).as("the root was made safe before the link was found").containsExactly(f.root() + " " + SHARED);
    }

    @Test
    void aFolderThatCannotBeMadeSafeStopsTheInstallWithWhatToDo() throws IOException {
        DataFolders f = folders();
        Files.createDirectories(f.root());
        acl.objects.put(f.root().toString(), new AccessControl.Reading.Unreadable("error 5"));
        acl.refuse.put(f.root().toString(), "SetSecurityInfo failed: error 1307; takeown /f ... /a");
        assertThatThrownBy(() -> new DataFolderGuard(Optional.of(acl)).prepareForInstall(f, "svc", Optional.empty(), NOW))
                .isInstanceOf(UnsafeFolderException.class).hasMessageContaining("takeown");
        assertThat(f.logs()).doesNotExist();
    }

    @Test
    void withoutSecurityCallsTheFoldersAreOnlyMade() throws IOException {
        DataFolders f = folders();
        new DataFolderGuard(Optional.empty()).prepareForInstall(f, "a:b", Optional.of(Sids.LOCAL_SERVICE), NOW);
        assertThat(f.serviceLogs("a:b")).isDirectory().hasFileName("a#3Ab");
        assertThat(f.serviceState("a:b")).isDirectory();
    }

    @Test
    void theServiceMakesOnlyWhatIsMissingGrantingItsOwnAccountItsOwnFolder() throws IOException {
        DataFolders f = folders();
        Files.createDirectories(f.logs());
        new DataFolderGuard(Optional.of(acl)).prepareForService(f.serviceLogs("svc"), Optional.of(Sids.LOCAL_SERVICE));
        assertThat(acl.secured).containsExactly(
                f.serviceLogs("svc") + " " + FolderPolicy.forService(Optional.of(Sids.LOCAL_SERVICE)).toSddl());

        acl.secured.clear();
        new DataFolderGuard(Optional.of(acl)).prepareForService(f.serviceState("svc"), Optional.of(Sids.LOCAL_SYSTEM));
        assertThat(acl.secured).containsExactly(f.state() + " " + SHARED, f.serviceState("svc") + " " + SHARED);
    }

    @Test
    void theServiceRefusesALinkedFolderAndAnyLinkedFolderItIsGiven() throws IOException {
        DataFolders f = folders();
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createDirectories(f.logs());
        Files.createSymbolicLink(f.serviceLogs("svc"), elsewhere);
        DataFolderGuard guard = new DataFolderGuard(Optional.empty());
        assertThatThrownBy(() -> guard.prepareForService(f.serviceLogs("svc"), Optional.empty()))
                .isInstanceOf(UnsafeFolderException.class);
        Path chosen = tmp.resolve("chosen-logs");
        Files.createSymbolicLink(chosen, elsewhere);
        assertThatThrownBy(() -> guard.prepareForService(chosen, Optional.empty())).isInstanceOf(UnsafeFolderException.class);
        assertThat(elsewhere).isEmptyDirectory();

        guard.prepareForService(tmp.resolve("fresh").resolve("logs"), Optional.empty());
        assertThat(tmp.resolve("fresh").resolve("logs")).isDirectory();
    }
}
