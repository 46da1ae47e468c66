package io.warden.supervisor;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * This agent's hold on a cluster singleton: the lease's epoch (the fencing token) and how long the
 * service's watchdog lets it run without hearing of a renewed lease.
 *
 * @param epoch      increases with every change of holder; given to the service as {@link #EPOCH}
 * @param beatWithin the watchdog kills the service's tree when no renewal reached it for this long
 */
public record ClusterTerm(long epoch, Duration beatWithin) {

    /** The environment variable that carries the epoch. */
    public static final String EPOCH = "WARDEN_EPOCH";

    public ClusterTerm {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be at least 1, was " + epoch);
        }
        Objects.requireNonNull(beatWithin, "beatWithin");
    }

    /** The variables a run under this term starts with. */
    Map<String, String> env() {
        return Map.of(EPOCH, Long.toString(epoch));
    }
}
