/**
 * Windows process control: {@link org.jsrvany.core.win32.process.WindowsProcesses#processControl()}
 * starts the child with {@code CreateProcessW} (suspended, Unicode environment, its own hidden console),
 * assigns it to a KILL_ON_JOB_CLOSE job before it runs, and delivers the stop ladder's steps (Ctrl+C
 * through the child's console, WM_CLOSE, WM_QUIT, TerminateJobObject), pause and continue
 * (NtSuspendProcess on every process of the job). Decisions are pure classes tested on any OS:
 * {@code LaunchPlan}, {@code Affinity}, {@code JobPlacement}, {@code LaunchErrors}, {@code ProcessIdList},
 * {@code CtrlCHelper}, {@code ConsoleCtrl.route}. Children inherit only their standard handles
 * ({@code ProcThreadAttributes}).
 * docs/windows-process-control.md describes it for users.
 */
package org.jsrvany.core.win32.process;
