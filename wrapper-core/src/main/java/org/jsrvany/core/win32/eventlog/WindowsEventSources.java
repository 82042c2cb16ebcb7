package org.jsrvany.core.win32.eventlog;

import org.jsrvany.core.service.EventSources;

/** Event log sources through {@link EventLogSource} (HKLM\SYSTEM\CurrentControlSet\Services\EventLog\Application). */
public final class WindowsEventSources implements EventSources {
    private WindowsEventSources() {
    }

    /** The Application log's sources. */
    public static EventSources applicationLog() {
        return new WindowsEventSources();
    }

    @Override
    public boolean isRegistered(String source) {
        return EventLogSource.isUsable(source);
    }

    @Override
    public boolean exists(String source) {
        return EventLogSource.exists(source);
    }

    @Override
    public Registration register(String source) {
        return switch (EventLogSource.register(source)) {
            case CREATED -> Registration.CREATED;
            case ALREADY_REGISTERED -> Registration.ALREADY_REGISTERED;
            case TAKEN -> Registration.TAKEN;
        };
    }

    @Override
    public boolean unregister(String source) {
        return EventLogSource.unregister(source);
    }
}
