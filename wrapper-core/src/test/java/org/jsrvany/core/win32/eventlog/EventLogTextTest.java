package org.jsrvany.core.win32.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pure parts of the event log helpers: text fitting and message-file recognition. */
class EventLogTextTest {

    @Test
    void shortTextIsKeptAsIs() {
        assertThat(EventLogWriter.fit("hello\r\nworld")).isEqualTo("hello\r\nworld");
        assertThat(EventLogWriter.fit(null)).isEmpty();
        String exact = "x".repeat(EventLogWriter.MAX_TEXT);
        assertThat(EventLogWriter.fit(exact)).isSameAs(exact);
    }

    @Test
    void longTextIsCutWithANoteAndNeverInsideASurrogatePair() {
        String cut = EventLogWriter.fit("y".repeat(EventLogWriter.MAX_TEXT + 10));
        assertThat(cut).hasSize(EventLogWriter.MAX_TEXT).endsWith("the full text is in the wrapper's log]");

        String note = " [... cut: the full text is in the wrapper's log]";
        int end = EventLogWriter.MAX_TEXT - note.length();
        String emoji = "\uD83D\uDE00";
        String text = "a".repeat(end - 1) + emoji + "b".repeat(100);
        String fitted = EventLogWriter.fit(text);
        assertThat(fitted).startsWith("a".repeat(end - 1) + " [... cut");
        assertThat(fitted.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF)).as("no lone surrogate").isTrue();
    }

    @Test
    void theMessageFileListsDotNetsPlainTextDllForBothBitnesses() {
        assertThat(EventLogSource.MESSAGE_FILE.split(";")).containsExactly(
                "%SystemRoot%\\Microsoft.NET\\Framework64\\v4.0.30319\\EventLogMessages.dll",
                "%SystemRoot%\\Microsoft.NET\\Framework\\v4.0.30319\\EventLogMessages.dll");
        assertThat(EventLogSource.showsPlainText(EventLogSource.MESSAGE_FILE)).isTrue();
        assertThat(EventLogSource.showsPlainText("C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\EVENTLOGMESSAGES.DLL"))
                .as("as .NET's EventLog.CreateEventSource writes it").isTrue();
        assertThat(EventLogSource.showsPlainText("%SystemRoot%\\System32\\netmsg.dll")).isFalse();
        assertThat(EventLogSource.showsPlainText("")).isFalse();
    }
}
