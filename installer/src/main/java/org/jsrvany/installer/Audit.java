package org.jsrvany.installer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsrvany.core.security.AccessControl;
import org.jsrvany.core.security.AccessControl.Reading;
import org.jsrvany.core.security.Descriptor;
import org.jsrvany.core.security.Sids;
import org.jsrvany.core.security.WriteAccess;
import org.jsrvany.core.security.WriteAccess.Role;

/**
 * What a service runs, and whether someone other than an administrator can change it: the decisions
 * behind {@code jsrvany audit} and the check {@code install}, {@code adopt} and {@code set} make.
 *
 * <p><b>What is checked</b> ({@link #targets}): the ImagePath's program (for jsrvany: {@code java.exe},
 * and the JVM it loads, {@code bin\server\jvm.dll} and {@code lib\modules}), the launcher jar, the class data
 * archive ({@code -XX:SharedArchiveFile}, mapped like code), and the
 * folders JNA loads its DLL from ({@code -Djna.boot.library.path}, {@code -Djna.tmpdir}), the
 * {@code Application}, each with the folder holding it and every folder above up to the drive; the
 * service's registry key and its {@code Parameters} key.
 *
 * <p><b>Who counts</b>: Users, Authenticated Users, Everyone and INTERACTIVE ({@link Sids#NON_ADMINISTRATORS}),
 * through an entry or as the owner, with the rights {@link WriteAccess} counts for what the object is.
 * Every service account counts ({@link #gain}): whoever changes what a service runs runs code as its
 * account, and every service holds SeImpersonatePrivilege.
 */
final class Audit {
    /** Where services are in the registry, below HKEY_LOCAL_MACHINE. */
    static final String SERVICES_KEY = "SYSTEM\\CurrentControlSet\\Services\\";
    private static final Pattern VARIABLE = Pattern.compile("%([^%]+)%");

    private Audit() {
    }

    /**
     * One thing a service runs or reads.
     *
     * @param object   a path, or for a registry key {@code HKLM\...}
     * @param role     what it is to the service
     * @param what     for people: {@code java.exe}, {@code the folder of Application} ...
     * @param optional not there is not worth a word (the JVM's parts, the Parameters key)
     */
    record Target(String object, Role role, String what, boolean optional) {
        boolean registry() {
            return role == Role.REGISTRY_KEY;
        }
    }

    /** Something about a service an administrator should fix. */
    sealed interface Finding {
        String service();

        /** One line: what, who, how. */
        String text();

        /** The command that fixes it. */
        String fix();

        /** A non-administrator can change it. */
        record Weak(String service, Target target, WriteAccess.Grant grant, Role role) implements Finding {
            @Override
            public String text() {
                String how = grant.owner() && (grant.rights() & ~WriteAccess.WRITE_DAC) == 0 ? "owns it, so can "
                        + WriteAccess.words(grant.rights(), role)
                        : "can " + WriteAccess.words(grant.rights(), role) + (grant.owner() ? " (and owns it)" : "");
                return target.object() + " (" + target.what() + "): " + Sids.displayName(grant.sid()) + " " + how
                        + (grant.inherited() ? " (inherited)" : "");
            }

            @Override
            public String fix() {
                return Audit.fix(target, grant);
            }
        }

        /** Its permissions cannot be read, so nobody can vouch for it. */
        record Unreadable(String service, Target target, String why) implements Finding {
            @Override
            public String text() {
                return target.object() + " (" + target.what() + "): its permissions cannot be read (" + why + ")";
            }

            @Override
            public String fix() {
                return target.registry() ? "check its permissions in regedit (right-click the key, Permissions)"
                        : "icacls \"" + target.object() + "\"  (shows them; take it for Administrators with takeown /f \""
                        + target.object() + "\" /a)";
            }
        }

