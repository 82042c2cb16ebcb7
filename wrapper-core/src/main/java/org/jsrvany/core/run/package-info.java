/**
 * The one runner: {@link org.jsrvany.core.run.Supervision} supervises a validated configuration
 * (output capture opened and closed around a {@link org.jsrvany.core.supervisor.Supervisor}) for the
 * Windows service, for {@code run --config} and for the installer's {@code test};
 * {@link org.jsrvany.core.run.Foreground} adds what a console run needs (signals, status lines, the
 * launcher's exit codes, {@link org.jsrvany.core.run.LauncherExit}). {@link org.jsrvany.core.run.Platform}
 * picks the process control for this OS. This package imports both process-control implementations;
 * nothing below it imports it.
 */
package org.jsrvany.core.run;
