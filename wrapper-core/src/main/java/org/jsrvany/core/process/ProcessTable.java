package org.jsrvany.core.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A snapshot of the processes in Linux's /proc, and the parent-child trees in it. */
final class ProcessTable {
    private static final Path PROC = Path.of("/proc");

    private final Map<Long, ProcEntry> byPid = new LinkedHashMap<>();
    private final Map<Long, List<ProcEntry>> children = new HashMap<>();

    ProcessTable(Collection<ProcEntry> entries) {
        for (ProcEntry e : entries) {
            byPid.put(e.pid(), e);
            children.computeIfAbsent(e.ppid(), k -> new ArrayList<>()).add(e);
        }
    }

    /** Every process visible now. A process that ends while being read is left out. */
    static ProcessTable read() {
        List<ProcEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                read(Long.parseLong(dir.getFileName().toString())).ifPresent(entries::add);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list /proc", e);
        }
        return new ProcessTable(entries);
    }

    /** One process, if it exists. */
    static Optional<ProcEntry> read(long pid) {
        try {
            return ProcEntry.parse(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    Optional<ProcEntry> get(long pid) {
        return Optional.ofNullable(byPid.get(pid));
    }

    Collection<ProcEntry> all() {
        return byPid.values();
    }

    /** The direct children of {@code pid}. */
    List<ProcEntry> childrenOf(long pid) {
        return children.getOrDefault(pid, List.of());
    }

    /** The roots that exist, and every process whose chain of parents reaches one of them. */
    List<ProcEntry> tree(Collection<Long> roots) {
        Map<Long, ProcEntry> found = new LinkedHashMap<>();
        Deque<ProcEntry> todo = new ArrayDeque<>();
        for (long root : roots) {
            get(root).ifPresent(todo::add);
        }
        while (!todo.isEmpty()) {
            ProcEntry e = todo.poll();
            if (found.putIfAbsent(e.pid(), e) == null) {
                todo.addAll(childrenOf(e.pid()));
            }
        }
        return new ArrayList<>(found.values());
    }
}
