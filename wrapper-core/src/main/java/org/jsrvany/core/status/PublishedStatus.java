package org.jsrvany.core.status;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import org.jsrvany.core.service.DataFolders;
import org.jsrvany.core.win32.security.SecureFolder;

/**
 * What a running jsrvany service publishes about itself, for {@code jsrvany status}: the contract
 * between the service main (the writer) and the installer (the reader). docs/installer.md describes
 * it for people.
 *
 * <p><b>Where:</b> {@code %ProgramData%\jsrvany\state\<service>\status.properties} ({@link #file}), with
 * {@code %ProgramData%} taken from {@code SecureFolder.programData()} (the known folder, not the
 * environment variable: a service's environment can differ from a console's). The folder is the
 * service's own ({@link DataFolders#serviceState}): the installer creates it so that only the service's
 * account (besides SYSTEM and Administrators) may write there; the writer creates it too if missing, by
 * the same rule, and never writes through a junction ({@link SecureFolder#prepareForService}).
 *
 * <p><b>When:</b> the service writes it when the wrapper starts, each time a child starts, each time a
 * child exits, and when the service stops. Each write replaces the whole file atomically
 * ({@link #write}): a reader never sees half a file.
 *
 * <p><b>What:</b> a UTF-8 properties file with these keys (times are ISO-8601 instants, UTC):
 * <ul>
 *   <li>{@code format=1}</li>
 *   <li>{@code service}: the service name</li>
 *   <li>{@code wrapperPid}: the pid of the service process (the JVM the SCM started)</li>
 *   <li>{@code wrapperStarted}: when that process started</li>
 *   <li>{@code childPid}, {@code childStarted}: the running child; both absent while no child runs</li>
 *   <li>{@code restarts}: how many times the child was started again since the wrapper started (0 after the first launch)</li>
 *   <li>{@code lastExitCode}, {@code lastExitTime}: the exit code (unsigned 32-bit, decimal) and time of
 *       the last child that exited; absent until one has</li>
 *   <li>{@code outputBytesLost}: bytes of the program's output the wrapper could not write to its files
 *       (disk full, file deleted, write refused) since the wrapper started, as of {@code updated}; added
 *       after format 1 was first published, so a file without it reads as 0</li>
 *   <li>{@code restartAt}: while the wrapper waits before starting the program again (AppRestartDelay or the
 *       back-off), when it will; absent otherwise (added later too: absent reads as "not waiting")</li>
 *   <li>{@code updated}: when the file was written</li>
 *   <li>added for monitoring ({@link StatusMetrics}, docs/limits-metrics.md), each optional: {@code state},
 *       {@code treePids} (comma-separated), {@code memoryBytes}, {@code peakMemoryBytes}, {@code cpuMillis},
 *       {@code memoryLimitBreaches}, {@code scheduledRestarts}, {@code memoryLimitRestarts},
 *       {@code nextScheduledRestart}, {@code lastExitName}</li>
 *   <li>added for {@code AppSession} Console or Active ({@link UserSessionStatus}, docs/desktop-session.md), absent
 *       for a program in the service's own session: {@code appSession} (Console or Active), {@code sessionId} and
 *       {@code sessionUser} (the session and user the program runs in; both absent while the service waits for a
 *       logon)</li>
 * </ul>
 *
 * <p><b>Reading defensively:</b> {@link #read} returns empty for a missing, unreadable or malformed file
 * (no or bad {@code wrapperPid}, {@code wrapperStarted} or {@code format}), and treats a malformed
 * optional key as absent. The file survives the service, so a reader compares {@link #wrapperPid()}
 * with the pid the SCM reports before trusting the child's values.
 */
