/**
 * Folders, ACLs and accounts: {@link org.jsrvany.core.win32.security.SecureFolder} creates and protects
 * {@code %ProgramData%\jsrvany} ({@link org.jsrvany.core.service.DataFolders}) and refuses junctions.
 */
package org.jsrvany.core.win32.security;
