package org.jsrvany.core.process;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Pure parsing for cgroup v2: where the unified hierarchy is mounted ({@code /proc/self/mountinfo}),
 * which cgroup this process is in ({@code /proc/self/cgroup}), and the names of the cgroups jsrvany
 * makes. Nothing here assumes a path: hybrid systems mount cgroup2 at {@code /sys/fs/cgroup/unified},
 * pure v2 systems at {@code /sys/fs/cgroup}, containers wherever they like.
 */
final class CgroupPaths {
    static final String PREFIX = "jsrvany-";

    private CgroupPaths() {
    }

    /** One cgroup2 mount: the cgroup shown at the mount point ({@code root}) and where it is mounted. */
    record Mount(String root, Path mountPoint) {
    }

    /** This process's own cgroup v2 directory, if the unified hierarchy is mounted and holds it. */
    static Optional<Path> ownDirectory(String mountinfo, String procSelfCgroup) {
        Optional<String> own = unifiedPath(procSelfCgroup);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        String path = own.get();
        for (String line : mountinfo.split("\n")) {
            Optional<Mount> mount = cgroup2Mount(line);
            if (mount.isEmpty()) {
                continue;
            }
            String root = mount.get().root();
            String rel;
            if (root.equals("/")) {
                rel = path;
            } else if (path.equals(root) || path.startsWith(root + "/")) {
                rel = path.substring(root.length());
            } else {
                continue;
            }
            Path dir = mount.get().mountPoint();
            for (String part : rel.split("/")) {
                if (!part.isEmpty()) {
                    dir = dir.resolve(part);
                }
            }
            return Optional.of(dir);
        }
        return Optional.empty();
    }

    /** The mount described by one mountinfo line, if it is a cgroup2 file system. */
    static Optional<Mount> cgroup2Mount(String line) {
        // ID PARENT MAJ:MIN ROOT MOUNT-POINT OPTIONS [OPTIONAL-FIELDS...] - FSTYPE SOURCE SUPER-OPTIONS
        int dash = line.indexOf(" - ");
        if (dash < 0) {
            return Optional.empty();
        }
        String[] after = line.substring(dash + 3).trim().split(" ");
        String[] before = line.substring(0, dash).trim().split(" ");
        if (after.length < 1 || !after[0].equals("cgroup2") || before.length < 5) {
            return Optional.empty();
        }
        return Optional.of(new Mount(unescape(before[3]), Path.of(unescape(before[4]))));
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes ({@code \040}). */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    /**
     * The cgroup v2 path from {@code /proc/self/cgroup} (its {@code 0::PATH} line). Empty when there is
     * none, when the cgroup was removed, or when it lies outside this cgroup namespace ({@code /..}).
     */
    static Optional<String> unifiedPath(String procSelfCgroup) {
        for (String line : procSelfCgroup.split("\n")) {
            if (line.startsWith("0::")) {
                String path = line.substring(3).trim();
                if (!path.startsWith("/") || path.endsWith(" (deleted)") || path.startsWith("/..")) {
                    return Optional.empty();
                }
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** The inode number in a namespace link such as {@code pid:[4026531836]}, or "0" when unknown. */
    static String namespaceId(String link) {
        int open = link.indexOf('[');
        int close = link.indexOf(']', open + 1);
        String id = open >= 0 && close > open ? link.substring(open + 1, close) : "";
        return !id.isEmpty() && id.chars().allMatch(Character::isDigit) ? id : "0";
    }

    /**
     * A run's cgroup name: {@code jsrvany-<pid namespace>-<wrapper pid>-<run>-<service>}, the service
     * name reduced to letters, digits, '.', '_' and '-' (at most 40 of them).
     */
    static String runName(String pidNamespace, long wrapperPid, String run, String serviceName) {
        StringBuilder name = new StringBuilder();
        for (char c : serviceName.toCharArray()) {
            if (name.length() == 40) {
                break;
            }
            boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
            name.append(plain ? c : '_');
        }
        return PREFIX + pidNamespace + "-" + wrapperPid + "-" + run + (name.length() == 0 ? "" : "-" + name);
    }

    /** The wrapper pid in a name made by {@link #runName}, when the name is one and its pid namespace is {@code pidNamespace}. */
    static OptionalLong owner(String name, String pidNamespace) {
        String head = PREFIX + pidNamespace + "-";
        if (!name.startsWith(head)) {
            return OptionalLong.empty();
        }
        int end = name.indexOf('-', head.length());
        if (end <= head.length() || end == name.length() - 1) {
            return OptionalLong.empty();
        }
        String pid = name.substring(head.length(), end);
        if (pid.length() > 10 || !pid.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(pid));
    }
}
