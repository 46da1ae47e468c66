package io.warden.supervisor.health;

import io.warden.supervisor.spec.HealthSpec;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Probes one run of a service on its own virtual thread and reports every change of health
 * status. {@link #close()} stops it; a monitor is never restarted (a new run gets a new one).
 */
public final class HealthMonitor implements AutoCloseable {

    private final Thread thread;
    private volatile boolean closed;

    private HealthMonitor(HealthSpec spec, Probe probe, InstantSource clock,
                          BiConsumer<HealthStatus, Probe.Result> onChange) {
        this.thread = Thread.ofVirtual().name("warden-health").unstarted(() -> run(spec, probe, clock, onChange));
    }

    /**
     * Starts probing now.
     *
     * @param onChange called on the monitor's thread with the new status and the probe result
     */
    public static HealthMonitor start(HealthSpec spec, Probe probe, InstantSource clock,
                                      BiConsumer<HealthStatus, Probe.Result> onChange) {
        HealthMonitor monitor = new HealthMonitor(Objects.requireNonNull(spec), Objects.requireNonNull(probe),
                Objects.requireNonNull(clock), Objects.requireNonNull(onChange));
        monitor.thread.start();
        return monitor;
    }

    private void run(HealthSpec spec, Probe probe, InstantSource clock,
                     BiConsumer<HealthStatus, Probe.Result> onChange) {
        HealthTracker tracker = new HealthTracker(spec, clock.instant());
        try {
            while (!closed) {
                Duration delay = HealthTracker.nextDelay(spec, tracker.everHealthy());
                Thread.sleep(delay);
                if (closed) {
                    return;
                }
                Probe.Result result = probe.check(spec.timeout());
                if (closed) {
                    return;
                }
                tracker.record(result.ok(), clock.instant()).ifPresent(status -> onChange.accept(status, result));
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
