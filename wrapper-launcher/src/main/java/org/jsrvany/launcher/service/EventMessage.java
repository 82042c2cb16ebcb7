package org.jsrvany.launcher.service;

import java.util.Objects;
import org.jsrvany.core.win32.eventlog.EventLogWriter;

/**
 * One event for the Application log: a stable id (docs/windows-service.md lists them), a level and
 * the whole text.
 */
record EventMessage(int id, EventLogWriter.Level level, String text) {
    EventMessage {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(text, "text");
        if (id < 0 || id > EventLogWriter.MAX_EVENT_ID) {
            throw new IllegalArgumentException("event id out of range: " + id);
        }
    }
}
