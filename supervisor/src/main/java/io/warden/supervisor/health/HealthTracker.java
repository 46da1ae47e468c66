package io.warden.supervisor.health;

import io.warden.supervisor.spec.HealthSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Docker's healthcheck rules as a pure state machine over probe results: failures within
 * {@code startPeriod} after the start do not count; the first success makes the service healthy
 * (and ends the start period); {@code retries} consecutive counted failures make it unhealthy;
 * a success makes it healthy again.
 *
 * <p>Not thread safe: one monitor owns it.
 */
final class HealthTracker {

    private final int retries;
    private final Instant graceEnds;
    private HealthStatus status = HealthStatus.STARTING;
    private int failures;
    private boolean everHealthy;

    public HealthTracker(HealthSpec spec, Instant started) {
        this.retries = spec.retries();
        this.graceEnds = started.plus(spec.startPeriod());
    }

    /** The current status. */
    public HealthStatus status() {
        return status;
    }

    /** Consecutive counted failures. */
    public int failures() {
        return failures;
    }

    /** Whether a probe has succeeded since the start. */
    public boolean everHealthy() {
        return everHealthy;
    }

    /** Records a probe's result at {@code at}; returns the new status when it changed. */
    public Optional<HealthStatus> record(boolean ok, Instant at) {
        HealthStatus before = status;
        if (ok) {
            failures = 0;
            everHealthy = true;
            status = HealthStatus.HEALTHY;
        } else if (everHealthy || !at.isBefore(graceEnds)) {
            failures++;
            if (failures >= retries) {
                status = HealthStatus.UNHEALTHY;
            }
        }
        return status == before ? Optional.empty() : Optional.of(status);
    }

    /** The delay before the next probe: at most a second until the first success, then the interval. */
    public static Duration nextDelay(HealthSpec spec, boolean everHealthy) {
        Duration quick = Duration.ofSeconds(1);
        return everHealthy || spec.interval().compareTo(quick) < 0 ? spec.interval() : quick;
    }
}
