package io.warden.api.route;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.warden.api.limit.RateClass;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Request counts and latencies by route and status, and rate-limit rejections by class, in the
 * Prometheus registry. Meters are cached, so recording costs a map lookup. Thread safe.
 */
public final class RequestMetrics {

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<RateClass, Counter> rejections = new ConcurrentHashMap<>();

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String route, int status, long nanos) {
        timers.computeIfAbsent(route + ' ' + status, key -> Timer.builder("warden.http.requests")
                        .description("API requests by route and status")
                        .tag("route", route).tag("status", Integer.toString(status))
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
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
