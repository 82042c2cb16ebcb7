package org.jsrvany.samples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Every process a test starts, killed with its whole tree when the test ends. */
final class Children implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final Set<Long> extraPids = new LinkedHashSet<>();

    Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** Also kill this pid at the end (a grandchild that may have been re-parented away from its child). */
    void alsoKill(long pid) {
        extraPids.add(pid);
    }

    @Override
    public void close() {
        List<ProcessHandle> victims = new ArrayList<>();
        for (Process process : processes) {
            process.descendants().forEach(victims::add);
            victims.add(process.toHandle());
        }
        extraPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(victims::add));
        // Resume anything a test froze, so SIGKILL is not left pending on a stopped process for long.
        victims.forEach(handle -> {
            if (Posix.isLinux()) {
                Posix.kill(handle.pid(), Posix.SIGCONT);
            }
            handle.destroyForcibly();
        });
        for (ProcessHandle victim : victims) {
            try {
                victim.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // Reaped elsewhere or already gone: nothing more to do.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        processes.clear();
        extraPids.clear();
    }
}
