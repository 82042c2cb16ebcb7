package org.jsrvany.installer;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.EnumSet;
import java.util.Set;
import org.jsrvany.core.health.StartConfirmation;
import org.jsrvany.core.status.PublishedStatus;
import org.jsrvany.core.service.ScmExitCode;
import org.jsrvany.core.win32.Win32CallException;
import org.jsrvany.core.service.Control;
import org.jsrvany.core.service.RunState;
import org.jsrvany.core.service.ServiceManager;
import org.jsrvany.core.service.ServiceStatus;
import org.jsrvany.core.config.StoredParameters;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code start}, {@code stop}, {@code restart}, {@code pause}, {@code continue}: ask, then wait for the
 * wanted state with a progress line, report the final state, and exit non-zero unless it was reached.
 * Asking for the state a service is already in succeeds at once.
 */
final class ControlCommands {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration PAUSE_TIMEOUT = Duration.ofSeconds(30);

    private ControlCommands() {
    }

    /** What the five commands share: the name, {@code --timeout}, and the moves. */
    abstract static class Base extends Command {
        @Parameters(index = "0", paramLabel = "NAME", description = "The service name.")
        String name;

        @Mixin
        Options.Timeout timeout;

        @Override
        public EnumSet<Exit> exits() {
            return EnumSet.of(Exit.ACCESS_DENIED, Exit.NO_SUCH_SERVICE, Exit.MARKED_FOR_DELETION, Exit.ACCOUNT,
                    Exit.DEPENDENCY, Exit.TIMEOUT, Exit.WRONG_STATE, Exit.SERVICE_FAILED);
        }

        @Override
        String serviceName() {
            return name;
        }

        ServiceManager scm() {
            return ctx().scm();
        }

        StateWaiter waiter() {
            return new StateWaiter(scm(), ctx().clock(), ctx().sleeper(), out());
        }

        Exit start() throws InterruptedException {
            ServiceStatus now = scm().status(name);
            if (now.state() == RunState.RUNNING) {
                out().println("'" + name + "' is already RUNNING (pid " + now.processId() + ").");
                return Exit.OK;
            }
            if (now.state() == RunState.PAUSED) {
                throw new InstallerException(Exit.WRONG_STATE, "'" + name + "' is PAUSED, not stopped: continue it with"
                        + " 'jsrvany continue " + name + "'.");
            }
            out().println("Starting '" + name + "'...");
            if (now.state() != RunState.START_PENDING) {
                try {
                    scm().start(name);
                } catch (Win32CallException e) {
                    if (e.errorCode() != Failures.ERROR_SERVICE_ALREADY_RUNNING) {
                        throw e;
                    }
                }
            }
            return settle(RunState.RUNNING, timeout.get().orElse(START_TIMEOUT), "start");
        }

        Exit stop() throws InterruptedException {
            ServiceStatus now = scm().status(name);
            if (now.state() == RunState.STOPPED) {
                out().println("'" + name + "' is already STOPPED.");
                return Exit.OK;
            }
            Duration budget = timeout.get().orElseGet(this::stopBudget);
            out().println("Stopping '" + name + "' (waiting up to " + Units.human(budget) + ")...");
            if (now.state() != RunState.STOP_PENDING) {
                try {
                    scm().control(name, Control.STOP);
                } catch (Win32CallException e) {
                    if (e.errorCode() != Failures.ERROR_SERVICE_NOT_ACTIVE) {
                        throw e;
                    }
                }
            }
            return settle(RunState.STOPPED, budget, "stop");
        }

        Exit pause() throws InterruptedException {
            ServiceStatus now = scm().status(name);
            if (now.state() == RunState.PAUSED) {
                out().println("'" + name + "' is already PAUSED.");
                return Exit.OK;
            }
            if (now.state() != RunState.RUNNING && now.state() != RunState.PAUSE_PENDING) {
                throw new InstallerException(Exit.WRONG_STATE, "'" + name + "' is " + now.state()
                        + ": only a RUNNING service can be paused.");
            }
            if (now.state() == RunState.RUNNING && !now.acceptsPause()) {
                throw new InstallerException(Exit.WRONG_STATE, "'" + name + "' does not accept pause"
                        + " (it does not say it can pause and continue).");
            }
            out().println("Pausing '" + name + "'...");
            if (now.state() == RunState.RUNNING) {
                scm().control(name, Control.PAUSE);
            }
            return settle(RunState.PAUSED, timeout.get().orElse(PAUSE_TIMEOUT), "pause");
        }

