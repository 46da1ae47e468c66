package io.warden.supervisor;

import java.util.Optional;

/**
 * Whether this agent may run a cluster singleton ({@code singleton: cluster}) now: the lease the
 * cluster module holds in PostgreSQL. A launch of such a service asks it first; without a term the
 * service is {@code standby} instead of started.
 *
 * <p>Implementations are thread safe and answer without blocking (a launch holds the runner's lock).
 */
public interface ClusterGate {

    /** The gate of a daemon without a cluster: it never admits (the config refuses singletons then). */
    ClusterGate NONE = new ClusterGate() {
        @Override
        public Optional<ClusterTerm> term(String service) {
            return Optional.empty();
        }

        @Override
        public String standbyReason(String service) {
            return "standby: no cluster is configured (storage.url on PostgreSQL)";
        }
    };

    /** The term this agent holds for {@code service}; empty when another agent holds it, or none yet. */
    Optional<ClusterTerm> term(String service);

    /** Why this agent does not run {@code service} now, for its standby state: who holds it, with which epoch. */
    String standbyReason(String service);
}
