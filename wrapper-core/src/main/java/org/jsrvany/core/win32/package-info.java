/**
 * The thin Win32 layer: only calls, no decisions (those are pure classes here, tested on any OS:
 * {@code LaunchPlan}, {@code Affinity}, {@code LaunchErrors}, {@code ProcessIdList}).
 *
 * <p>{@link org.jsrvany.core.win32.WindowsProcesses#processControl()} is the Windows
 * implementation of the process-control SPI (docs/windows-process-control.md).
 *
 * <p>Public types are our own ({@link org.jsrvany.core.win32.RegistryKeyAccess},
 * {@link org.jsrvany.core.win32.RegistryValue}, {@link org.jsrvany.core.win32.EnvironmentBlock},
 * {@link org.jsrvany.core.win32.JobObject}, {@link org.jsrvany.core.win32.ProcessHandleW},
 * {@link org.jsrvany.core.win32.Win32Exception}, {@link org.jsrvany.core.win32.WindowsProcesses});
 * no JNA type appears in a public signature. JNA mappings that jna-platform lacks live in
 * package-private interfaces named after their DLL with an {@code Ex} suffix ({@code Kernel32Ex},
 * {@code NtDllEx}, {@code User32Ex}). Every failed call throws {@link
 * org.jsrvany.core.win32.Win32Exception}; every OS handle is an {@link AutoCloseable} whose
 * {@code close()} may be called any number of times.
 */
package org.jsrvany.core.win32;
