package org.jsrvany.samples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The desktop-session sample's text: what the window and its standard output show. */
class SessionWindowTest {

    @Test
    void theSummaryNamesSessionUserPidAndEveryVariable() {
        String s = SessionWindow.summary();
        assertThat(s).startsWith("session: ").contains("\nuser: ").contains("pid: " + ProcessHandle.current().pid())
                .contains("\nenvironment:\n");
        System.getenv().forEach((k, v) -> {
            if (!v.contains("\n")) {
                assertThat(s).contains("  " + k + "=" + v + "\n");
            }
        });
        assertThat(s).contains("user: ").contains(System.getProperty("user.name"));
    }
}
