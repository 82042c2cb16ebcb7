package org.jsrvany.core.service;

import java.util.Objects;

/**
 * {@code SERVICE_STATUS_PROCESS}, typed.
 *
 * @param state              the current state
 * @param processId          the service process's pid; 0 when it is not running
 * @param win32ExitCode      {@code dwWin32ExitCode}
 * @param serviceSpecificExitCode {@code dwServiceSpecificExitCode} (meaningful when the Win32 code is 1066)
 * @param checkPoint         the progress counter of a pending state
 * @param waitHintMillis     how long the service said the pending step may take
 * @param acceptsPause       whether PAUSE and CONTINUE are accepted now
 * @param acceptsStop        whether STOP is accepted now
 */
public record ServiceStatus(RunState state, long processId, int win32ExitCode, int serviceSpecificExitCode, int checkPoint,
                            int waitHintMillis, boolean acceptsPause, boolean acceptsStop) {
    public ServiceStatus {
        Objects.requireNonNull(state, "state");
    }
}
