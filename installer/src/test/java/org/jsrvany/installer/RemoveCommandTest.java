package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsrvany.core.service.DataFolders;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.jsrvany.core.status.PublishedStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoveCommandTest extends HarnessTest {
    @BeforeEach
    void setUp() throws IOException {
        h.installed("MyApp", "--throttle", "2s");
    }

    @Test
    void removesAStoppedServiceWithItsParametersAndStatusFile() throws IOException {
        Path status = PublishedStatus.file(h.programData, "MyApp");
        new PublishedStatus("MyApp", 10, Instant.EPOCH, OptionalLong.empty(), Optional.empty(), 0, OptionalLong.empty(),
                Optional.empty(), Instant.EPOCH).write(status);
        Harness.Result r = h.run("remove", "MyApp");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Removed 'MyApp'.");
        assertThat(h.scm.services).isEmpty();
        assertThat(h.store.key("MyApp")).isNull();
        assertThat(Files.exists(status)).isFalse();
        assertThat(status.getParent()).as("the service's empty state folder goes too").doesNotExist();
        assertThat(new DataFolders(h.programData).serviceLogs("MyApp")).as("its logs stay").isDirectory();
        assertThat(h.events.isRegistered("MyApp")).isFalse();
        assertThat(r.out()).contains("unregistered the event log source 'MyApp'");
    }

    @Test
    void aLinkMadeInPlaceOfTheStateFolderIsNotFollowed() throws IOException {
        Path state = new DataFolders(h.programData).serviceState("MyApp");
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve(DataFolders.STATUS_FILE), "not jsrvany's");
        Files.delete(state);
        Files.createSymbolicLink(state, elsewhere);
        assertThat(h.run("remove", "MyApp").exit()).isZero();
        assertThat(elsewhere.resolve(DataFolders.STATUS_FILE)).hasContent("not jsrvany's");
    }

    @Test
    void stopsARunningServiceFirst() {
        h.run("start", "MyApp");
        Harness.Result r = h.run("remove", "MyApp");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).containsSubsequence("Stopping 'MyApp' (waiting up to 39 s)", "is STOPPED", "Removed");
        assertThat(h.scm.writes()).containsSubsequence("control STOP MyApp", "delete MyApp");
    }

    @Test
    void aServiceThatWillNotStopIsNotDeleted() {
        h.run("start", "MyApp");
        h.scm.get("MyApp").behaviour = FakeServiceManager.Behaviour.HANGS;
        Harness.Result r = h.run("remove", "MyApp", "--timeout", "3s");
        assertThat(r.exit()).isEqualTo(Exit.TIMEOUT.code());
        assertThat(h.scm.services).isNotEmpty();
        assertThat(h.scm.writes()).doesNotContain("delete MyApp");
    }

    @Test
    void aServiceHeldOpenIsExplainedAsMarkedForDeletion() {
        h.scm.get("MyApp").heldOpen = true;
        Harness.Result r = h.run("remove", "MyApp");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("marked it for deletion").contains("services.msc").contains("reboot");
        Harness.Result again = h.run("remove", "MyApp");
        assertThat(again.exit()).isEqualTo(Exit.MARKED_FOR_DELETION.code());
        assertThat(again.err()).contains("is marked for deletion").doesNotContain("1072)\n");
    }

    @Test
    void aForeignServiceNeedsForce() {
        h.scm.add(ServiceOptions.defaults("Spooler", "C:\\Windows\\System32\\spoolsv.exe"));
        Harness.Result r = h.run("remove", "Spooler");
        assertThat(r.exit()).isEqualTo(Exit.SERVICE_EXISTS.code());
        assertThat(r.err()).contains("not a jsrvany service").contains("--force");
        assertThat(h.run("remove", "Spooler", "--force").exit()).isZero();
        assertThat(h.scm.find("Spooler")).isEmpty();
    }

    @Test
    void removingAMissingServiceSaysSo() {
        Harness.Result r = h.run("remove", "Nope");
        assertThat(r.exit()).isEqualTo(Exit.NO_SUCH_SERVICE.code());
    }

    @Test
    void notElevated() {
        h.scm.elevated = false;
        Harness.Result r = h.run("remove", "MyApp");
        assertThat(r.exit()).isEqualTo(Exit.ACCESS_DENIED.code());
        assertThat(r.err()).contains("elevated prompt");
    }
}