        Exit resume() throws InterruptedException {
            ServiceStatus now = scm().status(name);
            if (now.state() == RunState.RUNNING) {
                out().println("'" + name + "' is already RUNNING.");
                return Exit.OK;
            }
            if (now.state() != RunState.PAUSED && now.state() != RunState.CONTINUE_PENDING) {
                throw new InstallerException(Exit.WRONG_STATE, "'" + name + "' is " + now.state()
                        + ": only a PAUSED service can be continued" + (now.state() == RunState.STOPPED
                        ? " (start it with 'jsrvany start " + name + "')." : "."));
            }
            out().println("Continuing '" + name + "'...");
            if (now.state() == RunState.PAUSED) {
                scm().control(name, Control.CONTINUE);
            }
            return settle(RunState.RUNNING, timeout.get().orElse(PAUSE_TIMEOUT), "continue");
        }

        /** The stop ladder's time for this service (its parameters), plus slack. */
        Duration stopBudget() {
            StoredParameters stored;
            try {
                stored = ctx().store().read(name);
            } catch (RuntimeException e) {
                stored = StoredParameters.none();
            }
            return Services.stopBudget(stored);
        }

        /**
         * After RUNNING: waits until the program passed its readiness check (RUNNING says so when it has one)
         * or survived its AppThrottle window ({@link StartConfirmation}); a program that exited meanwhile, or a
         * service STOPPED again, fails the start with {@link Exit#SERVICE_FAILED} and the exit code explained.
         *
         * @param asked when the start was asked for: a published exit after it belongs to this start
         * @return the last status seen
         */
        private ServiceStatus confirmStarted(ServiceStatus running, Instant asked) throws InterruptedException {
            StoredParameters stored;
            try {
                stored = ctx().store().read(name);
            } catch (RuntimeException e) {
                stored = StoredParameters.none();
            }
            StartConfirmation.Window window = StartConfirmation.Window.of(stored.values());
            Instant runningSeen = ctx().clock().instant();
            ServiceStatus now = running;
            boolean announced = false;
            while (true) {
                ServiceStatus st = now;
                Optional<PublishedStatus> published = ctx().published(name)
                        .filter(p -> !p.updated().isBefore(asked) || p.wrapperPid() == st.processId());
                Instant programStarted = published.filter(p -> p.wrapperPid() == st.processId())
                        .flatMap(PublishedStatus::childStarted).orElse(runningSeen);
                OptionalLong exit = published.filter(p -> p.lastExitTime().map(t -> !t.isBefore(asked)).orElse(false))
                        .map(PublishedStatus::lastExitCode).orElse(OptionalLong.empty());
                StartConfirmation.Verdict v = StartConfirmation.judge(st.state() == RunState.STOPPED, window,
                        programStarted, exit, Optional.empty(), ctx().clock().instant());
                if (v instanceof StartConfirmation.Verdict.Confirmed) {
                    return st;
                }
                if (v instanceof StartConfirmation.Verdict.Stopped) {
                    throw new InstallerException(Exit.SERVICE_FAILED, "'" + name + "' did not start: it stopped again"
                            + " right after reporting RUNNING, " + ScmExitCode.of(st).explain(name)
                            + exit.stream().mapToObj(c -> "; the program's last exit code was " + exitCode(c))
                                    .findFirst().orElse("") + ".");
                }
                if (v instanceof StartConfirmation.Verdict.ProgramExited e) {
                    throw new InstallerException(Exit.SERVICE_FAILED, "'" + name + "' did not start: its program exited"
                            + " with code " + exitCode(e.exitCode().orElse(0)) + " within AppThrottle ("
                            + Units.human(window.throttle()) + ") of starting. The service is " + st.state()
                            + (st.state() == RunState.PAUSED ? " (waiting before it restarts the program)" : "") + " and"
                            + " does what AppExit says for that code (a restart waits longer each time); see 'jsrvany"
                            + " status " + name + "' and the program's output.");
                }
                Duration left = ((StartConfirmation.Verdict.Wait) v).left();
                if (!announced) {
                    announced = true;
                    out().println("  " + name + ": " + st.state() + "; making sure the program stays up for AppThrottle ("
                            + Units.human(window.throttle()) + ")...");
                }
                ctx().sleeper().sleep(left.compareTo(StateWaiter.POLL) < 0 ? left : StateWaiter.POLL);
                now = scm().status(name);
            }
        }

