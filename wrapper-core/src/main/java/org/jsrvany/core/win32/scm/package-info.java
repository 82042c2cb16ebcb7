/**
 * The service control manager, both sides. The service: {@link org.jsrvany.core.win32.scm.ScmDispatcher}
 * (StartServiceCtrlDispatcher, ServiceMain, HandlerEx kept strongly referenced),
 * {@link org.jsrvany.core.win32.scm.ServiceStatusHandle} (SetServiceStatus) and
 * {@link org.jsrvany.core.win32.scm.ShutdownTiming}. The installer:
 * {@link org.jsrvany.core.win32.scm.WindowsServiceManager}, the Windows implementation of
 * {@link org.jsrvany.core.service.ServiceManager}. Only calls: every decision is in plain Java.
 */
package org.jsrvany.core.win32.scm;
