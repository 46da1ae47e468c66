package io.warden.api.route;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.warden.api.limit.RateClass;
import io.warden.os.HostClock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Request counts and latencies by route and status, and rate-limit rejections by class, in the
 * Prometheus registry. Meters are cached, so recording costs a map lookup. Thread safe.
 */
public final class RequestMetrics {

    private final MeterRegistry registry;
    private final HostClock clock;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<RateClass, Counter> rejections = new ConcurrentHashMap<>();
    private final Counter disconnects;
    private volatile RequestObserver observer;

    /** Something told of every answered request after the timers (the alerts' request window). */
    @FunctionalInterface
    public interface RequestObserver {
        /** @param route {@code METHOD /path} as declared, or {@code unmatched}; must not block */
        void answered(String route, int status, long nanos);
    }

    /** @param clock what request durations are measured with (its monotonic counter) */
    public RequestMetrics(MeterRegistry registry, HostClock clock) {
        this.registry = registry;
        this.clock = clock;
        this.disconnects = Counter.builder("warden.http.client.disconnects")
                .description("Requests the client hung up on before they were complete (mid-headers or mid-body)")
                .register(registry);
    }

    /** Counts a client that closed its connection mid-request. */
    public void clientDisconnected() {
        disconnects.increment();
    }

    /** Tells {@code next} of every request answered from now on (one observer; replaces the last). */
    public void observe(RequestObserver next) {
        this.observer = next;
    }

    /** The monotonic counter request durations are measured with, in nanoseconds. */
    long nanoTime() {
        return clock.nanoTime();
    }

    /** The timers of one route, by status: found with an array read on the request path. */
    final class RouteTimers {
        private final String route;
        private final Timer[] byStatus = new Timer[600];

        private RouteTimers(String route) {
            this.route = route;
        }

        void record(int status, long nanos) {
            int index = status >= 0 && status < byStatus.length ? status : 0;
            Timer timer = byStatus[index];
            if (timer == null) {
                // Registering is idempotent in the registry, so a race here only repeats a lookup.
                timer = timers.computeIfAbsent(route + ' ' + status, key -> Timer.builder("warden.http.requests")
                        .description("API requests by route and status")
                        .tag("route", route).tag("status", Integer.toString(status))
                        .register(registry));
                byStatus[index] = timer;
            }
            timer.record(nanos, TimeUnit.NANOSECONDS);
            RequestObserver watching = observer;
            if (watching != null) {
                watching.answered(route, status, nanos);
            }
        }
    }

    /** The timers of a route, created once when the route is wired. */
    RouteTimers forRoute(String route) {
        return new RouteTimers(route);
    }

    void rejected(RateClass rateClass) {
        rejections.computeIfAbsent(rateClass, c -> Counter.builder("warden.ratelimit.rejections")
                        .description("Requests refused with 429, by rate class")
                        .tag("class", c.name().toLowerCase(java.util.Locale.ROOT))
                        .register(registry))
                .increment();
    }

    /** Counts a rejected WebSocket connect or message. */
    public void rejectedStream(RateClass rateClass) {
        rejected(rateClass);
    }
}
