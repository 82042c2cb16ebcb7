/**
 * The status a running service publishes for {@code jsrvany status}
 * ({@link org.jsrvany.core.status.PublishedStatus}): written by the service main, read by the installer.
 */
package org.jsrvany.core.status;
