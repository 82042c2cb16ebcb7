package org.jsrvany.core.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Who can change an object, read from its owner and DACL: the decision behind the folder rule and the
 * {@code audit} command.
 *
 * <p>What counts as "change" depends on what the object is to a service ({@link Role}): for a program
 * (or jar or DLL) writing or appending data; for the folder holding it also adding or deleting files in
 * it; for a folder above it replacing a subfolder (delete, delete children); for a registry key setting
 * values or creating subkeys. Changing the permissions ({@code WRITE_DAC}) or the owner
 * ({@code WRITE_OWNER}) counts everywhere, and so does being the owner (an owner implicitly has
 * {@code WRITE_DAC}, Microsoft's "Owner of a New Object"), unless an {@code OWNER RIGHTS} entry replaces
 * that.
 *
 * <p>Entries are read in order, as the access check does: a right denied to an account (or to
 * Everyone) before it is allowed is not granted by a later allow. Inherit-only entries do not apply to
 * the object itself. Group membership beyond Everyone is not expanded.
 */
public final class WriteAccess {
    public static final int FILE_WRITE_DATA = 0x2; // FILE_ADD_FILE on a folder; KEY_SET_VALUE on a key
    public static final int FILE_APPEND_DATA = 0x4; // FILE_ADD_SUBDIRECTORY on a folder; KEY_CREATE_SUB_KEY on a key
    public static final int FILE_WRITE_EA = 0x10;
    public static final int KEY_CREATE_LINK = 0x20;
    public static final int FILE_DELETE_CHILD = 0x40;
    public static final int FILE_WRITE_ATTRIBUTES = 0x100;
    public static final int DELETE = 0x10000;
    public static final int WRITE_DAC = 0x40000;
    public static final int WRITE_OWNER = 0x80000;
    static final int GENERIC_ALL = 0x10000000;
    static final int GENERIC_EXECUTE = 0x20000000;
    static final int GENERIC_WRITE = 0x40000000;
    static final int GENERIC_READ = 0x80000000;

    /** What an object is to the service, which decides the rights that change it. */
    public enum Role {
        /** A file the service runs or loads: java.exe, jvm.dll, the launcher jar, Application. */
        PROGRAM(FILE_WRITE_DATA | FILE_APPEND_DATA | WRITE_DAC | WRITE_OWNER, false),
        /** The folder holding such a file (a DLL planted beside a program is loaded before the system's). */
        PROGRAM_FOLDER(FILE_WRITE_DATA | FILE_DELETE_CHILD | DELETE | WRITE_DAC | WRITE_OWNER, false),
        /** A folder further up: whoever can delete or rename what is below it can put another folder there. */
        FOLDER_ABOVE(FILE_DELETE_CHILD | DELETE | WRITE_DAC | WRITE_OWNER, false),
        /**
         * The nearest existing folder above something the service runs that does not exist: whoever can
         * create files or folders in it can put it there.
         */
        ABOVE_MISSING(FILE_WRITE_DATA | FILE_APPEND_DATA | FILE_DELETE_CHILD | WRITE_DAC | WRITE_OWNER, false),
        /** One of jsrvany's data folders: any way of adding, removing or changing what is in it. */
        DATA_FOLDER(FILE_WRITE_DATA | FILE_APPEND_DATA | FILE_WRITE_EA | FILE_DELETE_CHILD | FILE_WRITE_ATTRIBUTES
                | DELETE | WRITE_DAC | WRITE_OWNER, false),
        /** A registry key the service reads its configuration from. */
        REGISTRY_KEY(FILE_WRITE_DATA | FILE_APPEND_DATA | KEY_CREATE_LINK | DELETE | WRITE_DAC | WRITE_OWNER, true);

        private final int changes;
        private final boolean registry;

        Role(int changes, boolean registry) {
            this.changes = changes;
            this.registry = registry;
        }

        /** The rights (after generic mapping) that change an object in this role. */
        public int changes() {
            return changes;
        }

        /** GENERIC_* bits as the object's type maps them (file or registry key); other bits unchanged. */
        int map(int mask) {
            int m = mask & 0x0FFFFFFF;
            if ((mask & GENERIC_ALL) != 0) {
                m |= registry ? 0xF003F : 0x1F01FF;
            }
            if ((mask & GENERIC_WRITE) != 0) {
                m |= registry ? 0x20006 : 0x120116;
            }
            if ((mask & GENERIC_READ) != 0) {
                m |= registry ? 0x20019 : 0x120089;
            }
            if ((mask & GENERIC_EXECUTE) != 0) {
                m |= registry ? 0x20019 : 0x1200A0;
            }
            return m;
        }
    }

    /**
     * One account's way to change the object.
     *
     * @param sid       the account
     * @param rights    the rights among {@link Role#changes()} it holds
     * @param inherited at least one entry granting them was inherited from a parent
     * @param owner     it holds them (also) as the object's owner
     */
    public record Grant(String sid, int rights, boolean inherited, boolean owner) {
    }

    private WriteAccess() {
    }

    /** Every account that can change {@code d}'s object in {@code role}, in the order the entries name them. */
    public static List<Grant> grants(Descriptor d, Role role) {
        Map<String, Integer> denied = new HashMap<>();
        Map<String, Integer> allowed = new LinkedHashMap<>();
        Map<String, Boolean> inherited = new HashMap<>();
        Integer ownerRights = null;
        for (Ace ace : d.dacl()) {
            if (ace.inheritOnly()) {
                continue;
            }
            int bits = role.map(ace.mask());
            if (ace.sid().equals(Sids.OWNER_RIGHTS) && ace.allows()) {
                ownerRights = (ownerRights == null ? 0 : ownerRights) | (bits & role.changes());
                continue;
            }
            if (ace.denies()) {
                denied.merge(ace.sid(), bits, (a, b) -> a | b);
            } else if (ace.allows()) {
                int blocked = denied.getOrDefault(ace.sid(), 0) | denied.getOrDefault(Sids.EVERYONE, 0);
                int granted = bits & role.changes() & ~blocked;
                if (granted != 0) {
                    allowed.merge(ace.sid(), granted, (a, b) -> a | b);
                    inherited.merge(ace.sid(), ace.inherited(), (a, b) -> a || b);
                }
            }
        }
        List<Grant> out = new ArrayList<>();
        String owner = d.owner().orElse(null);
        int ownerImplicit = ownerRights != null ? ownerRights : WRITE_DAC & role.changes();
        for (Map.Entry<String, Integer> e : allowed.entrySet()) {
            boolean isOwner = e.getKey().equals(owner) && ownerImplicit != 0;
            out.add(new Grant(e.getKey(), e.getValue() | (isOwner ? ownerImplicit : 0), inherited.get(e.getKey()), isOwner));
        }
        if (owner != null && ownerImplicit != 0 && !allowed.containsKey(owner)) {
            out.add(new Grant(owner, ownerImplicit, false, true));
        }
        return out;
    }

    /** The rights in words, for people ({@code write data, change permissions}). */
    public static String words(int rights, Role role) {
        StringJoiner j = new StringJoiner(", ");
        boolean folder = role != Role.PROGRAM && !role.registry;
        if ((rights & FILE_WRITE_DATA) != 0) {
            j.add(role.registry ? "set values" : folder ? "create files" : "write data");
        }
        if ((rights & FILE_APPEND_DATA) != 0) {
            j.add(role.registry ? "create subkeys" : folder ? "create folders" : "append data");
        }
        if ((rights & KEY_CREATE_LINK) != 0 && role.registry) {
            j.add("create links");
        }
        if ((rights & FILE_WRITE_EA) != 0 && !role.registry) {
            j.add("write extended attributes");
        }
        if ((rights & FILE_DELETE_CHILD) != 0 && !role.registry) {
            j.add("delete what is inside");
        }
        if ((rights & FILE_WRITE_ATTRIBUTES) != 0 && !role.registry) {
            j.add("write attributes");
        }
        if ((rights & DELETE) != 0) {
            j.add(role.registry ? "delete the key" : "delete or rename it");
        }
        if ((rights & WRITE_DAC) != 0) {
            j.add("change its permissions");
        }
        if ((rights & WRITE_OWNER) != 0) {
            j.add("take ownership");
        }
        return j.toString();
    }
}
