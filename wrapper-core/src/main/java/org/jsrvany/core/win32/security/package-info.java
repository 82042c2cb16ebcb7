/**
 * Owners, DACLs and accounts with the Win32 calls: {@link org.jsrvany.core.win32.security.SecureFolder}
 * (where {@code %ProgramData%} is, the {@link org.jsrvany.core.security.AccessControl} the rule in
 * {@code core.security} works through, and the service's side of {@code %ProgramData%\jsrvany}).
 */
package org.jsrvany.core.win32.security;