        /**
         * The ImagePath is an unquoted path with spaces: Windows tries {@code candidates} first.
         *
         * @param creatable the candidates a non-administrator can create now, with who
         * @param existing  the candidates that already exist (they run instead)
         */
        record Unquoted(String service, String imagePath, String program, List<String> candidates,
                        List<String> creatable, List<String> existing) implements Finding {
            @Override
            public String text() {
                String risk = !existing.isEmpty() ? String.join(", ", existing) + " already exist" + (existing.size() == 1 ? "s" : "")
                        + " and would run instead"
                        : !creatable.isEmpty() ? String.join("; ", creatable)
                        : "nobody but administrators can create them now";
                return "'" + service + "' has an unquoted ImagePath with spaces (" + imagePath + "): Windows tries "
                        + String.join(", ", candidates) + " first; " + risk;
            }

            @Override
            public String fix() {
                String rest = imagePath.strip().substring(program.length());
                return "sc config \"" + service + "\" binPath= \"\\\"" + program + "\\\"" + rest.replace("\"", "\\\"") + "\"";
            }
        }
    }

    /**
     * What whoever changes what a service runs gains, by the service's account (the ObjectName as the
     * SCM stores it): never nothing, since every service holds SeImpersonatePrivilege.
     */
    static String gain(String objectName) {
        String n = objectName == null ? "" : objectName.strip();
        String lower = n.toLowerCase(Locale.ROOT);
        Optional<String> sid = Sids.ofServiceAccount(n);
        if (sid.filter(Sids.LOCAL_SYSTEM::equals).isPresent()) {
            return "whoever changes what it runs runs code as SYSTEM";
        }
        if (sid.filter(s -> s.equals(Sids.LOCAL_SERVICE) || s.equals(Sids.NETWORK_SERVICE)).isPresent()) {
            return "whoever changes what it runs runs code as " + n + ", which holds SeImpersonatePrivilege (a known"
                    + " way to SYSTEM)";
        }
        if (lower.startsWith("nt service\\") || lower.endsWith("$")) {
            return "whoever changes what it runs runs code as " + n + ", which holds SeImpersonatePrivilege like every"
                    + " service";
        }
        return "whoever changes what it runs runs code as " + n + " (with SeImpersonatePrivilege like every service,"
                + " and everything an administrator may do if " + n + " is one)";
    }

