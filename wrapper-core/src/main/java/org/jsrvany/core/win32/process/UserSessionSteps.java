package org.jsrvany.core.win32.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.jsrvany.core.config.StopStep;
import org.jsrvany.core.win32.Win32CallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stop ladder's graceful steps for a program in a user's session ({@code AppSession} Console or Active). From
 * the service's session 0 none of them reaches it: its console belongs to the user's session, {@code EnumWindows}
 * sees only the caller's desktop, and thread messages do not cross desktops. So a small helper is started there,
 * with the user's token (the same token the program was started with: the elevated one too, else UIPI would drop the
 * messages), on {@code winsta0\default}, with the user's environment, and put into the program's own job while it is
 * still suspended, so that it dies with the tree. It takes the step and reports back through its exit code:
 * {@link CtrlCSender} for Ctrl+C (the same helper as a wrapper in the foreground uses), {@link WindowStepSender} for
 * WM_CLOSE and WM_QUIT. Each step stays within its budget; a helper that overruns it is ended.
 */
final class UserSessionSteps {
    private static final Logger LOG = LoggerFactory.getLogger(UserSessionSteps.class);

    private UserSessionSteps() {
    }

    /**
     * Takes {@code step} (CONSOLE, WINDOW or THREADS) to {@code pids} in {@code session} through a helper.
     *
     * @param elevated whether the program runs with the user's linked elevated token ({@code AppSessionElevated})
     * @param job      the program's job (the helper joins it), or null when the program has none
     * @return whether the step reached the program (the helper said so)
     */
    static boolean deliver(StopStep step, int session, boolean elevated, Set<Integer> pids, JobObject job,
                           Duration budget) {
        return send(step, session, elevated, pids, job, budget) == ConsoleCtrl.Delivery.SENT;
    }

    /** {@link #deliver}, with the helper's verdict: SENT, NO_CONSOLE (nobody took it) or FAILED. */
    static ConsoleCtrl.Delivery send(StopStep step, int session, boolean elevated, Set<Integer> pids, JobObject job,
                                     Duration budget) {
        if (step == StopStep.TERMINATE || pids.isEmpty()) {
            throw new IllegalArgumentException("only CONSOLE, WINDOW and THREADS go through the helper, to some pid");
        }
        List<String> args = new ArrayList<>();
        Class<?> main;
        if (step == StopStep.CONSOLE) {
            main = CtrlCSender.class;
        } else {
            main = WindowStepSender.class;
            args.add(step == StopStep.WINDOW ? WindowStepSender.CLOSE : WindowStepSender.QUIT);
        }
        pids.forEach(pid -> args.add(Integer.toString(pid)));
        String commandLine = CtrlCHelper.helperCommandLine(main, args);
        if (step == StopStep.CONSOLE) {
            // As for the foreground's helper: a "not sent" is tried once more when time is left (Wine, see CtrlCHelper).
            return CtrlCHelper.withinBudget(budget, System::nanoTime,
                    bound -> runOnce(step, session, elevated, job, commandLine, bound),
                    first -> LOG.warn("The Ctrl+C helper in session {} reported {} for pids {}; trying once more",
                            session, first, pids));
        }
        if (budget.isZero() || budget.isNegative()) {
            LOG.warn("No time is left in stop step {} for its helper in session {}; not sent", step, session);
            return ConsoleCtrl.Delivery.FAILED;
        }
        Duration bound = budget.compareTo(CtrlCHelper.BOUND) < 0 ? budget : CtrlCHelper.BOUND;
        return runOnce(step, session, elevated, job, commandLine, bound);
    }

    /** One helper run: SENT, NO_CONSOLE (nobody took it: no console, no window, no message queue) or FAILED. */
    private static ConsoleCtrl.Delivery runOnce(StopStep step, int session, boolean elevated, JobObject job,
                                                String commandLine, Duration bound) {
        ProcessHandleW helper;
        try (UserToken user = UserToken.open(session, elevated)) {
            EnvironmentBlock environment = EnvironmentBlock.of(user.environment());
            helper = ProcessHandleW.startDetachedSuspendedAs(user, commandLine, environment);
        } catch (Win32CallException e) {
            if (e.errorCode() == Wtsapi32Ex.ERROR_NO_TOKEN) {
                LOG.info("Stop step {}: nobody is logged on to session {} any more; not sent", step, session);
            } else {
                LOG.warn("Stop step {}: its helper cannot be started in session {}: {}", step, session, e.getMessage());
            }
            return ConsoleCtrl.Delivery.FAILED;
        } catch (UserToken.Refused | IllegalArgumentException e) {
            LOG.warn("Stop step {}: its helper is not started in session {}: {}", step, session, e.getMessage());
            return ConsoleCtrl.Delivery.FAILED;
        }
        try (helper) {
            if (job != null) {
                try {
                    job.assign(helper);
                } catch (Win32CallException e) {
                    LOG.warn("Stop step {}: its helper (pid {}) cannot join the program's job, so it is ended unrun: {}",
                            step, helper.pid(), e.getMessage());
                    helper.terminate(CtrlCSender.FAILED);
                    return ConsoleCtrl.Delivery.FAILED;
                }
            }
            helper.resume();
            helper.closeThread();
            OptionalInt code = helper.waitFor(bound);
            if (code.isEmpty()) {
                LOG.warn("The helper of stop step {} (pid {}, session {}) did not finish within {}; ending it", step,
                        helper.pid(), session, bound);
                helper.terminate(CtrlCSender.FAILED);
                return ConsoleCtrl.Delivery.FAILED;
            }
            ConsoleCtrl.Delivery verdict = verdict(code.getAsInt());
            if (verdict == ConsoleCtrl.Delivery.FAILED) {
                LOG.warn("The helper of stop step {} in session {} failed with exit code {}: {}", step, session,
                        code.getAsInt(), commandLine);
            }
            return verdict;
        } catch (Win32CallException e) {
            LOG.warn("The helper of stop step {} in session {} failed: {}", step, session, e.getMessage());
            return ConsoleCtrl.Delivery.FAILED;
        }
    }

    /** The helpers' exit codes (the same for both): 0 taken, 2 nobody to take it, anything else failed. Pure. */
    static ConsoleCtrl.Delivery verdict(int exitCode) {
        return switch (exitCode) {
            case CtrlCSender.SENT -> ConsoleCtrl.Delivery.SENT;
            case CtrlCSender.NO_CONSOLE -> ConsoleCtrl.Delivery.NO_CONSOLE;
            default -> ConsoleCtrl.Delivery.FAILED;
        };
    }
}
