/**
 * Output capture: a child's stdout and stderr to files (rotation, retention, timestamps) or console
 * streams, line-atomic and with bounded memory. The public surface is {@link
 * org.jsrvany.core.output.OutputSettings} and {@link org.jsrvany.core.output.OutputCapture}.
 */
package org.jsrvany.core.output;
