package org.jsrvany.core.win32.eventlog;

import org.jsrvany.core.win32.Win32CallException;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.WinNT;

/**
 * Writes events to the Application log under one source ({@code RegisterEventSourceW},
 * {@code ReportEventW}, {@code DeregisterEventSource}). Each event carries one insertion string, the
 * whole message: with the source registered by {@link EventLogSource} Event Viewer shows it as is.
 *
 * <p>{@code RegisterEventSourceW} succeeds for a source that is not registered too (Event Viewer
 * then prefixes the text with "The description ... cannot be found"). Under Wine both calls are
 * stubs that return success and store nothing.
 */
public final class EventLogWriter implements AutoCloseable {
    /** Characters of text per event; ReportEvent allows 31,839 per string, .NET cuts at 32,766. */
    public static final int MAX_TEXT = 31_000;
    /** The highest event id .NET's message DLL has a message for. */
    public static final int MAX_EVENT_ID = 0xFFFF;

    /** The event's type, as Event Viewer's "Level". */
    public enum Level {
        ERROR(WinNT.EVENTLOG_ERROR_TYPE),
        WARNING(WinNT.EVENTLOG_WARNING_TYPE),
        INFORMATION(WinNT.EVENTLOG_INFORMATION_TYPE);

        final int type;

        Level(int type) {
            this.type = type;
        }
    }

    private final String source;
    private WinNT.HANDLE handle;

    private EventLogWriter(String source, WinNT.HANDLE handle) {
        this.source = source;
        this.handle = handle;
    }

    /**
     * Opens the local Application log for writing under {@code source}.
     *
     * @throws Win32CallException when the event log service refuses
     */
    public static EventLogWriter open(String source) {
        WinNT.HANDLE h = Advapi32.INSTANCE.RegisterEventSource(null, source);
        if (h == null) {
            throw Win32CallException.lastError("RegisterEventSourceW(" + source + ")");
        }
        return new EventLogWriter(source, h);
    }

    /**
     * Writes one event.
     *
     * @param eventId 0 to {@link #MAX_EVENT_ID}
     * @param text    the message; longer than {@link #MAX_TEXT} it is cut, with a note saying so
     * @throws Win32CallException when the event cannot be written (the log is full, say)
     */
    public synchronized void write(Level level, int eventId, String text) {
        if (eventId < 0 || eventId > MAX_EVENT_ID) {
            throw new IllegalArgumentException("An event id is 0 to 65535, not " + eventId);
        }
        if (handle == null) {
            throw new IllegalStateException("The event log writer for " + source + " is closed");
        }
        if (!Advapi32.INSTANCE.ReportEvent(handle, level.type, 0, eventId, null, 1, 0, new String[] {fit(text)}, null)) {
            throw Win32CallException.lastError("ReportEventW(" + source + ", event " + eventId + ")");
        }
    }

    /** The text cut to {@link #MAX_TEXT} characters (never inside a surrogate pair), with a note when cut. */
    static String fit(String text) {
        String t = text == null ? "" : text;
        if (t.length() <= MAX_TEXT) {
            return t;
        }
        String note = " [... cut: the full text is in the wrapper's log]";
        int end = MAX_TEXT - note.length();
        if (Character.isHighSurrogate(t.charAt(end - 1))) {
            end--;
        }
        return t.substring(0, end) + note;
    }

    /** {@code DeregisterEventSource}. Idempotent. */
    @Override
    public synchronized void close() {
        if (handle != null) {
            WinNT.HANDLE h = handle;
            handle = null;
            if (!Advapi32.INSTANCE.DeregisterEventSource(h)) {
                throw Win32CallException.lastError("DeregisterEventSource(" + source + ")");
            }
        }
    }
}
