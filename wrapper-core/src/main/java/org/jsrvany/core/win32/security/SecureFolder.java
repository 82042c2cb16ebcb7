package org.jsrvany.core.win32.security;

import org.jsrvany.core.win32.Win32CallException;
import com.sun.jna.Platform;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinDef.BOOLByReference;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jsrvany.core.service.DataFolders;
import com.sun.jna.platform.win32.KnownFolders;
import com.sun.jna.platform.win32.Shell32Util;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for jsrvany's folders below {@code %ProgramData%} ({@code jsrvany} and its {@code logs},
 * {@code state}, {@code tmp}), used by the installer, the service's log and the status writer.
 *
 * <ul>
 *   <li>{@code %ProgramData%\jsrvany} gets a <b>protected</b> DACL (nothing inherited from ProgramData,
 *       where every user may create folders): SYSTEM and Administrators full control, and modify for
 *       each service account that is not LocalSystem, all inherited by subfolders and files. Ordinary
 *       users get nothing. Subfolders inherit it.</li>
 *   <li>A folder that exists but is a junction, symbolic link or other reparse point is refused with an
 *       {@link UnsafeFolderException} naming what to delete: jsrvany never writes through one.</li>
 * </ul>
 */
public final class SecureFolder {
    public static final String SYSTEM = "S-1-5-18";
    public static final String ADMINISTRATORS = "S-1-5-32-544";
    public static final String LOCAL_SERVICE = "S-1-5-19";
    public static final String NETWORK_SERVICE = "S-1-5-20";
    /** FILE_GENERIC_READ | FILE_GENERIC_WRITE | FILE_GENERIC_EXECUTE | DELETE: Explorer's "Modify". */
    static final String MODIFY = "0x1301bf";
    static final int FILE_ATTRIBUTE_REPARSE_POINT = 0x400;
    /** The folder below ProgramData. */
    public static final String ROOT = DataFolders.ROOT;

    private static final Pattern ACE = Pattern.compile("\\(([^()]*)\\)");

    /** What is at a path, as far as writing into it goes. */
    public enum Kind { MISSING, DIRECTORY, REPARSE_POINT, NOT_A_DIRECTORY }

    /** A folder jsrvany refuses to use; the message says what the administrator should delete. */
    public static final class UnsafeFolderException extends IOException {
        private static final long serialVersionUID = 1L;

        public UnsafeFolderException(String message) {
            super(message);
        }
    }

    private SecureFolder() {
    }

    /**
     * The SID of a well-known service account ObjectName ({@code LocalSystem}, {@code NT AUTHORITY\LocalService},
     * ...); empty for other accounts, which are looked up by name.
     */
    static Optional<String> wellKnownSid(String objectName) {
        String n = objectName == null ? "" : objectName.strip().toLowerCase(Locale.ROOT);
        if (n.startsWith(".\\")) {
            n = n.substring(2);
        }
        return Optional.ofNullable(switch (n) {
            case "", "localsystem", "system", "nt authority\\system", "nt authority\\localsystem" -> SYSTEM;
            case "localservice", "nt authority\\localservice", "nt authority\\local service" -> LOCAL_SERVICE;
            case "networkservice", "nt authority\\networkservice", "nt authority\\network service" -> NETWORK_SERVICE;
            default -> null;
        });
    }

    /**
     * Windows' ProgramData folder from the known-folder API ({@code FOLDERID_ProgramData}); if that
     * fails, the {@code ProgramData} environment variable, else {@code C:\ProgramData}. Windows only.
     */
    public static Path programData() {
        try {
            return Path.of(Shell32Util.getKnownFolderPath(KnownFolders.FOLDERID_ProgramData));
        } catch (RuntimeException | LinkageError e) {
            return Path.of(System.getenv().getOrDefault("ProgramData", "C:\\ProgramData"));
        }
    }

