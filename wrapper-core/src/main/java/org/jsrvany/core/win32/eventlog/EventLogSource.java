package org.jsrvany.core.win32.eventlog;

import org.jsrvany.core.win32.Win32CallException;
import org.jsrvany.core.win32.registry.RegistryKeyAccess;
import org.jsrvany.core.win32.registry.RegistryValue;
import java.util.Locale;
import java.util.Optional;

/**
 * Registration of an event source in the Application log, so that Event Viewer shows jsrvany's
 * messages as they were written instead of "The description for Event ID ... cannot be found".
 *
 * <p>jsrvany ships no message DLL of its own. The source's {@code EventMessageFile} points at .NET
 * Framework 4's {@code EventLogMessages.dll}, which every Windows since 8 carries in
 * {@code %SystemRoot%\Microsoft.NET\Framework64\v4.0.30319} (and {@code Framework} for 32-bit) and
 * which holds the message {@code %1} for every event id 0 to 65535: this is how .NET's own
 * {@code EventLog.WriteEntry} shows free text. Both folders are listed (Event Viewer tries the files
 * of {@code EventMessageFile} in order), so the source works on x64, ARM64 and x86 alike.
 *
 * <p>Registering writes HKLM: the installer does it at install time (as an administrator). The
 * service works without it; Event Viewer then shows the text after its "cannot be found" preamble.
 */
public final class EventLogSource {
    /** The Application log's key, relative to HKLM; each source is a subkey. */
    public static final String APPLICATION_LOG_KEY = "SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application";
    /** The source to use when a service's own name cannot be one (it belongs to another program). */
    public static final String FALLBACK_SOURCE = "jsrvany";
    /** {@code EventMessageFile} as written (REG_EXPAND_SZ): .NET Framework 4's "%1 for every id" DLL. */
    public static final String MESSAGE_FILE = "%SystemRoot%\\Microsoft.NET\\Framework64\\v4.0.30319\\EventLogMessages.dll;"
            + "%SystemRoot%\\Microsoft.NET\\Framework\\v4.0.30319\\EventLogMessages.dll";
    /** {@code TypesSupported}: error, warning and information. */
    static final int TYPES_SUPPORTED = 0x7;

    private static final String EVENT_LOG_KEY = "SYSTEM\\CurrentControlSet\\Services\\EventLog";
    private static final String MESSAGE_DLL = "eventlogmessages.dll";

    /** What {@link #register} found or did. */
    public enum Registration {
        /** The source was created. The installer removes it again with {@link #unregister}. */
        CREATED,
        /** The source was already there with a message file that shows plain text; nothing was changed. */
        ALREADY_REGISTERED,
        /**
         * Another program owns a source of that name (with its own message file, or in another log):
         * nothing was changed. Register {@link #FALLBACK_SOURCE} instead; the service uses it.
         */
        TAKEN
    }

    private EventLogSource() {
    }

    /**
     * Registers {@code source} in the Application log with {@link #MESSAGE_FILE}, unless a source of
     * that name exists already (source names are unique across all logs); an existing source is never
     * changed.
     *
     * @throws Win32CallException when HKLM cannot be written (not an administrator)
     */
    public static Registration register(String source) {
        checkName(source);
        RegistryKeyAccess registry = RegistryKeyAccess.localMachine();
        Optional<String> owner = logHolding(registry, source);
        if (owner.isPresent()) {
            boolean ours = owner.get().equalsIgnoreCase("Application") && messageFile(registry, source)
                    .map(EventLogSource::showsPlainText).orElse(false);
            return ours ? Registration.ALREADY_REGISTERED : Registration.TAKEN;
        }
        String key = APPLICATION_LOG_KEY + "\\" + source;
        registry.createKey(key);
        try {
            registry.setValue(key, "EventMessageFile", new RegistryValue.ExpandSz(MESSAGE_FILE));
            registry.setValue(key, "TypesSupported", new RegistryValue.Dword(TYPES_SUPPORTED));
        } catch (Win32CallException e) {
            registry.deleteTree(key);
            throw e;
        }
        return Registration.CREATED;
    }

    /**
     * Removes {@code source} from the Application log if it is one that shows plain text (as
     * {@link #register} creates it); a source with another program's message file is left alone.
     * Call it only for a source {@link #register} reported {@link Registration#CREATED}.
     *
     * @return true when the source was removed
     * @throws Win32CallException when HKLM cannot be written
     */
    public static boolean unregister(String source) {
        checkName(source);
        RegistryKeyAccess registry = RegistryKeyAccess.localMachine();
        if (!messageFile(registry, source).map(EventLogSource::showsPlainText).orElse(false)) {
            return false;
        }
        return registry.deleteTree(APPLICATION_LOG_KEY + "\\" + source);
    }

    /** Whether {@code source} is registered in the Application log with a message file that shows plain text. */
    public static boolean isUsable(String source) {
        if (source == null || source.isEmpty() || source.contains("\\")) {
            return false;
        }
        try {
            return messageFile(RegistryKeyAccess.localMachine(), source).map(EventLogSource::showsPlainText).orElse(false);
        } catch (Win32CallException e) {
            return false;
        }
    }

    /** Whether a source of this name is registered in any event log, by jsrvany or by another program. */
    public static boolean exists(String source) {
        if (source == null || source.isEmpty() || source.contains("\\")) {
            return false;
        }
        try {
            return logHolding(RegistryKeyAccess.localMachine(), source).isPresent();
        } catch (Win32CallException e) {
            return false;
        }
    }

    /** Whether an {@code EventMessageFile} value names .NET's "%1 for every id" message DLL. */
    static boolean showsPlainText(String eventMessageFile) {
        return eventMessageFile.toLowerCase(Locale.ROOT).contains(MESSAGE_DLL);
    }

    private static Optional<String> messageFile(RegistryKeyAccess registry, String source) {
        String key = APPLICATION_LOG_KEY + "\\" + source;
        if (!registry.keyExists(key)) {
            return Optional.empty();
        }
        return registry.value(key, "EventMessageFile").map(v -> {
            if (v instanceof RegistryValue.ExpandSz ex) {
                return ex.raw();
            }
            return v instanceof RegistryValue.Sz sz ? sz.value() : "";
        });
    }

    /** The log a source of this name is registered in, if any. */
    private static Optional<String> logHolding(RegistryKeyAccess registry, String source) {
        if (registry.keyExists(APPLICATION_LOG_KEY + "\\" + source)) {
            return Optional.of("Application");
        }
        if (!registry.keyExists(EVENT_LOG_KEY)) {
            return Optional.empty();
        }
        for (String log : registry.subKeyNames(EVENT_LOG_KEY)) {
            if (registry.keyExists(EVENT_LOG_KEY + "\\" + log + "\\" + source)) {
                return Optional.of(log);
            }
        }
        return Optional.empty();
    }

    private static void checkName(String source) {
        if (source == null || source.isEmpty() || source.contains("\\") || source.length() > 256) {
            throw new IllegalArgumentException("An event source name is 1 to 256 characters without '\\', not '"
                    + source + "'");
        }
    }
}
