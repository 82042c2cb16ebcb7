package org.jsrvany.core.win32.process;

import org.jsrvany.core.win32.Win32CallException;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.process.ChildProcess;
import org.jsrvany.core.process.LaunchException;
import org.jsrvany.core.process.ProcessControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Windows process control: {@code CreateProcessW} with the raw srvany command line, suspended,
 * into a kill-on-close job object, then resumed (see {@link LaunchPlan} for every flag).
 */
final class WindowsProcessControl implements ProcessControl {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsProcessControl.class);

    private final ConsoleMode consoleChild;

    WindowsProcessControl(ConsoleMode consoleChild) {
        this.consoleChild = consoleChild;
    }

    @Override
    public ChildProcess launch(ServiceConfig config) throws LaunchException {
        LaunchPlan plan;
        try {
            plan = LaunchPlan.of(config, consoleChild);
        } catch (IllegalArgumentException e) {
            throw new LaunchException("The program " + config.application() + " was not started: " + e.getMessage()
                    + ".", null, e);
        }
        ChildStdio stdio;
        ProcessHandleW process;
        ConsoleCtrl.LOCK.lock();
        try {
            try {
                stdio = ChildStdio.create();
            } catch (Win32CallException e) {
                throw new LaunchException("The pipes for the output of " + config.application()
                        + " could not be created: " + e.getMessage(), e.errorCode(), e);
            }
            Runnable restoreWrapperStdio = ChildStdio.stopInheritingWrapperStdHandles();
            try {
                process = ProcessHandleW.create(plan, stdio);
            } catch (Win32CallException e) {
                stdio.close();
                throw new LaunchException(LaunchErrors.describe(e.errorCode(), config.application().toString(),
                        plan.directory(), e.getMessage()), e.errorCode(), e);
            } finally {
                restoreWrapperStdio.run();
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
        try {
            if (plan.killTree()) {
                job = JobObject.createKillOnClose();
                job.assign(process);
            } else {
                // AppKillProcessTree=0 spares the descendants, never the main process: it dies with the wrapper.
                lifeJob = JobObject.createKillOnCloseMainOnly();
                lifeJob.assign(process);
            }
            if (plan.setsPriorityClass()) {
                process.setPriorityClass(plan.priorityClass());
            }
            applyAffinity(process, plan.affinityMask());
            process.resume();
            process.closeThread();
            WindowsChild child = new WindowsChild(process, job, lifeJob, stdio, plan.commandLine(), plan.console());
            child.watchExit();
            LOG.debug("Started pid {} ({}, flags 0x{}): {}", process.pid(), plan.console(),
                    Integer.toHexString(plan.creationFlags()), plan.commandLine());
            return child;
        } catch (Win32CallException | IllegalArgumentException e) {
            if (lifeJob != null) {
                lifeJob.close();
            }
            abandon(process, job, stdio);
            Integer code = e instanceof Win32CallException w ? w.errorCode() : null;
            throw new LaunchException("The program " + config.application() + " was created but could not be set up"
                    + " to run, so it was ended: " + e.getMessage(), code, e);
        }
    }

    private static void applyAffinity(ProcessHandleW process, long requested) {
        if (requested == 0) {
            return;
        }
        long system = ProcessHandleW.currentAffinity()[1];
        Affinity.Resolved resolved = Affinity.resolve(requested, system);
        if (resolved.missing() != 0) {
            LOG.warn("AppAffinity names CPUs {} that this system does not have; the child runs on CPUs {}",
                    Affinity.format(resolved.missing()), Affinity.format(resolved.mask()));
        }
        process.setAffinity(resolved.mask());
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
