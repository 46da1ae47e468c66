/**
 * Health checks with Docker's semantics: probes (HTTP, TCP, command), the pure
 * {@link io.warden.supervisor.health.HealthTracker} state machine, and a monitor per run on a
 * virtual thread.
 */
package io.warden.supervisor.health;
