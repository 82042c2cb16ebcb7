package org.jsrvany.core.security;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * jsrvany's rule for its folders under {@code %ProgramData%\jsrvany} (the layout is
 * {@link org.jsrvany.core.service.DataFolders}), as pure decisions.
 *
 * <ul>
 *   <li>Every folder is owned by Administrators and has a protected DACL holding exactly jsrvany's
 *       entries: an owner implicitly has {@code WRITE_DAC}, and anyone may create folders in
 *       {@code %ProgramData%}, so a folder someone made before the install is theirs until its owner is
 *       changed. Entries nobody can attribute are never kept.</li>
 *   <li>{@code jsrvany}, {@code logs} and {@code state} ({@link #shared}): SYSTEM and Administrators,
 *       full control, inherited. No service account may write there.</li>
 *   <li>{@code logs\<service>} and {@code state\<service>} ({@link #forService}): the same, plus for the
 *       service's account (unless it is LocalSystem) the right to list the folder and create files in it
 *       (not to delete, rename or re-permission the folder itself) and Modify on the files in it. So an
 *       account writes only its own service's folders.</li>
 *   <li>An existing folder ({@link #decide}) is left alone when it already is exactly so; otherwise it gets
 *       the owner and entries. When someone outside SYSTEM, Administrators, the installing administrator
 *       and the folder's own service account could write it, and it holds something, what it holds cannot be
 *       trusted (a link planted there would make a privileged service write elsewhere): for a folder whose
 *       files a service writes, it is moved aside and a new one made.</li>
 * </ul>
 */
public final class FolderPolicy {
    /** On the service folder itself: list, create files, read attributes and permissions, traverse. */
    public static final int SERVICE_FOLDER_ITSELF = 0x1200ab;
    /** On the files in it: Explorer's "Modify" (read, write, execute, delete). */
    public static final int MODIFY = 0x1301bf;
    /** Full control ({@code FA}). */
    public static final int FULL = 0x1f01ff;

    /** What to do with an existing folder. */
    public sealed interface Action {
        /** It is exactly as wanted. */
        record Keep() implements Action {
        }

        /** Give it the owner and entries (what is in it may stay). */
        record Secure() implements Action {
        }

        /**
         * Move it aside and make a new one: these accounts could write it, and it is not empty. An empty set
         * means its permissions could not be read.
         */
        record MoveAside(Set<String> writers) implements Action {
        }
    }

    private FolderPolicy() {
    }

    /** {@code jsrvany}, {@code logs}, {@code state}: owner Administrators, SYSTEM and Administrators full control. */
    public static Descriptor shared() {
        return new Descriptor(Optional.of(Sids.ADMINISTRATORS), true, List.of(
                Ace.allow("OICI", FULL, Sids.LOCAL_SYSTEM), Ace.allow("OICI", FULL, Sids.ADMINISTRATORS)));
    }

    /** {@code logs\<service>}, {@code state\<service>} for a service running as {@code accountSid}. */
    public static Descriptor forService(Optional<String> accountSid) {
        Optional<String> account = accountSid.map(Sids::normalize)
                .filter(s -> !s.equals(Sids.LOCAL_SYSTEM) && !s.equals(Sids.ADMINISTRATORS));
        if (account.isEmpty()) {
            return shared();
        }
        return new Descriptor(Optional.of(Sids.ADMINISTRATORS), true, List.of(
                Ace.allow("OICI", FULL, Sids.LOCAL_SYSTEM), Ace.allow("OICI", FULL, Sids.ADMINISTRATORS),
                Ace.allow("", SERVICE_FOLDER_ITSELF, account.get()), Ace.allow("OIIO", MODIFY, account.get())));
    }

    /**
     * What to do with an existing folder.
     *
     * @param current        its owner and DACL; empty when they cannot be read
     * @param wanted         what it should have ({@link #shared}, {@link #forService})
     * @param trusted        accounts besides those of {@code wanted} whose writing is no threat (SYSTEM,
     *                       Administrators, the administrator running the installer)
     * @param contentsMatter a privileged service writes files in it (the per-service folders): what someone
     *                       else put there must not stay
     * @param empty          whether it holds nothing (asked only when needed)
     */
    public static Action decide(Optional<Descriptor> current, Descriptor wanted, Set<String> trusted,
                                boolean contentsMatter, BooleanSupplier empty) {
        if (current.isPresent() && same(current.get(), wanted)) {
            return new Action.Keep();
        }
        if (!contentsMatter) {
            return new Action.Secure();
        }
        Set<String> foreign = current.map(c -> foreignWriters(c, wanted, trusted)).orElse(Set.of());
        boolean unreadable = current.isEmpty();
        if ((unreadable || !foreign.isEmpty()) && !empty.getAsBoolean()) {
            return new Action.MoveAside(foreign);
        }
        return new Action.Secure();
    }

    /** Accounts that can add, remove or change what is in the folder, other than the wanted and trusted ones. */
    static Set<String> foreignWriters(Descriptor current, Descriptor wanted, Set<String> trusted) {
        Set<String> allowed = new HashSet<>();
        trusted.forEach(t -> allowed.add(Sids.normalize(t)));
        allowed.add(Sids.LOCAL_SYSTEM);
        allowed.add(Sids.ADMINISTRATORS);
        allowed.add(Sids.TRUSTED_INSTALLER);
        WriteAccess.grants(wanted, WriteAccess.Role.DATA_FOLDER).forEach(g -> allowed.add(g.sid()));
        for (Ace a : wanted.dacl()) {
            allowed.add(a.sid()); // the service account's files-only entry counts as its own
        }
        return WriteAccess.grants(current, WriteAccess.Role.DATA_FOLDER).stream().map(WriteAccess.Grant::sid)
                .filter(s -> !allowed.contains(s)).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Same owner, protection and entries (in any order; aliases and letter codes read as their values). */
    public static boolean same(Descriptor a, Descriptor b) {
        return a.owner().equals(b.owner()) && a.daclProtected() == b.daclProtected()
                && entries(a).equals(entries(b));
    }

    private static Set<String> entries(Descriptor d) {
        Set<String> out = new HashSet<>();
        for (Ace a : d.dacl()) {
            out.add(a.type() + ";" + (a.inherited() ? "ID" : "") + a.placement() + ";"
                    + Integer.toHexString(WriteAccess.Role.DATA_FOLDER.map(a.mask())) + ";" + a.sid());
        }
        return out;
    }
}
