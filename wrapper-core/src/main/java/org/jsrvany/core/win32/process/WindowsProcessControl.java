package org.jsrvany.core.win32.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jsrvany.core.win32.Win32CallException;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.process.ChildProcess;
import org.jsrvany.core.process.LaunchException;
import org.jsrvany.core.process.ProcessControl;
import org.jsrvany.core.process.SessionTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Windows process control: {@code CreateProcessW} with the raw srvany command line, suspended,
 * inheriting only its standard handles, into a kill-on-close job object, then resumed (see
 * {@link LaunchPlan} for every flag, {@link Affinity} and {@link JobPlacement} for the decisions made
 * from the machine).
 */
final class WindowsProcessControl implements ProcessControl {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsProcessControl.class);

    private final ConsoleMode consoleChild;
    /** Where a child of {@code AppSession} Console or Active goes; empty: the wrapper's own session. */
    private final Optional<SessionTarget> userSessions;

    WindowsProcessControl(ConsoleMode consoleChild) {
        this(consoleChild, Optional.empty());
    }

    WindowsProcessControl(ConsoleMode consoleChild, Optional<SessionTarget> userSessions) {
        this.consoleChild = consoleChild;
        this.userSessions = userSessions;
    }

    @Override
    public ChildProcess launch(ServiceConfig config) throws LaunchException {
        LaunchPlan plan;
        Optional<Affinity.Placement> affinity;
        try {
            plan = LaunchPlan.of(config, consoleChild);
            affinity = Affinity.place(plan.affinity(), ProcessorGroups.activeCounts());
        } catch (IllegalArgumentException e) {
            throw new LaunchException("The program " + config.application() + " was not started: " + e.getMessage()
                    + ".", null, e);
        } catch (Win32CallException e) {
            throw new LaunchException("The program " + config.application() + " was not started: the processor groups"
                    + " cannot be read: " + e.getMessage(), e.errorCode(), e);
        }
        UserToken user = null;
        if (userSessions.isPresent() && config.windows().session().desktop()) {
            user = userToken(config, userSessions.get());
            try {
                plan = plan.onEnvironment(user.environment(), config.windows().session().environment());
            } catch (Win32CallException | IllegalArgumentException e) {
                user.close();
                Integer code = e instanceof Win32CallException w ? w.errorCode() : null;
                throw new LaunchException("The program " + config.application() + " was not started: the environment"
                        + " of the user of session " + user.session() + " cannot be used: " + e.getMessage(), code, e);
            }
        }
        try (UserToken asUser = user) {
            return launch(config, plan, affinity, asUser);
        }
    }

    /** The launch proper, with the user's token when the child goes to a user's session (closed by the caller). */
    private ChildProcess launch(ServiceConfig config, LaunchPlan plan, Optional<Affinity.Placement> affinity,
                                UserToken asUser) throws LaunchException {
        affinity.filter(a -> !a.missing().isEmpty()).ifPresent(a -> LOG.warn("AppAffinity names CPUs {} that this"
                + " machine does not have; the child runs on CPUs {} of processor group {}", Affinity.format(a.missing()),
                Affinity.format(a.mask()), a.group()));
        JobPlacement placement = jobPlacement();
        ChildStdio stdio;
        ProcessHandleW process;
        List<String> warnings = new ArrayList<>();
        ConsoleCtrl.LOCK.lock();
        try {
            try {
                stdio = ChildStdio.create(config.stdin());
            } catch (ChildStdio.StdinFailure e) {
                throw new LaunchException("The program " + config.application() + " was not started: " + e.getMessage()
                        + ". Restore the file or change AppStdin.", e.errorCode(), e);
            } catch (Win32CallException e) {
                throw new LaunchException("The pipes for the output of " + config.application()
                        + " could not be created: " + e.getMessage(), e.errorCode(), e);
            }
            WrapperConsole madeConsole = childConsole(config, plan, asUser != null, warnings);
            if (madeConsole != null) {
                plan = plan.onWrapperConsole();
            }
            try {
                process = create(config, plan, stdio, affinity, placement, asUser);
            } finally {
                if (madeConsole != null) {
                    madeConsole.close(); // the child holds the console now; it runs only after resume()
                }
            }
            try {
                stdio.closeChildEnds();
            } catch (Win32CallException e) {
                // The child exists (suspended, in no job yet): never leave it behind.
                abandon(process, null, stdio);
                throw new LaunchException("The program " + config.application() + " was created but its output"
                        + " pipes could not be set up, so it was ended: " + e.getMessage(), e.errorCode(), e);
            }
        } finally {
            ConsoleCtrl.LOCK.unlock();
        }
        JobObject job = null;
        JobObject lifeJob = null;
        JobNotifications notifications = null;
        try {
            if (!placement.contained()) {
                String warning = JobPlacement.uncontainedWarning(process.pid());
                LOG.warn("{}", warning);
                warnings.add(warning);
            } else if (plan.killTree()) {
                job = JobObject.createKillOnClose();
                job.assign(process);
                notifications = applyLimits(job, config.limits(), process.pid(), warnings);
            } else {
                // AppKillProcessTree=0 spares the descendants, never the main process: it dies with the wrapper.
                lifeJob = JobObject.createKillOnCloseMainOnly();
                lifeJob.assign(process);
            }
            if (job == null && config.limits().limitsResources()) {
                String warning = "AppMemoryLimit and AppCpuLimit are not enforced for pid " + process.pid() + ": they"
                        + " apply to the job holding the whole tree, and " + (placement.contained()
                        ? "AppKillProcessTree=0 gives the tree no such job" : "the tree is in no job of its own");
                LOG.warn("{}", warning);
                warnings.add(warning);
            }
            if (plan.setsPriorityClass()) {
                process.setPriorityClass(plan.priorityClass());
            }
            if (affinity.isPresent()) {
                process.setAffinity(affinity.get().mask());
            }
            process.resume();
            process.closeThread();
            WindowsChild child = new WindowsChild(process, job, lifeJob, stdio, plan.commandLine(), plan.console(),
                    warnings, notifications);
            if (asUser != null) {
                child.runsInUserSession(asUser.session(), config.windows().session().elevated());
                LOG.info("Started pid {} in session {} on {} as the user {}", process.pid(), asUser.session(),
                        ProcessHandleW.USER_DESKTOP, asUser.sid());
            }
            child.watchExit();
            LOG.debug("Started pid {} ({}, flags 0x{}, {}): {}", process.pid(), plan.console(),
                    Integer.toHexString(plan.creationFlags(placement)), placement, plan.commandLine());
            return child;
        } catch (Win32CallException | IllegalArgumentException e) {
            if (notifications != null) {
                notifications.close();
            }
            if (lifeJob != null) {
                lifeJob.close();
            }
            abandon(process, job, stdio);
            Integer code = e instanceof Win32CallException w ? w.errorCode() : null;
            throw new LaunchException("The program " + config.application() + " was created but could not be set up"
                    + " to run, so it was ended: " + e.getMessage(), code, e);
        }
    }

    /**
     * {@code AppConsoleCodePage}: the console the wrapper makes for this launch (under {@link ConsoleCtrl#LOCK}),
     * or null for a console as Windows makes it ({@link ChildConsole#decide}). A code page that cannot be applied
     * here, or a call that fails, is a launch warning: the program starts anyway, on the console its mode gives it.
     */
    private static WrapperConsole childConsole(ServiceConfig config, LaunchPlan plan, boolean userSession,
                                               List<String> warnings) {
        int codePage = config.windows().consoleCodePage();
        if (codePage == 0) {
            return null;
        }
        ChildConsole.Decision decision = ChildConsole.decide(codePage, plan.console(), ConsoleCtrl.currentRoute(),
                userSession);
        if (decision instanceof ChildConsole.NotApplied notApplied) {
            LOG.warn("{}", notApplied.warning());
            warnings.add(notApplied.warning());
        } else if (decision instanceof ChildConsole.MadeByWrapper made) {
            try {
                WrapperConsole console = WrapperConsole.open(made.codePage());
                LOG.debug("Made the program's console with code page {}", made.codePage());
                return console;
            } catch (Win32CallException e) {
                String hint = e.errorCode() == Kernel32Ex.ERROR_INVALID_PARAMETER
                        ? " (is code page " + codePage + " installed on this machine?)" : "";
                String warning = "AppConsoleCodePage " + codePage + " is not applied: the wrapper could not make the"
                        + " program's console: " + e.getMessage().replaceAll("\\.+$", "") + ". The program starts on a"
                        + " console as Windows creates it, with Windows' code page" + hint + ".";
                LOG.warn("{}", warning);
                warnings.add(warning);
            }
        }
        return null;
    }

    /**
     * {@code AppMemoryLimit} and {@code AppCpuLimit} on the tree's job, before the child runs, and the job's
     * notifications when memory is limited (the breach comes from them, not from polling). A limit Windows
     * refuses is a launch warning (the program runs without it), not a failed start.
     */
    private static JobNotifications applyLimits(JobObject job, org.jsrvany.core.config.LimitSettings limits, int pid,
                                                List<String> warnings) {
        JobNotifications notifications = null;
        if (limits.memoryLimitBytes() > 0) {
            try {
                notifications = JobNotifications.watch(job, limits.memoryLimitBytes(), pid);
                job.limitJobMemory(limits.memoryLimitBytes());
            } catch (Win32CallException e) {
                if (notifications != null) {
                    notifications.close();
                    notifications = null;
                }
                warnings.add("AppMemoryLimit (" + limits.memoryLimitBytes() / (1024 * 1024) + " MiB) is not enforced for"
                        + " pid " + pid + ": " + e.getMessage());
                LOG.warn("{}", warnings.get(warnings.size() - 1));
            }
        }
        if (limits.cpuRatePercent() > 0) {
            try {
                job.capCpuRate(limits.cpuRatePercent());
            } catch (Win32CallException e) {
                warnings.add("AppCpuLimit (" + limits.cpuRatePercent() + "%) is not enforced for pid " + pid + ": "
                        + e.getMessage());
                LOG.warn("{}", warnings.get(warnings.size() - 1));
            }
        }
        return notifications;
    }

    /**
     * {@code CreateProcessW} with the handle list (and the processor group when the machine has several),
     * under {@link ConsoleCtrl#LOCK}; closes {@code stdio} when nothing was created.
     */
    private static ProcessHandleW create(ServiceConfig config, LaunchPlan plan, ChildStdio stdio,
                                         Optional<Affinity.Placement> affinity, JobPlacement placement, UserToken asUser)
            throws LaunchException {
        ProcThreadAttributes attributes;
        try {
            attributes = ProcThreadAttributes.of(stdio.childHandles(), affinity.filter(Affinity.Placement::groupAttribute));
        } catch (Win32CallException e) {
            stdio.close();
            throw new LaunchException("The program " + config.application() + " was not started: its handle list"
                    + " could not be built: " + e.getMessage(), e.errorCode(), e);
        }
        Runnable restoreWrapperStdio = ChildStdio.stopInheritingWrapperStdHandles();
        try (attributes) {
            return ProcessHandleW.create(plan, stdio, attributes, placement, asUser);
        } catch (Win32CallException e) {
            stdio.close();
            throw new LaunchException(LaunchErrors.describe(e.errorCode(), config.application().toString(),
                    plan.directory(), e.getMessage()), e.errorCode(), e);
        } finally {
            restoreWrapperStdio.run();
        }
    }

    /**
     * The token of the user the rule picks now. Nobody there (no placement, {@code ERROR_NO_TOKEN}: a logoff
     * between the event and the launch) is {@link LaunchException#sessionGone}: the service waits for a logon.
     */
    private static UserToken userToken(ServiceConfig config, SessionTarget target) throws LaunchException {
        Optional<SessionTarget.Placement> where = target.placement();
        if (where.isEmpty()) {
            throw LaunchException.sessionGone("The program " + config.application() + " was not started: nobody is"
                    + " logged on as AppSession " + config.windows().session().mode().registryText() + " asks", null, null);
        }
        int session = where.get().session();
        try {
            return UserToken.open(session, config.windows().session().elevated());
        } catch (Win32CallException e) {
            if (e.errorCode() == Wtsapi32Ex.ERROR_NO_TOKEN) {
                throw LaunchException.sessionGone("The program " + config.application() + " was not started: "
                        + where.get().user() + " is no longer logged on to session " + session + " ("
                        + e.getMessage() + ")", e.errorCode(), e);
            }
            String why = e.errorCode() == Wtsapi32Ex.ERROR_PRIVILEGE_NOT_HELD
                    ? ": the service lacks SeTcbPrivilege; AppSession Console and Active need the LocalSystem account"
                    : "";
            throw new LaunchException("The program " + config.application() + " was not started in session " + session
                    + ": the user's token cannot be had: " + e.getMessage() + why, e.errorCode(), e);
        } catch (UserToken.Refused e) {
            throw new LaunchException("The program " + config.application() + " was not started in session " + session
                    + ": " + e.getMessage() + ".", null, e);
        }
    }

    /** Where the child's job goes, given the job the wrapper may run in ({@link JobPlacement}). */
    private static JobPlacement jobPlacement() {
        OptionalInt outer;
        try {
            outer = JobObject.wrapperJobLimits();
        } catch (Win32CallException e) {
            LOG.warn("Whether the wrapper runs in a job cannot be told ({}); assuming it does not", e.getMessage());
            outer = OptionalInt.empty();
        }
        JobPlacement placement = JobPlacement.decide(outer, JobPlacement.nestedJobs(System.getProperty("os.version")));
        if (outer.isPresent()) {
            LOG.info("The wrapper runs inside a job (limit flags 0x{}): the child's job is placed {}",
                    Integer.toHexString(outer.getAsInt()), placement);
        }
        return placement;
    }

    /** A child that was created but cannot run as configured: end it and release everything. */
    private static void abandon(ProcessHandleW process, JobObject job, ChildStdio stdio) {
        try {
            process.terminate(WindowsChild.TERMINATED_EXIT_CODE);
        } catch (RuntimeException e) {
            LOG.warn("Ending the half-started child (pid {}) failed: {}", process.pid(), e.getMessage());
        }
        for (AutoCloseable c : new AutoCloseable[] {job, process, stdio}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("Releasing the half-started child (pid {}) failed: {}", process.pid(), e.getMessage());
                }
            }
        }
    }
}
