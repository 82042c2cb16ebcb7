package org.jsrvany.core.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a run's tree if the wrapper dies: a small {@code sh}, in a session of its own, reading a pipe
 * from the wrapper. Only the kernel closing that pipe (the wrapper is gone) makes it kill; {@code done}
 * releases it. It ignores SIGHUP, SIGINT, SIGQUIT and SIGTERM; if it dies anyway (SIGKILL) while
 * armed, the wrapper notices and starts a new one with everything the old one was told.
 *
 * <p>What it is told, one line each: {@code g PGID} (a process group), {@code p PID STARTTIME} (a process,
 * killed only while {@code /proc/PID/stat} still shows that start time, so a reused pid is spared). Its
 * first argument, when not empty, is the run's cgroup: everything in it is killed and the cgroup removed.
 */
final class Watchdog {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    /** A replacement that dies this soon after its start counts as failing; after a few in a row, give up. */
    private static final long QUICK_DEATH_NANOS = 1_000_000_000L;
    private static final int MAX_QUICK_DEATHS = 3;

    static final String SCRIPT = String.join("\n",
            "trap '' HUP INT QUIT TERM PIPE",
            "set -f",
            "cg=$1 todo=",
            "while IFS= read -r line; do",
            "  [ \"$line\" = done ] && exit 0",
            "  todo=\"$todo $line\"",
            "done",
            "same() {",
            "  want=$2 s=",
            "  { read -r s < \"/proc/$1/stat\"; } 2>/dev/null || return 1",
            "  set -- ${s##*) }",
            "  [ $# -ge 20 ] || return 1",
            "  shift 19",
            "  [ \"$1\" = \"$want\" ]",
            "}",
            "sweep() {",
            "  sig=$1",
            "  set -- $todo",
            "  while [ $# -ge 2 ]; do",
            "    case $1 in",
            "      g) kill -s \"$sig\" -- \"-$2\"; shift 2 ;;",
            "      p) [ $# -ge 3 ] || break; same \"$2\" \"$3\" && kill -s \"$sig\" \"$2\"; shift 3 ;;",
            "      *) shift ;;",
            "    esac",
            "  done",
            "}",
            "if [ -n \"$cg\" ] && [ -d \"$cg\" ]; then",
            "  [ -e \"$cg/cgroup.kill\" ] && echo 1 > \"$cg/cgroup.kill\"",
            "  n=0",
            "  while [ $n -lt 200 ]; do",
            "    pop=0",
            "    while read -r k v; do [ \"$k\" = populated ] && pop=$v; done < \"$cg/cgroup.events\"",
            "    [ \"$pop\" = 0 ] && break",
            "    while read -r p; do kill -s KILL \"$p\"; done < \"$cg/cgroup.procs\"",
            "    sleep 0.05 || sleep 1",
            "    n=$((n+1))",
            "  done",
            "  rmdir \"$cg\"",
            "fi",
            "sweep STOP",
            "sweep KILL",
            "exit 0");

    /** By its path: setsid would otherwise try every folder of PATH before the one that has it. */
    private static final String SHELL = java.nio.file.Files.isExecutable(Path.of("/bin/sh")) ? "/bin/sh" : "sh";

    private final String setsid;
    private final Path cgroup;
    private final Set<Long> ownChildren;
    private final List<String> told = new ArrayList<>();
    private Process process;
    private long startedAt;
    private int quickDeaths;
    private boolean disarmed;

    private Watchdog(String setsid, Path cgroup, Set<Long> ownChildren) {
        this.setsid = setsid;
        this.cgroup = cgroup;
        this.ownChildren = ownChildren;
    }

    /**
     * Starts a watchdog for one run.
     *
     * @param cgroup      the run's cgroup, or null
     * @param ownChildren where the watchdog's pid is recorded (the subreaper's "not adopted" set)
     */
    static Watchdog start(String setsid, Path cgroup, Set<Long> ownChildren) throws IOException {
        Watchdog w = new Watchdog(setsid, cgroup, ownChildren);
        synchronized (w) {
            w.spawn();
        }
        return w;
    }

    private void spawn() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(setsid, SHELL, "-c", SCRIPT, "jsrvany-watchdog",
                cgroup == null ? "" : cgroup.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p;
        try {
            p = Spawner.call(() -> Cgroup.outsideSeat(builder::start)); // never while the wrapper sits in a run's cgroup
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the watchdog", e);
        }
        ownChildren.add(p.pid());
        process = p;
        startedAt = System.nanoTime();
        for (String line : told) {
            write(line);
        }
        ExitWaiters.exitOf(p).thenAccept(code -> ended(p)); // on a reused thread, not a new one per run
    }

    /** Kill this process group if the wrapper dies. */
    synchronized void killGroupOnDeath(long pgid) {
        tell("g " + pgid);
    }

    /** Kill this process (while it is the one started at {@code startTime}) if the wrapper dies. */
    synchronized void killOnDeath(long pid, long startTime) {
        tell("p " + pid + " " + startTime);
    }

    /** The tree is gone: let the watchdog end without killing. Idempotent. */
    synchronized void disarm() {
        if (disarmed) {
            return;
        }
        disarmed = true;
        write("done");
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("watchdog pid {} already gone: {}", process.pid(), e.getMessage());
        }
    }

    /**
     * Replaces the watchdog by one told only {@code lines} (what still lives), so that what it is told does not
     * grow without bound while a long run starts and ends descendants; the old one is released once the new
     * one runs. Keeps the old one if no new one can be started.
     */
    synchronized void renew(List<String> lines) {
        if (disarmed) {
            return;
        }
        Process old = process;
        List<String> before = new ArrayList<>(told);
        told.clear();
        told.addAll(lines);
        try {
            spawn();
        } catch (IOException e) {
            LOG.debug("renewing the watchdog failed, keeping pid {}: {}", old.pid(), e.getMessage());
            told.clear();
            told.addAll(before);
            return;
        }
        try (OutputStream in = old.getOutputStream()) {
            in.write("done\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.debug("old watchdog pid {} already gone: {}", old.pid(), e.getMessage());
        }
    }

    /** How many lines the watchdog holds. */
    synchronized int told() {
        return told.size();
    }

    synchronized long pid() {
        return process.pid();
    }

    private void tell(String line) {
        if (disarmed) {
            return;
        }
        told.add(line);
        write(line);
    }

    private void write(String line) {
        OutputStream in = process.getOutputStream();
        try {
            in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            in.flush();
        } catch (IOException e) {
            // It died: ended() starts a replacement and tells it everything, this line included.
            LOG.debug("writing to watchdog pid {}: {}", process.pid(), e.getMessage());
        }
    }

    private synchronized void ended(Process p) {
        ownChildren.remove(p.pid());
        if (disarmed || p != process) {
            return;
        }
        quickDeaths = System.nanoTime() - startedAt < QUICK_DEATH_NANOS ? quickDeaths + 1 : 0;
        if (quickDeaths > MAX_QUICK_DEATHS) {
            LOG.error("The watchdog keeps dying at once (last pid {}, exit {}); giving up: if the wrapper is killed"
                    + " now, the child's tree outlives it", p.pid(), p.exitValue());
            return;
        }
        try {
            spawn();
            LOG.warn("The watchdog (pid {}) that kills the child's tree if the wrapper dies ended (exit {}); started a"
                    + " new one, pid {}", p.pid(), p.exitValue(), process.pid());
        } catch (IOException e) {
            LOG.error("The watchdog (pid {}) ended and no new one can be started ({}); if the wrapper is killed now,"
                    + " the child's tree outlives it", p.pid(), e.getMessage());
        }
    }
}
