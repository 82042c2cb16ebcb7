package org.jsrvany.installer;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jsrvany.core.service.ScmExitCode;
import org.jsrvany.core.service.ExitCodeNames;
import org.jsrvany.core.status.PublishedStatus;
import org.jsrvany.core.status.StatusMetrics;
import org.jsrvany.core.status.UserSessionStatus;
import org.jsrvany.core.service.RunState;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.service.ServiceStatus;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code status NAME}: the SCM's view (state, wrapper pid, start type, account) and what the service
 * published about its child (pid, uptime, restarts, last exit code). The exit code tells the state.
 */
@picocli.CommandLine.Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows the service's state, the pids of the wrapper and of the program, start type, account,"
                + " uptime, restart count and the program's last exit code.",
                "Exit code: 0 RUNNING, 20 STOPPED, 21 PAUSED, 22 on its way (a *_PENDING state)."})
final class StatusCommand extends Command {
    @Parameters(index = "0", paramLabel = "NAME", description = "The service name.")
    String name;

    @Mixin
    Options.Json json;

    @Override
    public EnumSet<Exit> exits() {
        return EnumSet.of(Exit.ACCESS_DENIED, Exit.NO_SUCH_SERVICE, Exit.STOPPED, Exit.PAUSED, Exit.PENDING);
    }

    @Override
    String serviceName() {
        return name;
    }

    /** Whether the published status belongs to the service process running now. */
    enum Freshness { CURRENT, STALE, NONE }

    @Override
    Exit run() {
        ServiceDefinition def = Services.require(ctx(), name);
        ServiceStatus st = ctx().scm().status(name);
        Optional<PublishedStatus> published = ctx().published(name);
        Freshness freshness = freshness(st, published);
        Instant now = ctx().clock().instant();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", def.name());
        m.put("displayName", def.displayName());
        m.put("state", st.state().name());
        m.put("wrapper", ImagePath.kind(def.imagePath()).word());
        m.put("wrapperPid", st.processId() == 0 ? null : st.processId());
        PublishedStatus p = freshness == Freshness.CURRENT ? published.get() : null;
        m.put("childPid", p == null || p.childPid().isEmpty() ? null : p.childPid().getAsLong());
        m.put("startType", def.startType().word());
        m.put("account", def.account());
        m.put("startedAt", p == null ? null : p.wrapperStarted().toString());
        m.put("uptimeSeconds", p == null ? null : Duration.between(p.wrapperStarted(), now).toSeconds());
        m.put("childStartedAt", p == null || p.childStarted().isEmpty() ? null : p.childStarted().get().toString());
        m.put("restarts", p == null ? null : p.restarts());
        m.put("waiting", p == null ? null : p.waitingText(now).orElse(null));
        m.put("restartAt", p == null || p.waitingText(now).isEmpty() ? null : p.restartAt().get().toString());
        PublishedStatus any = freshness == Freshness.NONE ? null : published.get();
        m.put("lastExitCode", any == null || any.lastExitCode().isEmpty() ? null : any.lastExitCode().getAsLong());
        m.put("lastExitName", any == null || any.lastExitCode().isEmpty() ? null
                : ExitCodeNames.name(any.lastExitCode().getAsLong(), ctx().windowsRules()).orElse(null));
        m.put("lastExitAt", any == null || any.lastExitTime().isEmpty() ? null : any.lastExitTime().get().toString());
        m.put("outputBytesLost", any == null ? null : any.outputBytesLost());
        m.put("win32ExitCode", st.win32ExitCode());
        m.put("serviceSpecificExitCode", Integer.toUnsignedLong(st.serviceSpecificExitCode()));
        m.put("published", freshness.name().toLowerCase(java.util.Locale.ROOT));
        metrics(m, p);
        userSession(m, p);
        if (json.json) {
            out().println(Json.write(m));
        } else {
            text(def, st, freshness, published, now);
        }
        return exitFor(st.state());
    }

    /** The monitoring part of the published status (docs/limits-metrics.md); null values when not current. */
    static void metrics(Map<String, Object> m, PublishedStatus p) {
        StatusMetrics x = p == null ? null : p.metrics();
        m.put("supervisorState", x == null ? null : x.state().orElse(null));
        m.put("treePids", x == null ? null : x.treePids());
        m.put("memoryBytes", x == null || x.memoryBytes().isEmpty() ? null : x.memoryBytes().getAsLong());
        m.put("peakMemoryBytes", x == null || x.peakMemoryBytes().isEmpty() ? null : x.peakMemoryBytes().getAsLong());
        m.put("cpuMillis", x == null || x.cpuMillis().isEmpty() ? null : x.cpuMillis().getAsLong());
        m.put("memoryLimitBreaches", x == null ? null : x.memoryLimitBreaches());
        m.put("scheduledRestarts", x == null ? null : x.scheduledRestarts());
        m.put("memoryLimitRestarts", x == null ? null : x.memoryLimitRestarts());
        m.put("nextScheduledRestart", x == null ? null : x.nextScheduledRestart().map(Object::toString).orElse(null));
        m.put("statusUpdatedAt", p == null ? null : p.updated().toString());
        Map<String, Object> health = null;
        if (x != null && x.health().isPresent()) {
            org.jsrvany.core.status.HealthResult h = x.health().get();
            health = new java.util.LinkedHashMap<>();
            health.put("check", h.check());
            health.put("passed", h.passed());
            health.put("seen", h.seen());
            health.put("at", h.at().toString());
            health.put("failuresInRow", h.failuresInRow());
            health.put("restarts", h.restarts());
        }
        m.put("health", health);
    }

