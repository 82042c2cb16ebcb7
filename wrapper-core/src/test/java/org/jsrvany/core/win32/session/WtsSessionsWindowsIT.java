package org.jsrvany.core.win32.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.ptr.IntByReference;
import java.util.Locale;
import org.jsrvany.core.session.SessionInfo;
import org.jsrvany.core.session.SessionSnapshot;
import org.jsrvany.core.win32.WindowsTestSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The session listing and the privilege check, for real. Wine has one user and one session (the console's, id 1,
 * no session 0), and its WTSEnumerateSessionsW lists no session at all: it can show that the calls work and free
 * their buffers; not this user's session in the list, a second user, a logon screen or Remote Desktop (Windows).
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
class WtsSessionsWindowsIT {
    static {
        WindowsTestSupport.useMinimalLoggingIfLogbackCannotConfigure();
    }

    @Test
    void thisProcessesSessionIsListedWithThisUser() {
        IntByReference own = new IntByReference();
        assertThat(Kernel32.INSTANCE.ProcessIdToSessionId(Kernel32.INSTANCE.GetCurrentProcessId(), own)).isTrue();
        SessionSnapshot snapshot = WtsSessions.query().snapshot();
        String user = System.getProperty("user.name").toLowerCase(Locale.ROOT);
        if (own.getValue() == 0) {
            // A test run as a service, or over SSH on Windows: session 0 has nobody logged on.
            assertThat(snapshot.session(0)).as("session 0 is listed, with no user").hasValueSatisfying(
                    s -> assertThat(s.user()).isEmpty());
            return;
        }
        if (WindowsTestSupport.isWine()) {
            // Measured under Wine 8: WTSEnumerateSessionsW succeeds and lists no session at all, so a service with
            // AppSession Console or Active waits for a logon for ever there. The call and WTSFreeMemory still ran.
            assertThat(snapshot.sessions()).as("Wine differs from Windows: WTSEnumerateSessionsW lists no session")
                    .isEmpty();
            assertThat(snapshot.console()).as("Wine differs from Windows: its console session is always 1").hasValue(1);
            return;
        }
        SessionInfo mine = snapshot.session(own.getValue()).orElseThrow(() -> new AssertionError(
                "this process's session " + own.getValue() + " is not among " + snapshot.sessions()));
        assertThat(mine.user()).as("the user of this process's session").hasValueSatisfying(u ->
                assertThat(u.toLowerCase(Locale.ROOT)).endsWith("\\" + user));
    }

    @Test
    void theConsoleSessionIsAnswered() {
        // Windows: the console's session, or empty while the console is switched; never a failure.
        assertThat(WtsSessions.consoleSession()).satisfiesAnyOf(c -> assertThat(c).isEmpty(),
                c -> assertThat(c.getAsInt()).isNotNegative());
    }

    @Test
    void askingForSeTcbPrivilegeAnswersWithoutFailing() {
        boolean held = Privileges.held(Privileges.TCB);
        if (!WindowsTestSupport.isWine()) {
            // On Windows only LocalSystem holds it; an administrator's test run does not.
            assertThat(held).as("SeTcbPrivilege in a test run by a user").isFalse();
        }
        assertThat(Privileges.held("SeChangeNotifyPrivilege")).as("a privilege every token has").isTrue();
    }
}
