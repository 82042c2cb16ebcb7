/**
 * Who may change what, as plain Java: security descriptors in SDDL ({@link org.jsrvany.core.security.Descriptor},
 * {@link org.jsrvany.core.security.Ace}), well-known accounts ({@link org.jsrvany.core.security.Sids}), which
 * entries let an account change a program, a folder or a registry key
 * ({@link org.jsrvany.core.security.WriteAccess}), and jsrvany's rule for its own folders under
 * {@code %ProgramData%} ({@link org.jsrvany.core.security.FolderPolicy}, applied by
 * {@link org.jsrvany.core.security.DataFolderGuard} through an {@link org.jsrvany.core.security.AccessControl}
 * that the Windows layer implements with the Win32 calls and tests replace with a fake).
 */
package org.jsrvany.core.security;
