/**
 * The supervision engine: services declared in warden.yaml, one runner per service with an
 * explicit state machine, restarts, stops of whole process trees, health probes and adoption
 * of services that outlived a daemon. {@link io.warden.supervisor.Supervisor} is the facade.
 */
package io.warden.supervisor;
