package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code upgrade} against the fakes: this copy is the harness's launcher; an older copy is unzipped beside it. */
class UpgradeCommandTest extends HarnessTest {
    Path oldLauncher;
    Path oldRuntime;

    @BeforeEach
    void setUp() throws IOException {
        Path old = temp.resolve("jsrvany 0.1.0");
        Path lib = Files.createDirectories(old.resolve("lib"));
        oldLauncher = Files.writeString(lib.resolve("jsrvany-launcher.jar"), "the old launcher");
        Files.writeString(lib.resolve("jnidispatch.dll"), "the old JNA library");
        oldRuntime = Files.writeString(Files.createDirectories(old.resolve("runtime").resolve("bin")).resolve("java.exe"),
                "the old runtime");
    }

    private String imagePath(String name) {
        return h.scm.find(name).orElseThrow().imagePath();
    }

    private String thisCopysImagePath(Path java) {
        return ImagePath.build(java.toString(), h.launcher.toString(), h.launcher.getParent().toString());
    }

    @Test
    void servicesOfAnOlderCopyAreListedAndRePointedInOneCommand() throws IOException {
        h.installed("OnOldRuntime", "--launcher", oldLauncher.toString(), "--java", oldRuntime.toString());
        Path stableJava = Files.writeString(Files.createDirectories(temp.resolve("Java").resolve("bin")).resolve("java.exe"), "j");
        h.installed("OnOwnJava", "--launcher", oldLauncher.toString(), "--java", stableJava.toString());
        h.installed("Current");

        Harness.Result dry = h.run("upgrade", "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("OnOldRuntime: runs another copy of jsrvany (" + oldLauncher + ")")
                .contains("its Java was that copy's bundled runtime: runs " + h.java)
                .contains("OnOwnJava: runs another copy of jsrvany").contains("Current: runs this copy already")
                .contains("Would re-point 2 services:");
        assertThat(h.scm.writes()).as("a dry run changes nothing").isEmpty();

        Harness.Result r = h.run("upgrade");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(imagePath("OnOldRuntime")).isEqualTo(thisCopysImagePath(h.java));
        assertThat(imagePath("OnOwnJava")).as("a Java of its own is kept").isEqualTo(thisCopysImagePath(stableJava));
        assertThat(r.out()).contains("Re-pointing 2 services:").contains("'OnOwnJava': ImagePath ");

        Harness.Result again = h.run("upgrade");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("Nothing to change.");
    }

    @Test
    void afterUnzippingOverTheOldCopyAnOlderVersionsImagePathGetsThisVersionsOptions() {
        h.installed("MyApp");
        String old = "\"" + h.java + "\" -Xrs -Xmx64m \"-Djna.tmpdir=" + h.programData.resolve("jsrvany").resolve("tmp")
                + "\" -jar \"" + h.launcher + "\"";
        h.scm.services.get("myapp").def = h.scm.find("MyApp").orElseThrow().withImagePath(old);

        Harness.Result r = h.run("upgrade", "MyApp");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("MyApp: its ImagePath is an older version's");
        assertThat(imagePath("MyApp")).isEqualTo(thisCopysImagePath(h.java)).doesNotContain("jna.tmpdir");
    }

    @Test
    void aServiceWhoseJavaWasRemovedByAJavaUpdateRunsThisCopysJava() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("jdk-17.0.1+12").resolve("bin"));
        Path gone = Files.write(bin.resolve("java.exe"), JavaRuntimeTest.peHeader(0x8664));
        h.installed("MyApp", "--java", gone.toString());
        Files.delete(gone);

        Harness.Result r = h.run("upgrade");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("its java.exe " + gone + " no longer exists: runs " + h.java);
        assertThat(imagePath("MyApp")).isEqualTo(thisCopysImagePath(h.java));
    }

    @Test
    void aRunningServiceIsToldToRestart() {
        h.installed("MyApp", "--launcher", oldLauncher.toString());
        assertThat(h.run("start", "MyApp").exit()).isZero();
        Harness.Result r = h.run("upgrade");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("take the change when restarted: jsrvany restart MyApp");
    }

    @Test
    void aFailureHalfWayTakesBackTheServicesAlreadyRePointed() {
        h.installed("First", "--launcher", oldLauncher.toString());
        h.installed("Second", "--launcher", oldLauncher.toString());
        String first = imagePath("First");
        String second = imagePath("Second");
        h.scm.services.get("second").markedForDeletion = true;

        Harness.Result r = h.run("upgrade");
        assertThat(r.exit()).as(r.toString()).isEqualTo(Exit.MARKED_FOR_DELETION.code());
        assertThat(imagePath("First")).as("taken back").isEqualTo(first);
        assertThat(imagePath("Second")).isEqualTo(second);
        assertThat(r.err()).contains("The 1 change(s) made before were undone.");
    }

    @Test
    void aNamedServiceMustBeAJsrvanyService() {
        h.installed("Mine");
        h.scm.services.get("mine").def = h.scm.find("Mine").orElseThrow().withImagePath("C:\\nssm\\nssm.exe");
        Harness.Result r = h.run("upgrade", "Mine");
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("'Mine' is not a jsrvany service").contains("jsrvany adopt Mine");
        assertThat(h.run("upgrade", "Missing").exit()).isEqualTo(Exit.NO_SUCH_SERVICE.code());
    }

    @Test
    void aJavaGivenWithJavaMustExistAndNothingChangesOtherwise() {
        h.installed("MyApp", "--launcher", oldLauncher.toString());
        String before = imagePath("MyApp");
        Harness.Result r = h.run("upgrade", "--java", temp.resolve("nope.exe").toString());
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("Nothing was changed").contains("does not exist");
        assertThat(imagePath("MyApp")).isEqualTo(before);
    }

    @Test
    void withoutJsrvanyServicesThereIsNothingToDo() {
        Harness.Result r = h.run("upgrade");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("No jsrvany services are installed.");
    }

    @Test
    void upgradeMakesAMissingArchiveAgainEvenWhenNothingIsRePointed() throws IOException {
        InstallCommandTest.archivingJava(h);
        assertThat(h.run("install", "MyApp", h.app.toString()).exit()).isZero();
        Path archive = Path.of(ClassDataArchive.path(h.launcher.toString(), h.java.toString()));
        Files.delete(archive);
        Harness.Result r = h.run("upgrade");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("MyApp: runs this copy already").contains("made the class data archive " + archive)
                .contains("Nothing to change.");
        assertThat(archive).hasContent("archive");
        Harness.Result again = h.run("upgrade");
        assertThat(again.out()).contains("class data archive " + archive + " is current");
        assertThat(h.run("upgrade", "--dry-run").out()).doesNotContain("class data archive");
    }
}
