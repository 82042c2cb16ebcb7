package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.junit.jupiter.api.Test;

/** The installer's side of AppSession (issue 13): the options, get/set, dump, and the LocalSystem rule. */
class DesktopSessionInstallTest extends HarnessTest {
    @Test
    void theOptionsWriteTheParametersForLocalSystem() {
        Harness.Result r = h.run("install", "Gui", h.app.toString(), "--session", "console", "--session-user", "PC\\alice",
                "--session-elevated");
        assertThat(r.exit()).as(r.toString()).isZero();
        var stored = h.store.read("Gui").values();
        assertThat(stored.get(Param.APP_SESSION)).isEqualTo(new RawValue.Text("Console", false));
        assertThat(stored.get(Param.APP_SESSION_USER)).isEqualTo(new RawValue.Text("PC\\alice", false));
        assertThat(stored.get(Param.APP_SESSION_ELEVATED)).isEqualTo(new RawValue.Dword(1));

        Harness.Result get = h.run("get", "Gui", "AppSession");
        assertThat(get.out().strip()).isEqualTo("Console");
        Harness.Result dump = h.run("dump", "Gui");
        assertThat(dump.out()).contains("AppSession").contains("Console").contains("AppSessionUser");
    }

    @Test
    void installForAnotherAccountIsRefusedWithTheReasonAndNothingIsWritten() {
        Harness.Result r = h.run("install", "Gui", h.app.toString(), "--session", "active", "--account", "LocalService");
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("AppSession Active runs the program in a logged-on user's session with that user's"
                + " token, which only LocalSystem may obtain (WTSQueryUserToken needs SeTcbPrivilege, and jsrvany never"
                + " grants that privilege to another account), but the service runs as NT AUTHORITY\\LocalService")
                .contains("Nothing was changed");
        assertThat(h.scm.writes()).isEmpty();
        assertThat(h.store.writes).isEmpty();
    }

    @Test
    void setForAServiceOfAnotherAccountIsRefused() {
        assertThat(h.run("install", "Gui", h.app.toString(), "--account", "NetworkService").exit()).isZero();
        int writes = h.store.writes.size();
        Harness.Result r = h.run("set", "Gui", "AppSession", "Console");
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("only LocalSystem may obtain").contains("NT AUTHORITY\\NetworkService");
        assertThat(h.store.writes).hasSize(writes);
        assertThat(h.store.read("Gui").values()).doesNotContainKey(Param.APP_SESSION);
    }

    @Test
    void movingADesktopServiceToAnotherAccountIsRefused() {
        assertThat(h.run("install", "Gui", h.app.toString(), "--session", "console").exit()).isZero();
        Harness.Result r = h.run("install", "Gui", "--account", "LocalService");
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("only LocalSystem may obtain");
    }

    @Test
    void setToServiceIsAlwaysAllowed() {
        assertThat(h.run("install", "Gui", h.app.toString(), "--account", "LocalService").exit()).isZero();
        assertThat(h.run("set", "Gui", "AppSession", "Service").exit()).isZero();
    }
}
