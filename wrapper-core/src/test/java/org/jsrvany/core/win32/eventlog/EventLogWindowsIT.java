package org.jsrvany.core.win32.eventlog;

import org.jsrvany.core.win32.WindowsTestSupport;
import org.jsrvany.core.win32.registry.RegistryKeyAccess;
import org.jsrvany.core.win32.registry.RegistryValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Event source registration (registry, real under Wine) and event writing. Under Wine
 * RegisterEventSource and ReportEvent are stubs that return success and store nothing: there the
 * test proves the calls succeed, not that Event Viewer shows the text.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(60)
class EventLogWindowsIT {
    private final RegistryKeyAccess registry = RegistryKeyAccess.localMachine();
    private String source;
    private String key;

    @BeforeEach
    void throwAwaySource() {
        WindowsTestSupport.assumeElevated();
        source = WindowsTestSupport.uniqueName("jsrvany-test");
        key = EventLogSource.APPLICATION_LOG_KEY + "\\" + source;
    }

    @AfterEach
    void deleteSource() {
        if (key != null) {
            registry.deleteTree(key);
        }
    }

    @Test
    void registerWritesTheMessageFileOnceAndUnregisterRemovesIt() {
        assertThat(EventLogSource.isUsable(source)).isFalse();
        assertThat(EventLogSource.exists(source)).isFalse();
        assertThat(EventLogSource.register(source)).isEqualTo(EventLogSource.Registration.CREATED);
        assertThat(EventLogSource.exists(source)).isTrue();
        assertThat(registry.value(key, "EventMessageFile"))
                .as("REG_EXPAND_SZ, so %SystemRoot% is expanded by Event Viewer")
                .contains(new RegistryValue.ExpandSz(EventLogSource.MESSAGE_FILE));
        assertThat(registry.value(key, "TypesSupported")).contains(new RegistryValue.Dword(7));
        assertThat(EventLogSource.isUsable(source)).isTrue();
        assertThat(EventLogSource.register(source)).isEqualTo(EventLogSource.Registration.ALREADY_REGISTERED);

        assertThat(EventLogSource.unregister(source)).isTrue();
        assertThat(registry.keyExists(key)).isFalse();
        assertThat(EventLogSource.unregister(source)).as("nothing left to remove").isFalse();
    }

    @Test
    void aSourceOfAnotherProgramIsNeverChanged() {
        registry.createKey(key);
        registry.setValue(key, "EventMessageFile", new RegistryValue.ExpandSz("%SystemRoot%\\System32\\other.dll"));
        assertThat(EventLogSource.register(source)).isEqualTo(EventLogSource.Registration.TAKEN);
        assertThat(EventLogSource.isUsable(source)).isFalse();
        assertThat(EventLogSource.exists(source)).as("taken by another program: it exists all the same").isTrue();
        assertThat(EventLogSource.unregister(source)).isFalse();
        assertThat(registry.value(key, "EventMessageFile"))
                .contains(new RegistryValue.ExpandSz("%SystemRoot%\\System32\\other.dll"));
    }

    @Test
    void writingEventsOfEveryLevelSucceedsRegisteredOrNot() {
        // Not registered: Windows still writes the event (with its "cannot be found" preamble).
        try (EventLogWriter writer = EventLogWriter.open(source)) {
            writer.write(EventLogWriter.Level.INFORMATION, 1000, "unregistered source: information");
        }
        EventLogSource.register(source);
        EventLogWriter writer = EventLogWriter.open(source);
        writer.write(EventLogWriter.Level.INFORMATION, 1000, "jsrvany test: information ünïcødé ✓");
        writer.write(EventLogWriter.Level.WARNING, 1003, "jsrvany test: warning");
        writer.write(EventLogWriter.Level.ERROR, 1010, "jsrvany test: error\r\nsecond line");
        writer.write(EventLogWriter.Level.ERROR, 1010, "z".repeat(40_000)); // cut to fit
        assertThatThrownBy(() -> writer.write(EventLogWriter.Level.ERROR, 70_000, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        writer.close();
        writer.close(); // idempotent
        assertThatThrownBy(() -> writer.write(EventLogWriter.Level.ERROR, 1, "x")).isInstanceOf(IllegalStateException.class);
    }
}
