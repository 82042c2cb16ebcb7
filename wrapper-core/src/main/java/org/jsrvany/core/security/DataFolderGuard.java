package org.jsrvany.core.security;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsrvany.core.service.DataFolders;

/**
 * Makes jsrvany's folders ({@link DataFolders}) by {@link FolderPolicy}'s rule: creates what is missing,
 * refuses junctions, symbolic links and files in their place, and, through an {@link AccessControl},
 * gives each folder its owner and entries. Without one (not Windows) the folders are only created and
 * checked for links.
 *
 * <p>The installer ({@link #prepareForInstall}) brings existing folders to the rule; the service
 * ({@link #prepareForService}) only creates what is missing, since it may lack the right to change
 * anything else.
 */
public final class DataFolderGuard {
    private static final DateTimeFormatter ASIDE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Optional<AccessControl> access;

    /** @param access the security calls; empty where there are none (the folders are only created) */
    public DataFolderGuard(Optional<AccessControl> access) {
        this.access = access;
    }

    /**
     * The installer's step before it changes a service: {@code jsrvany}, {@code logs} and {@code state}
     * with the shared entries, and the service's own {@code logs\<name>} and {@code state\<name>} granting
     * {@code accountSid} (empty or SYSTEM for LocalSystem).
     *
     * @param now when, for the name of a folder moved aside
     * @return what was done that the administrator should know (a folder moved aside), as sentences
     * @throws UnsafeFolderException with what to do, when a folder cannot be used or made safe
     */
    public List<String> prepareForInstall(DataFolders folders, String service, Optional<String> accountSid, Instant now)
            throws IOException {
        Set<String> trusted = new LinkedHashSet<>();
        access.ifPresent(a -> trusted.add(a.currentUser()));
        List<String> notes = new ArrayList<>();
        Files.createDirectories(folders.programData()); // always there on Windows; tests use a temporary one
        ensure(folders.root(), FolderPolicy.shared(), trusted, false, now, notes);
        for (String shared : DataFolders.SHARED) {
            ensure(folders.root().resolve(shared), FolderPolicy.shared(), trusted, false, now, notes);
        }
        Descriptor own = FolderPolicy.forService(accountSid);
        ensure(folders.serviceLogs(service), own, trusted, true, now, notes);
        ensure(folders.serviceState(service), own, trusted, true, now, notes);
        return notes;
    }

