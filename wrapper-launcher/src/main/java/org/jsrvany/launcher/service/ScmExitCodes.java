package org.jsrvany.launcher.service;

import org.jsrvany.core.supervisor.ServiceOutcome;

/**
 * What the SCM is told when the service stops (docs/windows-service.md lists these):
 *
 * <ul>
 *   <li>stopped on request, or the program exited 0 with {@code AppExit=Exit}: NO_ERROR;</li>
 *   <li>the program exited with code N and {@code AppExit=Exit}: ERROR_SERVICE_SPECIFIC_ERROR (1066) with N;</li>
 *   <li>the program could not be started: the Win32 error of the failed launch (2 = file not found ...),
 *       or 1066 with {@link #LAUNCH_FAILED} when there is none;</li>
 *   <li>the configuration is invalid: 1066 with {@link #CONFIG_INVALID};</li>
 *   <li>the wrapper failed: 1066 with {@link #WRAPPER_FAILED}.</li>
 * </ul>
 *
 * The wrapper's own service-specific codes have bit 29 set (the "customer" bit of Windows error
 * codes), so they never collide with a program's usual exit codes. Recovery actions
 * ("restart the service on failure") fire for every non-zero code.
 */
final class ScmExitCodes {
    /** 0x20000001: the wrapper itself failed. */
    static final int WRAPPER_FAILED = 0x2000_0001;
    /** 0x20000003: the service's Parameters are invalid (a missing Application, say). */
    static final int CONFIG_INVALID = 0x2000_0003;
    /** 0x20000004: the program could not be started and Windows gave no error code. */
    static final int LAUNCH_FAILED = 0x2000_0004;

    private ScmExitCodes() {
    }

    /** The pair (win32 exit code, service-specific exit code) for an outcome. */
    static int[] of(ServiceOutcome outcome) {
        if (outcome instanceof ServiceOutcome.StoppedOnRequest) {
            return new int[] {ScmStatus.NO_ERROR, 0};
        } else if (outcome instanceof ServiceOutcome.ChildExited c) {
            return c.exitCode() == 0 ? new int[] {ScmStatus.NO_ERROR, 0}
                    : new int[] {ScmStatus.ERROR_SERVICE_SPECIFIC_ERROR, c.exitCode()};
        } else if (outcome instanceof ServiceOutcome.LaunchFailed f) {
            return f.systemError().isPresent() && f.systemError().getAsInt() != 0
                    ? new int[] {f.systemError().getAsInt(), 0}
                    : new int[] {ScmStatus.ERROR_SERVICE_SPECIFIC_ERROR, LAUNCH_FAILED};
        } else if (outcome instanceof ServiceOutcome.Suicide s) {
            return new int[] {ScmStatus.ERROR_SERVICE_SPECIFIC_ERROR, s.exitCode()};
        }
        return new int[] {ScmStatus.ERROR_SERVICE_SPECIFIC_ERROR, WRAPPER_FAILED};
    }

    /** The pair for a configuration that cannot be used. */
    static int[] configInvalid() {
        return new int[] {ScmStatus.ERROR_SERVICE_SPECIFIC_ERROR, CONFIG_INVALID};
    }
}
