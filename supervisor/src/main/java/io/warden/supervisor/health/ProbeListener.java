package io.warden.supervisor.health;

import java.time.Duration;
import java.time.Instant;

/**
 * Told every health probe's result from the run's first success on (before it the service is
 * starting, not failing), not just the changes of health: the alerts' probe latency and failure
 * ratio are computed from it. Called on the probing thread; an implementation must be
 * quick and must not throw.
 */
@FunctionalInterface
public interface ProbeListener {

    /** The listener of a supervisor that nobody told: nothing is timed or reported. */
    ProbeListener NONE = (service, ok, latency, at) -> {
    };

    /**
     * @param service the service probed
     * @param ok      whether the probe passed
     * @param latency how long the probe took, on the monotonic clock
     * @param at      when it ended
     */
    void probed(String service, boolean ok, Duration latency, Instant at);
}