public record PublishedStatus(String service, long wrapperPid, Instant wrapperStarted, OptionalLong childPid,
                              Optional<Instant> childStarted, long restarts, OptionalLong lastExitCode,
                              Optional<Instant> lastExitTime, Instant updated, long outputBytesLost,
                              Optional<Instant> restartAt, StatusMetrics metrics,
                              Optional<UserSessionStatus> userSession) {
    /** The format written by this version; a reader refuses other formats. */
    public static final int FORMAT = 1;

    static final String K_FORMAT = "format";
    static final String K_SERVICE = "service";
    static final String K_WRAPPER_PID = "wrapperPid";
    static final String K_WRAPPER_STARTED = "wrapperStarted";
    static final String K_CHILD_PID = "childPid";
    static final String K_CHILD_STARTED = "childStarted";
    static final String K_RESTARTS = "restarts";
    static final String K_LAST_EXIT_CODE = "lastExitCode";
    static final String K_LAST_EXIT_TIME = "lastExitTime";
    static final String K_UPDATED = "updated";
    static final String K_OUTPUT_BYTES_LOST = "outputBytesLost";
    static final String K_RESTART_AT = "restartAt";
    static final String K_STATE = "state";
    static final String K_TREE_PIDS = "treePids";
    static final String K_MEMORY = "memoryBytes";
    static final String K_PEAK_MEMORY = "peakMemoryBytes";
    static final String K_CPU = "cpuMillis";
    static final String K_MEMORY_BREACHES = "memoryLimitBreaches";
    static final String K_SCHEDULED_RESTARTS = "scheduledRestarts";
    static final String K_MEMORY_RESTARTS = "memoryLimitRestarts";
    static final String K_NEXT_SCHEDULED = "nextScheduledRestart";
    static final String K_LAST_EXIT_NAME = "lastExitName";
    static final String K_HEALTH_CHECK = "healthCheck";
    static final String K_HEALTH_PASSED = "healthPassed";
    static final String K_HEALTH_SEEN = "healthSeen";
    static final String K_HEALTH_AT = "healthAt";
    static final String K_HEALTH_FAILURES = "healthFailuresInRow";
    static final String K_HEALTH_RESTARTS = "healthRestarts";
    static final String K_APP_SESSION = "appSession";
    static final String K_SESSION_ID = "sessionId";
    static final String K_SESSION_USER = "sessionUser";

    public PublishedStatus {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(wrapperStarted, "wrapperStarted");
        Objects.requireNonNull(childPid, "childPid");
        Objects.requireNonNull(childStarted, "childStarted");
        Objects.requireNonNull(lastExitCode, "lastExitCode");
        Objects.requireNonNull(lastExitTime, "lastExitTime");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(restartAt, "restartAt");
        metrics = metrics == null ? StatusMetrics.NONE : metrics;
        userSession = userSession == null ? Optional.empty() : userSession;
        if (wrapperPid <= 0) {
            throw new IllegalArgumentException("wrapperPid must be positive, not " + wrapperPid);
        }
        if (restarts < 0) {
            throw new IllegalArgumentException("restarts must be zero or more, not " + restarts);
        }
        if (outputBytesLost < 0) {
            throw new IllegalArgumentException("outputBytesLost must be zero or more, not " + outputBytesLost);
        }
        if (lastExitCode.isPresent() && (lastExitCode.getAsLong() < 0 || lastExitCode.getAsLong() > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("lastExitCode is an unsigned 32-bit value, not " + lastExitCode.getAsLong());
        }
    }

    /** A status of a program in the service's own session (no {@code AppSession} keys). */
    public PublishedStatus(String service, long wrapperPid, Instant wrapperStarted, OptionalLong childPid,
                           Optional<Instant> childStarted, long restarts, OptionalLong lastExitCode,
                           Optional<Instant> lastExitTime, Instant updated, long outputBytesLost,
                           Optional<Instant> restartAt, StatusMetrics metrics) {
        this(service, wrapperPid, wrapperStarted, childPid, childStarted, restarts, lastExitCode, lastExitTime, updated,
                outputBytesLost, restartAt, metrics, Optional.empty());
    }

    /** A status without the later keys: not waiting before a restart, no monitoring figures. */
    public PublishedStatus(String service, long wrapperPid, Instant wrapperStarted, OptionalLong childPid,
                           Optional<Instant> childStarted, long restarts, OptionalLong lastExitCode,
                           Optional<Instant> lastExitTime, Instant updated, long outputBytesLost) {
        this(service, wrapperPid, wrapperStarted, childPid, childStarted, restarts, lastExitCode, lastExitTime, updated,
                outputBytesLost, Optional.empty(), StatusMetrics.NONE);
    }

    /** A status without monitoring figures. */
    public PublishedStatus(String service, long wrapperPid, Instant wrapperStarted, OptionalLong childPid,
                           Optional<Instant> childStarted, long restarts, OptionalLong lastExitCode,
                           Optional<Instant> lastExitTime, Instant updated, long outputBytesLost,
                           Optional<Instant> restartAt) {
        this(service, wrapperPid, wrapperStarted, childPid, childStarted, restarts, lastExitCode, lastExitTime, updated,
                outputBytesLost, restartAt, StatusMetrics.NONE);
    }

    /** A status that is not waiting before a restart. */
    public PublishedStatus(String service, long wrapperPid, Instant wrapperStarted, OptionalLong childPid,
                           Optional<Instant> childStarted, long restarts, OptionalLong lastExitCode,
                           Optional<Instant> lastExitTime, Instant updated, long outputBytesLost,
                           StatusMetrics metrics) {
        this(service, wrapperPid, wrapperStarted, childPid, childStarted, restarts, lastExitCode, lastExitTime, updated,
                outputBytesLost, Optional.empty(), metrics);
    }

    /**
     * While the service waits before a restart: {@code "waiting 12 s before restart 3 (last exit code 1)"},
     * with the seconds left at {@code now} (rounded up, at least 0); empty when it is not waiting. The SCM
     * shows PAUSED meanwhile (docs/reliability.md, "Waiting before a restart").
     */
    public Optional<String> waitingText(Instant now) {
        if (restartAt.isEmpty() || childPid.isPresent()) {
            return Optional.empty();
        }
        long millis = Math.max(0, java.time.Duration.between(now, restartAt.get()).toMillis());
        long seconds = (millis + 999) / 1000;
        return Optional.of("waiting " + seconds + " s before restart " + (restarts + 1)
                + lastExitCode.stream().mapToObj(c -> " (last exit code " + c + ")").findFirst().orElse(""));
    }

    /** A status without lost output (the form before {@code outputBytesLost} existed). */
    public PublishedStatus(String service, long wrapperPid, Instant wrapperStarted, OptionalLong childPid,
                           Optional<Instant> childStarted, long restarts, OptionalLong lastExitCode,
                           Optional<Instant> lastExitTime, Instant updated) {
        this(service, wrapperPid, wrapperStarted, childPid, childStarted, restarts, lastExitCode, lastExitTime, updated,
                0);
    }

    /**
     * {@code <programData>\jsrvany\state\<folder>\status.properties}: the service's own state folder
     * ({@link DataFolders#serviceState}, whose name encodes the service name so that every valid name
     * gives a valid, distinct folder).
     */
    public static Path file(Path programData, String serviceName) {
        return new DataFolders(programData).serviceState(serviceName).resolve(DataFolders.STATUS_FILE);
    }

    /** This status as the file's text. */
    public String toText() {
        Properties p = new Properties();
        p.setProperty(K_FORMAT, Integer.toString(FORMAT));
        p.setProperty(K_SERVICE, service);
        p.setProperty(K_WRAPPER_PID, Long.toString(wrapperPid));
        p.setProperty(K_WRAPPER_STARTED, wrapperStarted.toString());
        childPid.ifPresent(pid -> p.setProperty(K_CHILD_PID, Long.toString(pid)));
        childStarted.ifPresent(t -> p.setProperty(K_CHILD_STARTED, t.toString()));
        p.setProperty(K_RESTARTS, Long.toString(restarts));
        lastExitCode.ifPresent(c -> p.setProperty(K_LAST_EXIT_CODE, Long.toString(c)));
        lastExitTime.ifPresent(t -> p.setProperty(K_LAST_EXIT_TIME, t.toString()));
        p.setProperty(K_UPDATED, updated.toString());
        p.setProperty(K_OUTPUT_BYTES_LOST, Long.toString(outputBytesLost));
        restartAt.ifPresent(t -> p.setProperty(K_RESTART_AT, t.toString()));
        metrics.state().ifPresent(v -> p.setProperty(K_STATE, v));
        if (!metrics.treePids().isEmpty()) {
            p.setProperty(K_TREE_PIDS, metrics.treePids().stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",")));
        }
        metrics.memoryBytes().ifPresent(v -> p.setProperty(K_MEMORY, Long.toString(v)));
        metrics.peakMemoryBytes().ifPresent(v -> p.setProperty(K_PEAK_MEMORY, Long.toString(v)));
        metrics.cpuMillis().ifPresent(v -> p.setProperty(K_CPU, Long.toString(v)));
        p.setProperty(K_MEMORY_BREACHES, Long.toString(metrics.memoryLimitBreaches()));
        p.setProperty(K_SCHEDULED_RESTARTS, Long.toString(metrics.scheduledRestarts()));
        p.setProperty(K_MEMORY_RESTARTS, Long.toString(metrics.memoryLimitRestarts()));
        metrics.nextScheduledRestart().ifPresent(t -> p.setProperty(K_NEXT_SCHEDULED, t.toString()));
        metrics.lastExitName().ifPresent(v -> p.setProperty(K_LAST_EXIT_NAME, v));
        metrics.health().ifPresent(h -> {
            p.setProperty(K_HEALTH_CHECK, h.check());
            p.setProperty(K_HEALTH_PASSED, Boolean.toString(h.passed()));
            p.setProperty(K_HEALTH_SEEN, h.seen());
            p.setProperty(K_HEALTH_AT, h.at().toString());
            p.setProperty(K_HEALTH_FAILURES, Integer.toString(h.failuresInRow()));
            p.setProperty(K_HEALTH_RESTARTS, Long.toString(h.restarts()));
        });
        userSession.ifPresent(u -> {
            p.setProperty(K_APP_SESSION, u.mode());
            u.session().ifPresent(id -> p.setProperty(K_SESSION_ID, Long.toString(id)));
            u.user().ifPresent(v -> p.setProperty(K_SESSION_USER, v));
        });
        StringWriter text = new StringWriter();
        try {
            p.store(text, "jsrvany service status (docs/installer.md); rewritten by the service");
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    /**
     * Replaces {@code file} with this status atomically (a temporary file beside it, then a move),
     * creating its folder when missing. On failure the previous file is left as it was.
     */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        SecureFolder.prepareForService(dir); // refuses a junction planted as the folder

        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, toText(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The status in {@code file}; empty if it is missing, unreadable or malformed. Never throws. */
    public static Optional<PublishedStatus> read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return parse(p);
    }

    /** The status these properties hold; empty when a required key is missing or malformed. */
    public static Optional<PublishedStatus> parse(Properties p) {
        OptionalLong format = number(p, K_FORMAT);
        OptionalLong wrapperPid = number(p, K_WRAPPER_PID);
        Optional<Instant> wrapperStarted = instant(p, K_WRAPPER_STARTED);
        if (format.isEmpty() || format.getAsLong() != FORMAT || wrapperPid.isEmpty() || wrapperPid.getAsLong() <= 0
                || wrapperStarted.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong exit = number(p, K_LAST_EXIT_CODE);
        if (exit.isPresent() && exit.getAsLong() > 0xFFFF_FFFFL) {
            exit = OptionalLong.empty();
        }
        OptionalLong child = number(p, K_CHILD_PID);
        if (child.isPresent() && child.getAsLong() == 0) {
            child = OptionalLong.empty();
        }
        return Optional.of(new PublishedStatus(p.getProperty(K_SERVICE, "").strip(), wrapperPid.getAsLong(),
                wrapperStarted.get(), child, child.isPresent() ? instant(p, K_CHILD_STARTED) : Optional.empty(),
                number(p, K_RESTARTS).orElse(0), exit, instant(p, K_LAST_EXIT_TIME),
                instant(p, K_UPDATED).orElse(wrapperStarted.get()), number(p, K_OUTPUT_BYTES_LOST).orElse(0),
                child.isPresent() ? Optional.empty() : instant(p, K_RESTART_AT), metrics(p, child.isPresent()),
                userSession(p)));
    }

    /**
     * The {@code AppSession} keys: absent {@code appSession} = a program in the service's own session; a missing or
     * malformed {@code sessionId} = waiting for a logon (the user is then ignored).
     */
    private static Optional<UserSessionStatus> userSession(Properties p) {
        String mode = p.getProperty(K_APP_SESSION, "").strip();
        if (mode.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong id = number(p, K_SESSION_ID);
        if (id.isEmpty()) {
            return Optional.of(UserSessionStatus.waiting(mode));
        }
        return Optional.of(new UserSessionStatus(mode, id, Optional.ofNullable(p.getProperty(K_SESSION_USER))));
    }

    /** The monitoring keys; a malformed one reads as absent (or 0 for a counter). */
    private static StatusMetrics metrics(Properties p, boolean childRuns) {
        java.util.List<Long> pids = new java.util.ArrayList<>();
        String list = p.getProperty(K_TREE_PIDS, "");
        if (childRuns) {
            for (String part : list.split(",")) {
                try {
                    long pid = Long.parseLong(part.strip());
                    if (pid > 0) {
                        pids.add(pid);
                    }
                } catch (NumberFormatException e) {
                    // left out
                }
            }
        }
        String state = p.getProperty(K_STATE, "").strip();
        String name = p.getProperty(K_LAST_EXIT_NAME, "").strip();
        return new StatusMetrics(state.isEmpty() ? Optional.empty() : Optional.of(state), pids,
                number(p, K_MEMORY), number(p, K_PEAK_MEMORY), number(p, K_CPU),
                number(p, K_MEMORY_BREACHES).orElse(0), number(p, K_SCHEDULED_RESTARTS).orElse(0),
                number(p, K_MEMORY_RESTARTS).orElse(0), instant(p, K_NEXT_SCHEDULED),
                name.isEmpty() ? Optional.empty() : Optional.of(name), health(p));
    }

    /** The latest liveness check; absent when the check's name or time is missing or malformed. */
    private static Optional<HealthResult> health(Properties p) {
        String check = p.getProperty(K_HEALTH_CHECK, "").strip();
        Optional<Instant> at = instant(p, K_HEALTH_AT);
        if (check.isEmpty() || at.isEmpty()) {
            return Optional.empty();
        }
        long failures = Math.min(Integer.MAX_VALUE, Math.max(0, number(p, K_HEALTH_FAILURES).orElse(0)));
        return Optional.of(new HealthResult(check, Boolean.parseBoolean(p.getProperty(K_HEALTH_PASSED, "false").strip()),
                p.getProperty(K_HEALTH_SEEN, ""), at.get(), (int) failures,
                Math.max(0, number(p, K_HEALTH_RESTARTS).orElse(0))));
    }

    private static OptionalLong number(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(v.strip());
            return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<Instant> instant(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