    /**
     * Where the program of an {@code AppSession} Console or Active service runs (docs/desktop-session.md): null values
     * when not current, or for a program in the service's own session.
     */
    static void userSession(Map<String, Object> m, PublishedStatus p) {
        UserSessionStatus u = p == null ? null : p.userSession().orElse(null);
        m.put("appSession", u == null ? null : u.mode());
        m.put("sessionWaiting", u == null ? null : u.waiting());
        m.put("sessionId", u == null || u.session().isEmpty() ? null : u.session().getAsLong());
        m.put("sessionUser", u == null ? null : u.user().orElse(null));
    }

    static Exit exitFor(RunState state) {
        return switch (state) {
            case RUNNING -> Exit.OK;
            case STOPPED -> Exit.STOPPED;
            case PAUSED -> Exit.PAUSED;
            default -> Exit.PENDING;
        };
    }

    /** The file is the current run's when its wrapper pid is the service process the SCM reports. */
    static Freshness freshness(ServiceStatus st, Optional<PublishedStatus> published) {
        if (published.isEmpty()) {
            return Freshness.NONE;
        }
        return st.processId() != 0 && published.get().wrapperPid() == st.processId() ? Freshness.CURRENT : Freshness.STALE;
    }

    private void text(ServiceDefinition def, ServiceStatus st, Freshness freshness, Optional<PublishedStatus> published,
                      Instant now) {
        line("Service", def.name() + (def.displayName().equals(def.name()) ? "" : " (" + def.displayName() + ")"));
        line("State", st.state() + (st.state().pending() ? " (checkpoint " + st.checkPoint() + ")" : "")
                + (st.state() == RunState.STOPPED ? ", " + ScmExitCode.of(st).explain(name) : ""));
        line("Wrapper", ImagePath.kind(def.imagePath()).word() + (st.processId() == 0 ? "" : ", pid " + st.processId()));
        if (freshness == Freshness.CURRENT) {
            PublishedStatus p = published.get();
            line("Program", p.childPid().isPresent()
                    ? "pid " + p.childPid().getAsLong() + p.childStarted().map(t -> ", up " + Units.human(Duration.between(t, now))).orElse("")
                    : p.waitingText(now).map(w -> w + "; 'jsrvany continue " + name + "' restarts it now")
                    .or(() -> p.userSession().filter(UserSessionStatus::waiting)
                            .map(u -> "not running: waiting for a user to log on"))
                    .orElse("not running (stopped by its exit action)"));
            p.userSession().ifPresent(u -> line("Session", u.text()));
            line("Uptime", Units.human(Duration.between(p.wrapperStarted(), now)) + " (since " + p.wrapperStarted() + ")");
            StatusMetrics x = p.metrics();
            line("Restarts", p.restarts() + (x.scheduledRestarts() + x.memoryLimitRestarts() == 0 ? ""
                    : " (" + x.scheduledRestarts() + " scheduled, " + x.memoryLimitRestarts() + " at the memory limit)"));
            if (x.treePids().size() > 1) {
                line("Tree", "pids " + x.treePids().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
            }
            if (x.memoryBytes().isPresent() || x.peakMemoryBytes().isPresent() || x.cpuMillis().isPresent()) {
                line("Usage", (x.memoryBytes().isPresent() ? Units.bytes(x.memoryBytes().getAsLong()) + " memory" : "")
                        + (x.peakMemoryBytes().isPresent() ? (x.memoryBytes().isPresent() ? ", " : "") + "peak "
                        + Units.bytes(x.peakMemoryBytes().getAsLong()) : "")
                        + (x.cpuMillis().isPresent() ? ", CPU " + Units.human(Duration.ofMillis(x.cpuMillis().getAsLong())) : "")
                        + " (as of " + p.updated() + ")");
            }
            if (x.memoryLimitBreaches() > 0) {
                line("Limits", "memory limit reached " + x.memoryLimitBreaches() + " time(s)");
            }
            x.nextScheduledRestart().ifPresent(t -> line("Next restart", t + " (scheduled)"));
            x.health().ifPresent(h -> line("Health", h.describe()));
        } else if (st.state() != RunState.STOPPED && ImagePath.kind(def.imagePath()) == WrapperKind.JSRVANY) {
            line("Program", freshness == Freshness.NONE ? "unknown (the service has not published its status yet)"
                    : "unknown (the status file is from an earlier run)");
        }
        if (freshness != Freshness.NONE && published.get().lastExitCode().isPresent()) {
            PublishedStatus p = published.get();
            long code = p.lastExitCode().getAsLong();
            line("Last exit", code + ExitCodeNames.name(code, ctx().windowsRules())
                    .map(n -> " (" + (ctx().windowsRules() ? ExitCodeNames.hex(code) + " " : "") + n + ")").orElse("")
                    + p.lastExitTime().map(t -> " at " + t).orElse("")
                    + (freshness == Freshness.STALE ? " (an earlier run)" : ""));
        }
        if (freshness != Freshness.NONE && published.get().outputBytesLost() > 0) {
            line("Output lost", published.get().outputBytesLost() + " bytes could not be written to AppStdout/AppStderr"
                    + (freshness == Freshness.STALE ? " (an earlier run)" : "") + "; the wrapper log says why");
        }
        line("Start type", def.startType().word());
        line("Account", def.account());
        if (!def.description().isEmpty()) {
            line("Description", def.description());
        }
    }

    private void line(String label, String value) {
        out().printf("%-12s %s%n", label + ":", value);
    }
}
