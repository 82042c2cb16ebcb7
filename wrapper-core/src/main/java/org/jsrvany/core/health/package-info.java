/**
 * Readiness, liveness and the start condition (docs/readiness-health.md): the decisions as pure
 * functions ({@link org.jsrvany.core.health.Readiness}, {@link org.jsrvany.core.health.Liveness},
 * {@link org.jsrvany.core.health.StartGate}), the probes that look at the program
 * ({@link org.jsrvany.core.health.Probes}) and the watch on its output
 * ({@link org.jsrvany.core.health.OutputWatch}). The supervisor wires them; nothing here owns the child.
 * Imports {@code config} and {@code output} only.
 */
package org.jsrvany.core.health;
