/**
 * The Application event log: registering and removing event sources
 * ({@link org.jsrvany.core.win32.eventlog.EventLogSource}, and
 * {@link org.jsrvany.core.win32.eventlog.WindowsEventSources} for the installer) and writing events
 * ({@link org.jsrvany.core.win32.eventlog.EventLogWriter}).
 */
package org.jsrvany.core.win32.eventlog;
