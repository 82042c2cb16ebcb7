package org.jsrvany.core.service;

/**
 * Event log sources in the Application log, so that Event Viewer shows a service's events as written
 * (docs/windows-service.md, "Event log"). The Windows implementation is
 * {@code org.jsrvany.core.win32.eventlog.EventLogSource}.
 */
public interface EventSources {
    /** The source every jsrvany service may write as when its own name belongs to another program. */
    String FALLBACK = "jsrvany";

    /** What {@link #register} found or did. */
    enum Registration {
        /** Created now; {@link #unregister} removes it again. */
        CREATED,
        /** Already there, showing plain text; nothing changed. */
        ALREADY_REGISTERED,
        /** Another program owns that name; nothing changed. */
        TAKEN
    }

    /** Whether the source exists in the Application log and shows plain text. */
    boolean isRegistered(String source);

    /** Whether a source of this name exists in any log, whoever registered it. */
    boolean exists(String source);

    /** Registers the source unless a source of that name exists; an existing one is never changed. */
    Registration register(String source);

    /** Removes the source if it is one that {@link #register} would create; another program's is left alone. */
    boolean unregister(String source);
}
