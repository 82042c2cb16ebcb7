/**
 * The thin Win32 layer, split by concern into sub-packages; this package holds only what they share:
 * {@link org.jsrvany.core.win32.Win32CallException}, the one exception type for a failed Win32 call
 * (call, error code from {@code Native.getLastError()}, system message).
 *
 * <ul>
 *   <li>{@code win32.process}: launch (CreateProcessW suspended, job object, own console), Ctrl+C,
 *       window messages, suspend/resume; the Windows process control.</li>
 *   <li>{@code win32.registry}: typed registry access and the one store of a service's parameters.</li>
 *   <li>{@code win32.scm}: the dispatcher and status handle (the service side), and the service
 *       manager the installer drives (create, configure, control, query).</li>
 *   <li>{@code win32.eventlog}: event sources and writing to the Application log.</li>
 *   <li>{@code win32.security}: protected folders, ACLs, accounts.</li>
 * </ul>
 *
 * Each sub-package keeps its JNA mappings beside their only callers, package-private and named after
 * their DLL ({@code Kernel32Ex}, {@code Advapi32Ex} ...). No JNA type appears in a public signature;
 * every OS handle is an {@link AutoCloseable} whose {@code close()} may be called any number of times.
 * Sub-packages import this package and plain core packages, never each other's internals; no plain
 * package imports JNA.
 */
package org.jsrvany.core.win32;