        /** An exit code in decimal, with its hexadecimal form when it is large (an NTSTATUS such as 0xC0000135). */
        static String exitCode(long code) {
            return code >= 0 && code < 0x10000 ? Long.toString(code) : code + String.format(java.util.Locale.ROOT,
                    " (0x%08X)", code);
        }

        private Exit settle(RunState target, Duration limit, String verb) throws InterruptedException {
            Instant asked = ctx().clock().instant();
            boolean starting = verb.equals("start");
            // A program that exits at once can take the service through RUNNING between two polls: the wrapper
            // then shows PAUSED while it waits before the restart. Judged like a start that was seen RUNNING.
            StateWaiter.Result r = waiter().await(name, target, limit, starting ? StateWaiter.AFTER_RUNNING : Set.of());
            ServiceStatus last = r.last();
            if (starting && (r.reached() || r.verdict() == StateWaiter.Verdict.PASSED)) {
                last = confirmStarted(last, asked);
                if (last.state() != RunState.RUNNING) {
                    out().println("'" + name + "' started and is " + last.state() + " now (pid " + last.processId()
                            + "): paused by a request, or waiting before it restarts its program; see 'jsrvany status "
                            + name + "'.");
                    return Exit.OK;
                }
            }
            if (r.reached()) {
                out().println("'" + name + "' is " + target + (target == RunState.STOPPED
                        ? " (" + ScmExitCode.of(last).explain(name) + ")."
                        : last.processId() != 0 ? " (pid " + last.processId() + ")." : "."));
                return Exit.OK;
            }
            if (r.verdict() == StateWaiter.Verdict.FAILED) {
                throw new InstallerException(Exit.SERVICE_FAILED, "'" + name + "' did not " + verb + ": it is STOPPED, "
                        + ScmExitCode.of(last).explain(name) + ".");
            }
            throw new InstallerException(Exit.TIMEOUT, "'" + name + "' did not reach " + target + " within "
                    + Units.human(limit) + "; it is " + last.state()
                    + (last.state().pending() ? " (checkpoint " + last.checkPoint() + ")" : "")
                    + ". Wait and check with 'jsrvany status " + name + "', or give more time with --timeout.");
        }
    }

    @picocli.CommandLine.Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Starts the service and waits until it is RUNNING (default: up to 60 s) and its program"
                    + " passed its readiness check (AppReadyCheck) or, without one, stayed up for AppThrottle; a program"
                    + " that exits before that fails the start (exit code 12)."})
    static final class Start extends Base {
        @Override
        Exit run() throws InterruptedException {
            return start();
        }
    }

    @picocli.CommandLine.Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Stops the service and waits until it is STOPPED (default: the service's stop ladder"
                    + " time, from its AppStopMethod* parameters, plus 30 s)."})
    static final class Stop extends Base {
        @Override
        Exit run() throws InterruptedException {
            return stop();
        }
    }

    @picocli.CommandLine.Command(name = "restart", mixinStandardHelpOptions = true,
            description = {"Stops the service (if it runs) and starts it again; --timeout applies to each half."})
    static final class Restart extends Base {
        @Override
        Exit run() throws InterruptedException {
            Exit stopped = stop();
            return stopped == Exit.OK ? start() : stopped;
        }
    }

    @picocli.CommandLine.Command(name = "pause", mixinStandardHelpOptions = true,
            description = {"Pauses the service and waits until it is PAUSED (default: up to 30 s). jsrvany freezes"
                    + " the program's whole process tree (AppPauseMode=Suspend) or only reports PAUSED (Report)."})
    static final class Pause extends Base {
        @Override
        Exit run() throws InterruptedException {
            return pause();
        }
    }

    @picocli.CommandLine.Command(name = "continue", mixinStandardHelpOptions = true,
            description = {"Continues a paused service and waits until it is RUNNING (default: up to 30 s). On a"
                    + " jsrvany service waiting to restart its program (shown as PAUSED) it restarts it at once."})
    static final class Continue extends Base {
        @Override
        Exit run() throws InterruptedException {
            return resume();
        }
    }
}
