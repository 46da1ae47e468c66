package io.warden.supervisor.health;

import io.warden.os.HostClock;
import io.warden.supervisor.spec.HealthSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Probes one run of a service on its own virtual thread, reports every change of health status
 * and offers every result from the run's first success on, timed, to a {@link ProbeListener}. {@link #close()} stops it; a monitor
 * is never restarted (a new run gets a new one).
 */
public final class HealthMonitor implements AutoCloseable {

    private final Thread thread;
    private volatile boolean closed;

    private final String service;
    private final ProbeListener listener;

    private HealthMonitor(String service, HealthSpec spec, Probe probe, HostClock clock,
                          BiConsumer<HealthStatus, Probe.Result> onChange, ProbeListener listener) {
        this.service = service;
        this.listener = listener;
        // A platform thread: a virtual one's wake-ups wait for a carrier, and an API flood keeps
        // the carriers busy for seconds, which would delay the probes and time them out.
        this.thread = Thread.ofPlatform().daemon().name("warden-health-" + service)
                .unstarted(() -> run(spec, probe, clock, onChange));
    }

    /**
     * Starts probing {@code service} now.
     *
     * @param onChange called on the monitor's thread with the new status and the probe result
     * @param listener told every result with its latency, on the monitor's thread
     */
    public static HealthMonitor start(String service, HealthSpec spec, Probe probe, HostClock clock,
                                      BiConsumer<HealthStatus, Probe.Result> onChange, ProbeListener listener) {
        HealthMonitor monitor = new HealthMonitor(Objects.requireNonNull(service), Objects.requireNonNull(spec),
                Objects.requireNonNull(probe), Objects.requireNonNull(clock), Objects.requireNonNull(onChange),
                Objects.requireNonNull(listener));
        monitor.thread.start();
        return monitor;
    }

    private void run(HealthSpec spec, Probe probe, HostClock clock,
                     BiConsumer<HealthStatus, Probe.Result> onChange) {
        HealthTracker tracker = new HealthTracker(spec, clock.instant());
        try {
            while (!closed) {
                Duration delay = HealthTracker.nextDelay(spec, tracker.everHealthy());
                Thread.sleep(delay);
                if (closed) {
                    return;
                }
                long begun = clock.nanoTime();
                Probe.Result result = probe.check(spec.timeout());
                long took = clock.nanoTime() - begun;
                if (closed) {
                    return;
                }
                Instant at = clock.instant();
                // A failure before the run's first success is a service still starting, not a
                // failing one: counting it would raise probe alerts on every slow start.
                if (listener != ProbeListener.NONE && (result.ok() || tracker.everHealthy())) {
                    listener.probed(service, result.ok(), Duration.ofNanos(took), at);
                }
                tracker.record(result.ok(), at).ifPresent(status -> onChange.accept(status, result));
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
