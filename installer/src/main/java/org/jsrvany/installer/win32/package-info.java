/**
 * The Windows implementations of the installer's interfaces: the SCM through advapi32
 * ({@code Advapi32Ex} holds what jna-platform lacks) and the Parameters keys through
 * {@link org.jsrvany.core.win32.RegistryKeyAccess}. Only calls; every decision is in the installer's
 * plain Java. {@link org.jsrvany.installer.win32.WindowsBackend} is the only public type.
 */
package org.jsrvany.installer.win32;