    /**
     * The service's side, before it writes into {@code dir}: a per-service folder of a layout
     * ({@code ...\jsrvany\logs\<name>}) is checked from the root down and what is missing is created by the
     * rule, granting {@code runningAs} its own folder; any other folder (one the administrator chose) is
     * created as asked. A link or file in the way is refused either way. A shared folder this account may
     * not even look at (the rule gives service accounts nothing there) is passed over.
     */
    public void prepareForService(Path dir, Optional<String> runningAs) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        Optional<DataFolders> layout = DataFolders.ofServiceFolder(abs);
        if (layout.isEmpty()) {
            if (requireDirectoryOrMissing(abs)) {
                Files.createDirectories(abs);
            }
            requireDirectoryOrMissing(abs);
            return;
        }
        DataFolders f = layout.get();
        Files.createDirectories(f.programData());
        createIfMissing(f.root(), FolderPolicy.shared(), false);
        createIfMissing(abs.getParent(), FolderPolicy.shared(), true);
        createIfMissing(abs, FolderPolicy.forService(runningAs), false);
    }

    private void createIfMissing(Path folder, Descriptor wanted, boolean mayBeHidden) throws IOException {
        FolderKind kind;
        try {
            kind = FolderKind.of(folder);
        } catch (AccessDeniedException e) {
            if (mayBeHidden) {
                return; // protected from this account: nothing it could be tricked into, nothing it can fix
            }
            throw e;
        }
        refuse(folder, kind);
        if (kind == FolderKind.MISSING && create(folder)) {
            apply(folder, wanted);
        }
    }

    private void ensure(Path folder, Descriptor wanted, Set<String> trusted, boolean contentsMatter, Instant now,
                        List<String> notes) throws IOException {
        FolderKind kind = FolderKind.of(folder);
        refuse(folder, kind);
        if (kind == FolderKind.MISSING) {
            if (create(folder)) {
                apply(folder, wanted);
                return;
            }
        }
        if (access.isEmpty()) {
            return;
        }
        AccessControl.Reading reading = access.get().file(folder.toString());
        if (reading instanceof AccessControl.Reading.Missing) {
            throw new UnsafeFolderException(folder + " vanished while jsrvany was preparing it: make sure nothing"
                    + " else works on " + folder.getParent() + ", then try again.");
        }
        Optional<Descriptor> current = reading instanceof AccessControl.Reading.Found found
                ? Optional.of(found.descriptor()) : Optional.empty();
        FolderPolicy.Action action = FolderPolicy.decide(current, wanted, trusted, contentsMatter, () -> isEmpty(folder));
        if (action instanceof FolderPolicy.Action.Secure) {
            apply(folder, wanted);
        } else if (action instanceof FolderPolicy.Action.MoveAside aside) {
            Path moved = folder.resolveSibling(folder.getFileName() + ".untrusted-" + ASIDE.format(now));
            try {
                Files.move(folder, moved);
            } catch (IOException e) {
                throw new UnsafeFolderException(folder + " " + writers(aside) + ", and what it holds cannot be"
                        + " trusted; moving it aside failed (" + e + "). Stop the service, delete the folder (rmdir /s /q \""
                        + folder + "\") and try again.", e);
            }
            if (create(folder)) {
                apply(folder, wanted);
            }
            notes.add(folder + " " + writers(aside) + ", so what it held could not be trusted: it was moved to "
                    + moved + " and a new, protected folder made in its place (look through the old one, then"
                    + " delete it).");
        }
    }

    private static String writers(FolderPolicy.Action.MoveAside aside) {
        if (aside.writers().isEmpty()) {
            return "has permissions jsrvany cannot read";
        }
        return "could be written by " + aside.writers().stream().map(Sids::displayName).collect(Collectors.joining(", "));
    }

    private void apply(Path folder, Descriptor wanted) throws UnsafeFolderException {
        if (access.isPresent()) {
            access.get().secureFolder(folder, wanted);
        }
    }

    /** Creates {@code dir}; true if this call created it, false if someone else just did (then checked). */
    private static boolean create(Path dir) throws IOException {
        try {
            Files.createDirectory(dir);
            return true;
        } catch (FileAlreadyExistsException e) {
            // Someone else was faster: check what they made. Something there that cannot be examined
            // without following it (Wine's symbolic links) is refused like a link.
            if (requireDirectoryOrMissing(dir)) {
                throw new UnsafeFolderException(dir + " exists but cannot be examined without following it (a"
                        + " broken link?); jsrvany does not write through it. Delete it and try again.");
            }
            return false;
        }
    }

    /** Throws when {@code path} exists and is not a real directory; returns whether it is missing. */
    static boolean requireDirectoryOrMissing(Path path) throws IOException {
        FolderKind kind = FolderKind.of(path);
        refuse(path, kind);
        return kind == FolderKind.MISSING;
    }

    private static void refuse(Path path, FolderKind kind) throws UnsafeFolderException {
        switch (kind) {
            case REPARSE_POINT -> throw new UnsafeFolderException(path + " is a junction or symbolic link (a reparse"
                    + " point), not a folder; jsrvany does not write through one. Delete it (rmdir \"" + path
                    + "\" removes the link, not what it points to) and try again.");
            case NOT_A_DIRECTORY -> throw new UnsafeFolderException(path + " is a file, not a folder; jsrvany needs a"
                    + " folder there. Delete it and try again.");
            default -> {
            }
        }
    }

    private static boolean isEmpty(Path folder) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return false; // what cannot be listed cannot be vouched for
        }
    }
}
