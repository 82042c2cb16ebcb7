package org.jsrvany.core.process;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One cgroup v2 directory that holds a run's whole tree, whatever sessions and groups its processes make. */
final class Cgroup {
    private static final Logger LOG = LoggerFactory.getLogger(Cgroup.class);
    private static final Duration POLL = Duration.ofMillis(10);

    private final Path dir;

    private Cgroup(Path dir) {
        this.dir = dir;
    }

    /** Where children's cgroups can be made, or why not. */
    sealed interface Probe {
        record Usable(Path parent, String pidNamespace) implements Probe {
        }

        record Unusable(String reason) implements Probe {
        }
    }

    /**
     * Finds this process's cgroup v2 directory and checks that the wrapper can make a cgroup there, move into it
     * (where a child it starts is born: the kernel puts a new process in its parent's cgroup) and get back to
     * its own. No process is started for it. Leaves nothing behind.
     */
    static Probe probe() {
        Path parent;
        String home;
        try {
            String own = Files.readString(Path.of("/proc/self/cgroup"));
            home = CgroupPaths.unifiedPath(own).orElse(null);
            parent = CgroupPaths.ownDirectory(Files.readString(Path.of("/proc/self/mountinfo")), own).orElse(null);
        } catch (IOException e) {
            return new Probe.Unusable("/proc cannot be read (" + e.getMessage() + ")");
        }
        if (parent == null) {
            return new Probe.Unusable("no cgroup v2 hierarchy holds this process");
        }
        String pidNs = pidNamespace();
        String name = CgroupPaths.runName(pidNs, ProcessHandle.current().pid(), "probe", "");
        Cgroup cg;
        try {
            cg = create(parent, name);
        } catch (IOException e) {
            return new Probe.Unusable("a cgroup cannot be made in " + parent + " (" + e + ")");
        }
        try {
            String inside = Spawner.call(() -> {
                cg.enter();
                try {
                    return Files.readString(Path.of("/proc/self/cgroup"));
                } finally {
                    cg.leave(parent);
                }
            });
            String back = CgroupPaths.unifiedPath(Files.readString(Path.of("/proc/self/cgroup"))).orElse("");
            if (!back.equals(home)) {
                return new Probe.Unusable("the wrapper could not return to its cgroup " + home + " (it is in " + back + ")");
            }
            if (!CgroupPaths.unifiedPath(inside).orElse("").endsWith("/" + name)) {
                return new Probe.Unusable("the wrapper could not move into " + cg + " (it was in " + inside.trim() + ")");
            }
            return new Probe.Usable(parent, pidNs);
        } catch (ExecutionException e) {
            return new Probe.Unusable("moving into a cgroup made in " + parent + " failed (" + e.getCause() + ")");
        } catch (IOException e) {
            return new Probe.Unusable("reading the wrapper's cgroup failed (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe.Unusable("interrupted");
        } finally {
            cg.remove();
        }
    }

    private static String pidNamespace() {
        try {
            return CgroupPaths.namespaceId(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return "0";
        }
    }

    /** Makes a new, empty cgroup in {@code parent}. */
    static Cgroup create(Path parent, String name) throws IOException {
        Path dir = parent.resolve(name);
        Files.createDirectory(dir);
        return new Cgroup(dir);
    }

    /**
     * Kills and removes the cgroups that wrappers of this pid namespace left behind when they died with their
     * watchdogs: the wrapper pid named in the cgroup no longer exists.
     */
    static void sweepStale(Path parent, String pidNamespace) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, CgroupPaths.PREFIX + "*")) {
            for (Path dir : dirs) {
                OptionalLong owner = CgroupPaths.owner(dir.getFileName().toString(), pidNamespace);
                if (owner.isEmpty() || !Files.isDirectory(dir) || Files.exists(Path.of("/proc", Long.toString(owner.getAsLong())))) {
                    continue;
                }
                Cgroup stale = new Cgroup(dir);
                List<Long> pids = stale.pids();
                if (!pids.isEmpty()) {
                    LOG.warn("Killing {} process(es) {} left in {} by a wrapper (pid {}) that died with its watchdog",
                            pids.size(), pids, dir, owner.getAsLong());
                    stale.kill();
                    stale.awaitEmpty(Duration.ofSeconds(2));
                }
                stale.remove();
            }
        } catch (IOException e) {
            LOG.debug("looking for cgroups left behind in {}: {}", parent, e.toString());
        }
    }

    Path dir() {
        return dir;
    }

    Path procs() {
        return dir.resolve("cgroup.procs");
    }

    /**
     * Moves the whole wrapper into this cgroup, to start a child there: a child is born in its parent's cgroup,
     * so the wrapper moves itself here, starts it, and moves back to its own (Containment.CgroupTree#spawn).
     * Nothing the child does, even in its first instruction, happens outside the cgroup, and the child is
     * started exactly as it would be otherwise (no shell in between to change its environment). Call it on the
     * {@link Spawner} thread only, so no other process is started meanwhile.
     */
    void enter() throws IOException {
        Files.writeString(procs(), Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
        if (seat != this) {
            seat = null; // the wrapper left the seat it sat in (another keeper's start): that seat is none now
            seatHome = null;
        }
    }

    /*
     * The seat: the next run's cgroup, made ahead, in which the wrapper waits between starts (TreeKeeper.prepare).
     * Moving a process between cgroups takes the kernel's cgroup_threadgroup_rwsem for writing, and the first move
     * after a quiet spell waits for an RCU grace period (about 10 ms here, more under load), while a second move
     * soon after is quick. Entering the run's cgroup at the start cost that wait between a child's exit and the
     * next child's start; sitting in the next run's cgroup already, the start is a fork, and the slow move (back
     * home, then into the following seat) comes after it. Read and changed on the spawner thread only.
     */
    private static volatile Cgroup seat;
    private static volatile Path seatHome;

    /** The wrapper has entered this cgroup ahead of its run, and returns to {@code home} for anything else it starts. */
    void seatIn(Path home) throws IOException {
        enter();
        seat = this;
        seatHome = home;
    }

    /** True while the wrapper sits in this cgroup ahead of its run. */
    boolean seated() {
        return seat == this;
    }

    /** The wrapper no longer sits here (its run started, or the seat is given up); it moves to {@code home}. */
    void unseat(Path home) {
        if (seat == this) {
            seat = null;
            seatHome = null;
        }
        leave(home);
    }

    /** The wrapper leaves the seat it sits in, if any, for its own cgroup (spawner thread only). */
    static void leaveSeat() {
        Cgroup s = seat;
        if (s != null) {
            s.unseat(seatHome);
        }
    }

    /**
     * Runs {@code start} with the wrapper in its own cgroup, not in a seat: a watchdog, a hook or a health check
     * must not be born in the next run's cgroup (it would be killed with that run, or hold it open). On the
     * spawner thread only. If the wrapper cannot return to the seat afterwards, the seat is given up (the next
     * run enters its cgroup at its start, as without a seat).
     */
    static <T> T outsideSeat(java.util.concurrent.Callable<T> start) throws Exception {
        Cgroup s = seat;
        if (s == null) {
            return start.call();
        }
        Path home = seatHome;
        seat = null;
        seatHome = null;
        moveTo(home, Long.toString(ProcessHandle.current().pid()));
        try {
            return start.call();
        } finally {
            if (seat == null) { // unless what ran took a seat of its own
                try {
                    s.seatIn(home);
                } catch (IOException e) {
                    LOG.debug("returning to the prepared cgroup {} failed ({}); the next run enters its own", s,
                            e.toString());
                }
            }
        }
    }

    /** Moves the wrapper back to {@code home}; logs, never throws, when it cannot. */
    void leave(Path home) {
        moveTo(home, Long.toString(ProcessHandle.current().pid()));
    }

    private static void moveTo(Path home, String self) {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                Files.writeString(home.resolve("cgroup.procs"), self, StandardCharsets.US_ASCII);
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        LOG.error("The wrapper cannot move back to its cgroup {} ({}); it stays beside its child and is spared"
                + " when the child's tree is killed", home, String.valueOf(last));
    }

    /** The processes in the cgroup now (empty once it is gone). */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(procs(), StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("reading {}: {}", procs(), e.toString());
        }
        return pids;
    }

    /** True while a process is in the cgroup. */
    boolean populated() {
        try {
            for (String line : Files.readAllLines(dir.resolve("cgroup.events"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("populated ")) {
                    return !line.endsWith(" 0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return !pids().isEmpty();
    }

    /**
     * SIGKILL to every process in the cgroup: {@code cgroup.kill} where the kernel has it (5.14 and later),
     * which also catches processes forked meanwhile; else each listed pid, over and over, until none is left
     * or two seconds passed.
     */
    void kill() {
        long self = ProcessHandle.current().pid();
        boolean selfInside = pids().contains(self);
        Path killFile = dir.resolve("cgroup.kill");
        if (Files.exists(killFile) && !selfInside) {
            try {
                Files.writeString(killFile, "1", StandardCharsets.US_ASCII);
                return;
            } catch (IOException e) {
                LOG.warn("Writing {} failed ({}); killing its processes one by one", killFile, e.toString());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (populated() && System.nanoTime() < deadline) {
            List<Long> pids = pids();
            pids.remove(self);
            if (pids.isEmpty()) {
                return;
            }
            for (long pid : pids) {
                try {
                    LibC.INSTANCE.kill((int) pid, LibC.SIGKILL);
                } catch (LastErrorException e) {
                    LOG.debug("kill({}) failed with errno {}", pid, e.getErrorCode());
                }
            }
            pause();
        }
    }

    /** Waits until no process is left in the cgroup; false if some still is after {@code timeout}. */
    boolean awaitEmpty(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (populated()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            pause();
        }
        return true;
    }

    /** Removes the (empty) cgroup; true when it is gone. */
    boolean remove() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Files.deleteIfExists(dir);
                return true;
            } catch (IOException e) {
                if (attempt == 49) {
                    LOG.warn("The cgroup {} cannot be removed: {}", dir, e.toString());
                }
            }
            pause();
        }
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
