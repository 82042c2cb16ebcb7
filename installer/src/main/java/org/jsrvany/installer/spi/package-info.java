/**
 * The two small interfaces the installer's commands talk to, and their value types:
 * {@link org.jsrvany.installer.spi.ServiceManager} (the SCM) and
 * {@link org.jsrvany.installer.spi.ParameterStore} (a service's {@code Parameters} key). The Windows
 * implementations live in {@code org.jsrvany.installer.win32}; tests use in-memory fakes.
 */
package org.jsrvany.installer.spi;