    /**
     * The SID a service's account needs modify access for; empty for LocalSystem (SYSTEM has full
     * control already). Windows only for accounts that are not well known ({@code NT SERVICE\<name>}
     * exists only once the service does).
     *
     * @throws Win32CallException when the account cannot be looked up
     */
    public static Optional<String> sidToGrant(String objectName) {
        String sid = wellKnownSid(objectName).orElseGet(() -> {
            String name = objectName.strip();
            if (name.startsWith(".\\")) {
                name = name.substring(2);
            }
            try {
                return Advapi32Util.getAccountByName(name).sidString;
            } catch (com.sun.jna.platform.win32.Win32Exception e) {
                throw Win32CallException.of("LookupAccountName(" + name + ")", e.getErrorCode());
            }
        });
        return SYSTEM.equals(sid) ? Optional.empty() : Optional.of(sid);
    }

    /** The account this process runs as, as {@link #sidToGrant} gives it (empty for SYSTEM). Windows only. */
    public static Optional<String> currentSidToGrant() {
        WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
        if (!Advapi32.INSTANCE.OpenProcessToken(Kernel32.INSTANCE.GetCurrentProcess(), WinNT.TOKEN_QUERY, token)) {
            throw Win32CallException.lastError("OpenProcessToken");
        }
        try {
            String sid = Advapi32Util.getTokenAccount(token.getValue()).sidString;
            return SYSTEM.equals(sid) ? Optional.empty() : Optional.of(sid);
        } finally {
            Kernel32.INSTANCE.CloseHandle(token.getValue());
        }
    }

    /** The ACE strings (SDDL, without parentheses) of the DACL part of {@code sddl}. */
    static List<String> aces(String sddl) {
        int d = sddl.indexOf("D:");
        List<String> out = new ArrayList<>();
        if (d < 0) {
            return out;
        }
        Matcher m = ACE.matcher(sddl.substring(d));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Whether the DACL in {@code sddl} is protected (inherits nothing): its flags contain {@code P}. */
    static boolean isProtected(String sddl) {
        int d = sddl.indexOf("D:");
        if (d < 0) {
            return false;
        }
        int end = sddl.indexOf('(', d);
        String flags = sddl.substring(d + 2, end < 0 ? sddl.length() : end);
        return flags.replace("AI", "").replace("AR", "").contains("P");
    }

    /**
     * The DACL (SDDL) for {@code %ProgramData%\jsrvany}: protected; SYSTEM and Administrators full control
     * and {@code accountSid} modify, inherited by subfolders and files. When the current DACL is already
     * protected (jsrvany set it before), its explicit entries are kept too (other services' accounts, what
     * an administrator added); an unprotected one (inherited from ProgramData) is dropped entirely.
     */
    static String rootDacl(Optional<String> currentSddl, Optional<String> accountSid) {
        Set<String> entries = new LinkedHashSet<>();
        entries.add("A;OICI;FA;;;" + SYSTEM);
        entries.add("A;OICI;FA;;;" + ADMINISTRATORS);
        accountSid.filter(s -> !SYSTEM.equals(s)).ifPresent(s -> entries.add("A;OICI;" + MODIFY + ";;;" + s));
        if (currentSddl.isPresent() && isProtected(currentSddl.get())) {
            for (String ace : aces(currentSddl.get())) {
                String[] f = ace.split(";", -1);
                if (f.length >= 6 && !f[1].toUpperCase(Locale.ROOT).contains("ID") && !alreadyCovered(entries, f)) {
                    entries.add(ace);
                }
            }
        }
        StringBuilder sb = new StringBuilder("D:P");
        entries.forEach(e -> sb.append('(').append(e).append(')'));
        return sb.toString();
    }

    /** An ACE read back that is one of ours, written by Windows with an alias (SY, BA, FA ...). */
    private static boolean alreadyCovered(Set<String> entries, String[] f) {
        String sid = switch (f[5].toUpperCase(Locale.ROOT)) {
            case "SY" -> SYSTEM;
            case "BA" -> ADMINISTRATORS;
            case "LS" -> LOCAL_SERVICE;
            case "NS" -> NETWORK_SERVICE;
            default -> f[5];
        };
        String mask = f[2].equalsIgnoreCase("0x1f01ff") ? "FA" : f[2];
        String normal = f[0] + ";" + f[1] + ";" + mask + ";" + f[3] + ";" + f[4] + ";" + sid;
        return entries.stream().anyMatch(e -> e.equalsIgnoreCase(normal));
    }

    /** The decision for a path's attributes (not following links); {@code dosAttributes} null when unknown. */
    static Kind classify(boolean symbolicLink, boolean directory, boolean other, Integer dosAttributes) {
        if (symbolicLink || (dosAttributes != null && (dosAttributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0)) {
            return Kind.REPARSE_POINT;
        }
        if (directory && other) {
            return Kind.REPARSE_POINT; // Windows: a directory with a reparse tag other than a symlink (a junction)
        }
        return directory ? Kind.DIRECTORY : Kind.NOT_A_DIRECTORY;
    }

    /**
     * What is at {@code path}, links not followed. On Windows the raw attributes are checked for
     * {@code FILE_ATTRIBUTE_REPARSE_POINT}: {@code Files.isSymbolicLink} does not see junctions.
     */
    public static Kind inspect(Path path) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Kind.MISSING;
        }
        Integer dos = null;
        if (Platform.isWindows()) {
            dos = (Integer) Files.getAttribute(path, "dos:attributes", LinkOption.NOFOLLOW_LINKS);
        }
        return classify(a.isSymbolicLink(), a.isDirectory(), a.isOther(), dos);
    }