    /**
     * What a service runs and reads, from its ImagePath and the Application it runs (absolute, when
     * known); each path once, in its strictest role.
     *
     * @param expand expands {@code %VARIABLE%} in an ImagePath (REG_EXPAND_SZ)
     */
    static List<Target> targets(String service, String imagePath, Optional<String> application, boolean serviceExists,
                                Function<String, String> expand) {
        Map<String, Target> out = new LinkedHashMap<>();
        ImagePath.Parsed parsed = ImagePath.parse(expand.apply(imagePath));
        String program = parsed.program();
        String exe = ImagePath.fileName(program).toLowerCase(Locale.ROOT);
        boolean java = exe.equals("java.exe") || exe.equals("javaw.exe") || exe.equals("java");
        program(out, program, java ? "java.exe" : "the service's program");
        if (java) {
            parent(program).flatMap(Audit::parent).ifPresent(home -> {
                String server = join(join(home, "bin"), "server");
                add(out, new Target(join(server, "jvm.dll"), Role.PROGRAM, "the JVM", true));
                add(out, new Target(server, Role.PROGRAM_FOLDER, "the JVM's folder", true));
                add(out, new Target(join(join(home, "lib"), "modules"), Role.PROGRAM, "the Java runtime's classes", true));
                add(out, new Target(join(home, "lib"), Role.PROGRAM_FOLDER, "the Java runtime's library folder", true));
            });
        }
        List<String> args = parsed.arguments();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-jar") && i + 1 < args.size()) {
                program(out, args.get(++i), "the launcher jar");
            } else if (a.startsWith(ImagePath.ARCHIVE_OPTION)) {
                // Code the JVM maps (AppCDS): checked like the jar; it may not exist (yet), its folder must be safe.
                String archive = a.substring(ImagePath.ARCHIVE_OPTION.length());
                add(out, new Target(archive, Role.PROGRAM, "the class data archive", true));
                parent(archive).ifPresent(dir -> folderAndAbove(out, dir, "the folder of the class data archive", false));
            } else if (a.startsWith("-Djna.boot.library.path=")) {
                String dir = a.substring(a.indexOf('=') + 1);
                add(out, new Target(join(dir, "jnidispatch.dll"), Role.PROGRAM, "JNA's DLL", true));
                folderAndAbove(out, dir, "JNA's DLL folder", false);
            } else if (a.startsWith("-Djna.tmpdir=")) {
                // JNA makes it when missing, inheriting from the folder above (which is checked).
                folderAndAbove(out, a.substring(a.indexOf('=') + 1), "JNA's temporary folder (it unpacks its DLL there)", true);
            }
        }
        application.ifPresent(app -> program(out, app, "Application"));
        String key = SERVICES_KEY + service;
        if (serviceExists) {
            add(out, new Target("HKLM\\" + key, Role.REGISTRY_KEY, "the service's key (ImagePath, account)", false));
            add(out, new Target("HKLM\\" + key + "\\Parameters", Role.REGISTRY_KEY, "its Parameters", true));
        }
        return List.copyOf(out.values());
    }

    /**
     * {@code targets} and one more file that decides what the service runs ({@code AppEnvironmentFile}:
     * whoever changes it sets PATH and the rest of the program's environment), with its folders.
     */
    static List<Target> plusFile(List<Target> targets, String path, String what) {
        Map<String, Target> out = new LinkedHashMap<>();
        targets.forEach(t -> out.put(t.object().toLowerCase(Locale.ROOT), t));
        program(out, path, what);
        return List.copyOf(out.values());
    }

    private static void program(Map<String, Target> out, String path, String what) {
        add(out, new Target(path, Role.PROGRAM, what, false));
        parent(path).ifPresent(dir -> folderAndAbove(out, dir, "the folder of " + what, false));
    }

    private static void folderAndAbove(Map<String, Target> out, String dir, String what, boolean optional) {
        add(out, new Target(dir, Role.PROGRAM_FOLDER, what, optional));
        String shortWhat = what.startsWith("the folder of ") ? what.substring("the folder of ".length()) : what;
        for (Optional<String> p = parent(dir); p.isPresent(); p = parent(p.get())) {
            add(out, new Target(p.get(), Role.FOLDER_ABOVE, "a folder above " + shortWhat, false));
        }
    }

    /** Keeps the first description and the strictest role (a program folder over a folder above). */
    private static void add(Map<String, Target> out, Target t) {
        String k = t.object().toLowerCase(Locale.ROOT);
        Target old = out.get(k);
        if (old == null) {
            out.put(k, t);
        } else if (old.role() == Role.FOLDER_ABOVE && t.role() == Role.PROGRAM_FOLDER) {
            out.put(k, new Target(old.object(), t.role(), t.what(), old.optional() && t.optional()));
        }
    }

    /** What the findings of one target are, given what reading its security gave. */
    static List<Finding> evaluate(String service, Target t, Reading reading) {
        if (reading instanceof Reading.Unreadable u) {
            return List.of(new Finding.Unreadable(service, t, u.why()));
        }
        if (!(reading instanceof Reading.Found found)) {
            return List.of();
        }
        return weak(service, t, found.descriptor(), t.role());
    }

    private static List<Finding> weak(String service, Target t, Descriptor d, Role role) {
        List<Finding> out = new ArrayList<>();
        for (WriteAccess.Grant g : WriteAccess.grants(d, role)) {
            if (Sids.NON_ADMINISTRATORS.contains(g.sid())) {
                out.add(new Finding.Weak(service, t, g, role));
            }
        }
        return out;
    }

    /** The result of checking one service. */
    record Report(String service, String account, List<Target> checked, List<String> notes, List<Finding> findings) {
    }

    /**
     * Reads every target's security and decides. Something the service runs that does not exist is
     * checked at the nearest folder above that does: whoever may create files or folders there can put
     * it in place.
     */
    static Report check(String service, String account, List<Target> targets, AccessControl access) {
        Map<String, Reading> read = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Target t : targets) {
            Reading r = t.registry() ? access.registryKey(t.object().substring("HKLM\\".length())) : access.file(t.object());
            read.put(t.object().toLowerCase(Locale.ROOT), r);
            findings.addAll(evaluate(service, t, r));
        }
        for (Target t : targets) {
            if (t.optional() || t.registry() || t.role() == Role.FOLDER_ABOVE
                    || !(read.get(t.object().toLowerCase(Locale.ROOT)) instanceof Reading.Missing)) {
                continue;
            }
            notes.add(t.object() + " (" + t.what() + ") does not exist");
            for (Optional<String> p = parent(t.object()); p.isPresent(); p = parent(p.get())) {
                String key = p.get().toLowerCase(Locale.ROOT);
                Reading r = read.get(key);
                if (r == null) {
                    r = access.file(p.get());
                    read.put(key, r);
                }
                if (r instanceof Reading.Found f) {
                    Target above = new Target(p.get(), Role.ABOVE_MISSING, "where " + t.object() + " could be created",
                            false);
                    for (Finding w : weak(service, above, f.descriptor(), Role.ABOVE_MISSING)) {
                        if (findings.stream().noneMatch(x -> x.text().equals(w.text()))) {
                            findings.add(w);
                        }
                    }
                    break;
                }
                if (!(r instanceof Reading.Missing)) {
                    break;
                }
            }
        }
        return new Report(service, account, targets, notes, findings);
    }

    /**
     * The unquoted-path finding for an ImagePath, if it is one: an unquoted program path with a space,
     * which {@code CreateProcess} reads word by word, trying each shorter name first (with {@code .exe}
     * added when it has no extension), as Microsoft's CreateProcess page describes.
     */
    static Optional<Finding.Unquoted> unquoted(String service, String imagePath, AccessControl access,
                                              Function<String, String> expand) {
        ImagePath.Parsed parsed = ImagePath.parse(imagePath);
        if (!parsed.unquotedWithSpaces()) {
            return Optional.empty();
        }
        String program = parsed.program();
        List<String> candidates = candidates(program);
        List<String> creatable = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        for (String c : candidates) {
            String real = expand.apply(c);
            Reading r = access.file(real);
            if (r instanceof Reading.Found) {
                existing.add(real);
                continue;
            }
            Optional<String> dir = parent(real);
            if (dir.isPresent() && access.file(dir.get()) instanceof Reading.Found f) {
                String who = WriteAccess.grants(f.descriptor(), Role.PROGRAM_FOLDER).stream()
                        .filter(g -> Sids.NON_ADMINISTRATORS.contains(g.sid())
                                && (g.rights() & (WriteAccess.FILE_WRITE_DATA | WriteAccess.WRITE_DAC | WriteAccess.WRITE_OWNER)) != 0)
                        .map(g -> Sids.displayName(g.sid())).distinct().collect(Collectors.joining(", "));
                if (!who.isEmpty()) {
                    creatable.add(who + " can create " + real);
                }
            }
        }
        return Optional.of(new Finding.Unquoted(service, imagePath.strip(), program, candidates, creatable, existing));
    }

    /** The names CreateProcess tries before an unquoted program path with spaces. */
    static List<String> candidates(String program) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < program.length(); i++) {
            char c = program.charAt(i);
            if (c == ' ' || c == '\t') {
                String word = program.substring(0, i);
                if (!word.isBlank()) {
                    out.add(ImagePath.fileName(word).contains(".") ? word : word + ".exe");
                }
            }
        }
        return out;
    }

    /** The command that takes {@code grant} away, keeping read and execute. */
    static String fix(Target t, WriteAccess.Grant grant) {
        String sid = grant.sid();
        List<String> commands = new ArrayList<>();
        boolean byEntry = !grant.owner() || (grant.rights() & ~WriteAccess.WRITE_DAC) != 0;
        if (t.registry()) {
            String path = "Registry::HKEY_LOCAL_MACHINE" + t.object().substring("HKLM".length());
            StringBuilder ps = new StringBuilder("powershell -NoProfile -Command \"$k='").append(path.replace("'", "''"))
                    .append("'; ");
            if (grant.owner()) {
                ps.append("$a=Get-Acl $k; $a.SetOwner([Security.Principal.SecurityIdentifier]'").append(Sids.ADMINISTRATORS)
                        .append("'); Set-Acl $k $a; ");
            }
            if (byEntry && grant.inherited()) {
                ps.append("$a=Get-Acl $k; $a.SetAccessRuleProtection($true,$true); Set-Acl $k $a; ");
            }
            if (byEntry) {
                ps.append("$a=Get-Acl $k; $s=[Security.Principal.SecurityIdentifier]'").append(sid)
                        .append("'; $a.PurgeAccessRules($s); $a.AddAccessRule([Security.AccessControl.RegistryAccessRule]::new("
                                + "$s,'ReadKey','ContainerInherit','None','Allow')); Set-Acl $k $a; ");
            }
            return ps.toString().strip() + "\"";
        }
        String q = "\"" + t.object() + "\"";
        if (grant.owner()) {
            commands.add("takeown /f " + q + " /a");
        }
        if (byEntry) {
            if (grant.inherited()) {
                commands.add("icacls " + q + " /inheritance:d");
            }
            boolean folder = t.role() != Role.PROGRAM;
            commands.add("icacls " + q + " /grant:r *" + sid + ":" + (folder ? "(OI)(CI)(RX)" : "(RX)"));
        }
        return String.join(" && ", commands);
    }

    /** {@code %NAME%} replaced from {@code environment} (names case-insensitive); unknown ones stay. */
    static String expand(String text, Map<String, String> environment) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = environment.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(m.group(1)))
                    .map(Map.Entry::getValue).findFirst().orElse(m.group());
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        return m.appendTail(sb).toString();
    }

    /** The folder holding {@code path}: Windows ({@code C:\a}, {@code \\server\share\a}) or POSIX paths; empty at a root. */
    static Optional<String> parent(String path) {
        String p = path;
        while (p.length() > 1 && (p.endsWith("\\") || p.endsWith("/")) && !p.matches("[A-Za-z]:[\\\\/]")) {
            p = p.substring(0, p.length() - 1);
        }
        int cut = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
        if (cut < 0 || p.matches("[A-Za-z]:[\\\\/]") || p.equals("/")) {
            return Optional.empty();
        }
        if (p.startsWith("\\\\")) {
            String[] parts = p.substring(2).split("\\\\");
            if (parts.length <= 2) {
                return Optional.empty(); // \\server\share is a root
            }
        }
        String head = p.substring(0, cut);
        if (head.isEmpty()) {
            return Optional.of(p.substring(0, 1)); // "/x" -> "/"
        }
        if (head.matches("[A-Za-z]:")) {
            return Optional.of(head + p.charAt(cut)); // "C:\x" -> "C:\"
        }
        return Optional.of(head);
    }

    /** {@code dir} and {@code name} joined with the separator {@code dir} uses. */
    static String join(String dir, String name) {
        String sep = dir.indexOf('\\') >= 0 || dir.matches("[A-Za-z]:") ? "\\" : "/";
        return dir.endsWith("\\") || dir.endsWith("/") ? dir + name : dir + sep + name;
    }
}
