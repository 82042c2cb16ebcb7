/**
 * An installed service as plain Java, and the contract between the installer and the service:
 * {@link org.jsrvany.core.service.ServiceManager} (the SCM as the installer sees it; the Windows
 * implementation is {@code win32.scm.WindowsServiceManager}, tests use an in-memory fake) with its value
 * types, {@link org.jsrvany.core.service.EventSources}, the exit codes the SCM hears and what they mean
 * ({@link org.jsrvany.core.service.ScmExitCode}), and the folders under {@code %ProgramData%}
 * ({@link org.jsrvany.core.service.DataFolders}).
 */
package org.jsrvany.core.service;