    /** Throws when {@code path} exists and is not a real directory; returns whether it is missing. */
    static boolean requireDirectoryOrMissing(Path path) throws IOException {
        Kind kind = inspect(path);
        return switch (kind) {
            case MISSING -> true;
            case DIRECTORY -> false;
            case REPARSE_POINT -> throw new UnsafeFolderException(path + " is a junction or symbolic link (a reparse"
                    + " point), not a folder; jsrvany does not write through one. Delete it (rmdir \"" + path
                    + "\" removes the link, not what it points to) and try again.");
            case NOT_A_DIRECTORY -> throw new UnsafeFolderException(path + " is a file, not a folder; jsrvany needs a"
                    + " folder there. Delete it and try again.");
        };
    }

    /** Creates {@code dir} if missing; true if this call created it. Refuses a reparse point found instead. */
    private static boolean createIfMissing(Path dir) throws IOException {
        if (!requireDirectoryOrMissing(dir)) {
            return false;
        }
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

    /**
     * Makes {@code <programData>\jsrvany} and the given subfolders, refusing reparse points. On Windows
     * the root gets the protected DACL ({@link #rootDacl}) when this call created it, or always when
     * {@code secureExisting} (the installer; the service may lack the right to change it).
     *
     * @param accountSid the account that needs modify access besides SYSTEM and Administrators, if any
     */
    public static Path prepare(Path programData, Optional<String> accountSid, boolean secureExisting,
                               List<String> subfolders) throws IOException {
        Path root = programData.resolve(ROOT);
        if (Files.notExists(programData, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(programData); // always there on Windows; tests use a temporary one
        }
        boolean created = createIfMissing(root);
        if (Platform.isWindows() && (created || secureExisting)) {
            setProtectedDacl(root, accountSid);
        }
        for (String sub : subfolders) {
            createIfMissing(root.resolve(sub));
        }
        return root;
    }

    /**
     * The installer's second step, once the service exists: {@link #prepare} again, granting the service's
     * account ({@link #sidToGrant}). Nothing to do for LocalSystem or off Windows.
     */
    public static void grant(Path programData, String account, List<String> subfolders) throws IOException {
        if (!Platform.isWindows()) {
            return;
        }
        Optional<String> sid = sidToGrant(account);
        if (sid.isPresent()) {
            prepare(programData, sid, true, subfolders);
        }
    }

    /**
     * The service side: makes a folder it writes into. {@code <x>\jsrvany\<sub>} follows {@link #prepare}
     * (the running account is granted when the root is new); any other folder (a {@code jsrvany.logdir}
     * the administrator chose) is created as asked, but a reparse point is refused all the same.
     */
    public static void prepareForService(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        Path parent = abs.getParent();
        if (parent != null && parent.getFileName() != null && parent.getParent() != null
                && parent.getFileName().toString().equalsIgnoreCase(ROOT)) {
            Optional<String> me = Optional.empty();
            if (Platform.isWindows() && requireDirectoryOrMissing(parent)) {
                me = currentSidToGrant();
            }
            prepare(parent.getParent(), me, false, List.of(abs.getFileName().toString()));
        } else {
            if (requireDirectoryOrMissing(abs)) {
                Files.createDirectories(abs);
            }
            requireDirectoryOrMissing(abs);
        }
    }

    /** Replaces the DACL of {@code dir} with {@link #rootDacl}, protected. Windows only. */
    static void setProtectedDacl(Path dir, Optional<String> accountSid) {
        String sddl = rootDacl(Optional.of(readSddl(dir)), accountSid);
        Advapi32Ex api = Advapi32Ex.instance();
        PointerByReference sd = new PointerByReference();
        if (!api.ConvertStringSecurityDescriptorToSecurityDescriptor(sddl, Advapi32Ex.SDDL_REVISION_1, sd, null)) {
            throw Win32CallException.lastError("ConvertStringSecurityDescriptorToSecurityDescriptor(" + sddl + ")");
        }
        try {
            BOOLByReference present = new BOOLByReference();
            BOOLByReference defaulted = new BOOLByReference();
            PointerByReference dacl = new PointerByReference();
            if (!api.GetSecurityDescriptorDacl(sd.getValue(), present, dacl, defaulted)) {
                throw Win32CallException.lastError("GetSecurityDescriptorDacl");
            }
            int rc = api.SetNamedSecurityInfo(dir.toString(), Advapi32Ex.SE_FILE_OBJECT,
                    Advapi32Ex.DACL_SECURITY_INFORMATION | Advapi32Ex.PROTECTED_DACL_SECURITY_INFORMATION,
                    null, null, dacl.getValue(), null);
            if (rc != 0) {
                throw Win32CallException.of("SetNamedSecurityInfo(" + dir + ")", rc);
            }
        } finally {
            Kernel32.INSTANCE.LocalFree(sd.getValue());
        }
    }

    /** The DACL of {@code path} as SDDL ({@code D:P(A;OICI;FA;;;SY)...}). Windows only. */
    public static String readSddl(Path path) {
        Advapi32Ex api = Advapi32Ex.instance();
        PointerByReference sd = new PointerByReference();
        int rc = api.GetNamedSecurityInfo(path.toString(), Advapi32Ex.SE_FILE_OBJECT,
                Advapi32Ex.DACL_SECURITY_INFORMATION, null, null, null, null, sd);
        if (rc != 0) {
            throw Win32CallException.of("GetNamedSecurityInfo(" + path + ")", rc);
        }
        try {
            PointerByReference text = new PointerByReference();
            if (!api.ConvertSecurityDescriptorToStringSecurityDescriptor(sd.getValue(), Advapi32Ex.SDDL_REVISION_1,
                    Advapi32Ex.DACL_SECURITY_INFORMATION, text, new IntByReference())) {
                throw Win32CallException.lastError("ConvertSecurityDescriptorToStringSecurityDescriptor");
            }
            try {
                return text.getValue().getWideString(0);
            } finally {
                Kernel32.INSTANCE.LocalFree(text.getValue());
            }
        } finally {
            Kernel32.INSTANCE.LocalFree(sd.getValue());
        }
    }

}
