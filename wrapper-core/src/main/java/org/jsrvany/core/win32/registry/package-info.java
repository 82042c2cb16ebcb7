/**
 * The registry: {@link org.jsrvany.core.win32.registry.RegistryKeyAccess} (typed values, 64-bit view,
 * {@link org.jsrvany.core.win32.registry.RegistryValue}) and
 * {@link org.jsrvany.core.win32.registry.RegistryParameterStore}, the one reader and writer of a service's
 * {@code Parameters} key, used by the service, {@code get}/{@code set}/{@code reset}, {@code dump},
 * {@code adopt} and {@code test}. Its mapping is tested against an in-memory registry on any OS.
 */
package org.jsrvany.core.win32.registry;
