package org.jsrvany.core.process;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small shell program whose descendants leave its process group every way Linux allows, for the
 * containment tests. Every process writes "ROLE PID" to the pids file once it runs.
 *
 * <p>Arguments: the pids file; {@code ignore} (every process ignores SIGINT and SIGTERM) or {@code plain};
 * {@code escape} (a double-forked daemon in a session of its own, a child that called setsid, an orphan
 * that only left the group) or {@code inside} (one child in the group); optionally a count file: the run
 * number goes there, the pids file is suffixed with it, and runs 1 to 3 exit with code 3 once their
 * descendants are recorded (a program that restarts).
 */
final class EscapingTree {
    static final List<String> ESCAPED = List.of("daemon", "setsid", "group");

    private static final String SCRIPT = """
            pids=$1 count=$4 n=0
            if [ -n "$count" ]; then
              n=$(( $(cat "$count" 2>/dev/null || echo 0) + 1 ))
              echo "$n" > "$count"
              pids="$pids.$n"
            fi
            [ "$2" = ignore ] && trap '' INT TERM
            if [ "$3" = escape ]; then
              # A daemon: double fork; the middle process exits at once, the daemon has a session of its own.
              ( setsid sh -c 'echo "daemon $$" >> "$0"; exec sleep 100000' "$pids" & )
              # A child that calls setsid and stays the main process's child.
              setsid sh -c 'echo "setsid $$" >> "$0"; exec sleep 100000' "$pids" &
              # An orphan that only left the process group (bash's job control calls setpgid), same session.
              bash -c 'set -m; sh -c '\\''echo "group $$" >> "$0"; exec sleep 100000'\\'' "$1" &' bash "$pids"
              want=3
            else
              sh -c 'echo "child $$" >> "$0"; exec sleep 100000' "$pids" &
              want=1
            fi
            if [ -n "$count" ] && [ "$n" -le 3 ]; then
              i=0
              while [ "$(cat "$pids" 2>/dev/null | wc -l)" -lt "$want" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done
              echo "main $$" >> "$pids"
              exit 3
            fi
            echo "main $$" >> "$pids"
            exec sleep 100000
            """;

    private EscapingTree() {
    }

    /** Writes the program to {@code dir/tree.sh} and returns its path. */
    static Path write(Path dir) throws IOException {
        Path script = dir.resolve("tree.sh");
        Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
        return script;
    }

    /** Waits until the pids file names {@code count} processes; returns role to pid, in the order written. */
    static Map<String, Long> awaitPids(Path file, int count) throws IOException {
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file) && lines(file).size() >= count);
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String line : lines(file)) {
            String[] f = line.trim().split(" ");
            pids.put(f[0], Long.parseLong(f[1]));
        }
        return pids;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.matches("\\w+ \\d+")).toList();
    }
}
