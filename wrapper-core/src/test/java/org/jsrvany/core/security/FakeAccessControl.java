package org.jsrvany.core.security;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link AccessControl} that keeps descriptors in a map: what {@link #secureFolder} is given is what
 * {@link #file} reads back (as Windows would), and what was set is recorded in order. A folder that
 * exists but is not in the map reads as one made by an administrator in {@code %ProgramData%}.
 */
final class FakeAccessControl implements AccessControl {
    static final Descriptor MADE_BY_AN_ADMINISTRATOR = Descriptor.parse("O:BAD:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)"
            + "(A;OICIID;0x1200a9;;;BU)");

    final Map<String, Reading> objects = new HashMap<>();
    final List<String> secured = new ArrayList<>();
    final Map<String, String> refuse = new HashMap<>();
    String user = "S-1-5-21-1-2-3-500";

    @Override
    public Reading file(String path) {
        Reading r = objects.get(path);
        if (r != null) {
            return r;
        }
        return Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS) ? new Reading.Found(MADE_BY_AN_ADMINISTRATOR)
                : new Reading.Missing();
    }

    @Override
    public Reading registryKey(String keyBelowLocalMachine) {
        return objects.getOrDefault("HKLM\\" + keyBelowLocalMachine, new Reading.Missing());
    }

    @Override
    public void secureFolder(Path dir, Descriptor wanted) throws UnsafeFolderException {
        String why = refuse.get(dir.toString());
        if (why != null) {
            throw new UnsafeFolderException(dir + " cannot be made safe (" + why + ")");
        }
        secured.add(dir + " " + wanted.toSddl());
        objects.put(dir.toString(), new Reading.Found(wanted));
    }

    @Override
    public String currentUser() {
        return user;
    }

    @Override
    public String accountSid(String objectName) {
        return Sids.ofServiceAccount(objectName).orElseThrow(() ->
                new IllegalArgumentException("The account '" + objectName + "' cannot be found."));
    }
}
