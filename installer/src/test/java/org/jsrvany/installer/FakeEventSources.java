package org.jsrvany.installer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsrvany.core.win32.Win32CallException;
import org.jsrvany.core.service.EventSources;

/** Event log sources in memory: name to "ours" (plain text) or another program's. */
final class FakeEventSources implements EventSources {
    final Map<String, Boolean> sources = new LinkedHashMap<>();
    final List<String> writes = new ArrayList<>();
    boolean elevated = true;

    @Override
    public boolean isRegistered(String source) {
        return Boolean.TRUE.equals(sources.get(source.toLowerCase(Locale.ROOT)));
    }

    @Override
    public boolean exists(String source) {
        return sources.containsKey(source.toLowerCase(Locale.ROOT));
    }

    @Override
    public Registration register(String source) {
        writes.add("register " + source);
        if (!elevated) {
            throw new Win32CallException("RegCreateKeyExW", Failures.ERROR_ACCESS_DENIED, "Access is denied.");
        }
        Boolean ours = sources.get(source.toLowerCase(Locale.ROOT));
        if (ours != null) {
            return ours ? Registration.ALREADY_REGISTERED : Registration.TAKEN;
        }
        sources.put(source.toLowerCase(Locale.ROOT), true);
        return Registration.CREATED;
    }

    @Override
    public boolean unregister(String source) {
        writes.add("unregister " + source);
        if (isRegistered(source)) {
            sources.remove(source.toLowerCase(Locale.ROOT));
            return true;
        }
        return false;
    }
}
