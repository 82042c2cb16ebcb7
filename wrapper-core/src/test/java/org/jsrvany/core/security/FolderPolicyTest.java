package org.jsrvany.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.jsrvany.core.security.FolderPolicy.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FolderPolicyTest {
    private static final String ADMIN = "S-1-5-21-1-2-3-500"; // the administrator running the installer
    private static final String ALICE = "S-1-5-21-1-2-3-1001";

    @Test
    void theSharedFoldersHoldSystemAndAdministratorsOnlyAndBelongToAdministrators() {
        assertThat(FolderPolicy.shared().toSddl())
                .isEqualTo("O:S-1-5-32-544D:P(A;OICI;0x1f01ff;;;S-1-5-18)(A;OICI;0x1f01ff;;;S-1-5-32-544)");
    }

    @Test
    void aServiceFolderAddsItsAccountWhichMayCreateAndChangeFilesButNotTheFolder() {
        assertThat(FolderPolicy.forService(Optional.of("NS")).toSddl()).isEqualTo("O:S-1-5-32-544D:P"
                + "(A;OICI;0x1f01ff;;;S-1-5-18)(A;OICI;0x1f01ff;;;S-1-5-32-544)"
                + "(A;;0x1200ab;;;S-1-5-20)(A;OIIO;0x1301bf;;;S-1-5-20)");
        // The folder itself: no delete, no change of its attributes (a junction), permissions or owner.
        assertThat(FolderPolicy.SERVICE_FOLDER_ITSELF & (WriteAccess.DELETE | WriteAccess.FILE_WRITE_ATTRIBUTES
                | WriteAccess.FILE_DELETE_CHILD | WriteAccess.WRITE_DAC | WriteAccess.WRITE_OWNER)).isZero();
        assertThat(FolderPolicy.forService(Optional.of(Sids.LOCAL_SYSTEM))).isEqualTo(FolderPolicy.shared());
        assertThat(FolderPolicy.forService(Optional.empty())).isEqualTo(FolderPolicy.shared());
    }

    @Test
    void whatWindowsWritesBackForOurDescriptorCountsAsTheSame() {
        Descriptor readBack = Descriptor.parse("O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)");
        assertThat(FolderPolicy.same(readBack, FolderPolicy.shared())).isTrue();
        Descriptor service = Descriptor.parse("O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;;0x1200ab;;;LS)(A;OIIO;0x1301bf;;;LS)");
        assertThat(FolderPolicy.same(service, FolderPolicy.forService(Optional.of(Sids.LOCAL_SERVICE)))).isTrue();
        assertThat(FolderPolicy.same(service, FolderPolicy.forService(Optional.of(Sids.NETWORK_SERVICE)))).isFalse();
        assertThat(FolderPolicy.same(Descriptor.parse("O:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)"), FolderPolicy.shared()))
                .as("another owner").isFalse();
        assertThat(FolderPolicy.same(Descriptor.parse("O:BAD:AI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)"), FolderPolicy.shared()))
                .as("not protected").isFalse();
    }

    /**
     * Each row: the folder's owner and DACL as read ("unreadable" when they could not be), whether a
     * service writes files in it (the per-service folders), whether it is empty, and the action.
     */
    @ParameterizedTest(name = "[{index}] {0} contents={2} empty={3} -> {4}")
    @CsvSource(delimiter = '|', value = {
        // already exactly so
        "O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)|shared|false|false|keep",
        "O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;;0x1200ab;;;NS)(A;OIIO;0x1301bf;;;NS)|NS|true|false|keep",
        // an old root that gave service accounts Modify, or an entry nobody can attribute: replaced
        "O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1301bf;;;LS)|shared|false|false|secure",
        "O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;" + ALICE + ")|shared|false|false|secure",
        // a root a user made before the install: taken over (the folders below are checked one by one)
        "O:" + ALICE + "D:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICI;FA;;;" + ALICE + ")|shared|false|false|secure",
        // a service folder someone else could write and that holds something: moved aside
        "O:" + ALICE + "D:(A;OICI;FA;;;" + ALICE + ")|NS|true|false|aside:" + ALICE,
        "O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;;0x1200ab;;;LS)(A;OIIO;0x1301bf;;;LS)|NS|true|false|aside:S-1-5-19",
        "O:BAD:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;0x1200a9;;;BU)(A;CIID;DCLCRPCR;;;BU)|shared|true|false|aside:S-1-5-32-545",
        // ... but an empty one is simply taken over
        "O:" + ALICE + "D:(A;OICI;FA;;;" + ALICE + ")|NS|true|true|secure",
        // its own account, SYSTEM, Administrators and the installing administrator are no threat
        "O:" + ADMIN + "D:(A;OICI;FA;;;SY)(A;OICI;FA;;;" + ADMIN + ")(A;OICI;0x1301bf;;;NS)|NS|true|false|secure",
        // Wine: the Unix owner, and mode 755 (Everyone reads) or 777 (Everyone writes)
        "O:" + ADMIN + "D:(A;OICI;FA;;;SY)(A;OICI;FA;;;" + ADMIN + ")(A;OICI;0x1200a9;;;WD)|shared|true|false|secure",
        "O:" + ADMIN + "D:(A;OICI;FA;;;SY)(A;OICI;FA;;;" + ADMIN + ")(A;OICI;0x1301ff;;;WD)|shared|true|false|aside:S-1-1-0",
        // permissions that cannot be read: taken over where contents do not matter, else moved unless empty
        "unreadable|shared|false|false|secure",
        "unreadable|NS|true|false|aside:",
        "unreadable|NS|true|true|secure",
    })
    void whatHappensToAnExistingFolder(String current, String wanted, boolean contentsMatter, boolean empty, String action) {
        Descriptor want = wanted.equals("shared") ? FolderPolicy.shared() : FolderPolicy.forService(Optional.of(wanted));
        Optional<Descriptor> now = current.equals("unreadable") ? Optional.empty() : Optional.of(Descriptor.parse(current));
        Action a = FolderPolicy.decide(now, want, Set.of(ADMIN), contentsMatter, () -> empty);
        String actual = a instanceof Action.Keep ? "keep" : a instanceof Action.Secure ? "secure"
                : "aside:" + String.join(",", ((Action.MoveAside) a).writers());
        assertThat(actual).isEqualTo(action);
    }

    @Test
    void emptinessIsOnlyAskedWhenItDecides() {
        Descriptor exact = FolderPolicy.shared();
        assertThat(FolderPolicy.decide(Optional.of(exact), exact, Set.of(), true, () -> {
            throw new AssertionError("not needed");
        })).isInstanceOf(Action.Keep.class);
    }
}
