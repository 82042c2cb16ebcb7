package org.jsrvany.installer;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jsrvany.core.security.AccessControl;
import org.jsrvany.core.security.Descriptor;
import org.jsrvany.core.security.Sids;
import org.jsrvany.core.security.UnsafeFolderException;

/**
 * Owners and DACLs in a map, as the installer's tests want them: {@link #weak} makes a file, folder or
 * key writable by a non-administrator; what {@link #secureFolder} sets is recorded and read back. Anything
 * else that exists reads as an administrator's (nobody else may write it); registry keys of services the
 * fake SCM knows read likewise.
 */
final class FakeAccessControl implements AccessControl {
    static final Descriptor ADMINISTRATORS_ONLY = Descriptor.parse("O:BAD:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)"
            + "(A;OICIID;0x1200a9;;;BU)");
    /** What Windows gives a service's key: read for Users, full control for SYSTEM and Administrators. */
    static final Descriptor KEY_DEFAULT = Descriptor.parse("O:SYD:AI(A;CIID;KR;;;BU)(A;CIID;KA;;;BA)(A;CIID;KA;;;SY)");
    final Map<String, Reading> objects = new HashMap<>();
    final List<String> secured = new ArrayList<>();
    final Map<String, String> refuse = new HashMap<>();
    final java.util.Set<String> unknownAccounts = new java.util.HashSet<>();

    /** Makes {@code path} (or {@code HKLM\key}) modifiable by {@code sid} through an inherited entry. */
    FakeAccessControl weak(String path, String sid) {
        objects.put(path, new Reading.Found(Descriptor.parse("O:BAD:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)"
                + "(A;OICIID;0x1301bf;;;" + sid + ")")));
        return this;
    }

    @Override
    public Reading file(String path) {
        Reading r = objects.get(path);
        if (r != null) {
            return r;
        }
        return Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS) ? new Reading.Found(ADMINISTRATORS_ONLY)
                : new Reading.Missing();
    }

    @Override
    public Reading registryKey(String keyBelowLocalMachine) {
        return objects.getOrDefault("HKLM\\" + keyBelowLocalMachine, new Reading.Found(KEY_DEFAULT));
    }

    @Override
    public void secureFolder(Path dir, Descriptor wanted) throws UnsafeFolderException {
        String why = refuse.get(dir.toString());
        if (why != null) {
            throw new UnsafeFolderException(dir + " cannot be made safe (" + why + "). From an elevated prompt, take"
                    + " it for Administrators (takeown /f \"" + dir + "\" /a) and try again.");
        }
        secured.add(dir + " " + wanted.toSddl());
        objects.put(dir.toString(), new Reading.Found(wanted));
    }

    @Override
    public String currentUser() {
        return "S-1-5-21-1-2-3-500";
    }

    @Override
    public String accountSid(String objectName) {
        if (unknownAccounts.contains(objectName)) {
            throw new IllegalArgumentException("The account '" + objectName + "' cannot be found.");
        }
        return Sids.ofServiceAccount(objectName)
                .orElse("S-1-5-21-9-9-9-" + Integer.toUnsignedString(objectName.toLowerCase(java.util.Locale.ROOT).hashCode()));
    }
}
