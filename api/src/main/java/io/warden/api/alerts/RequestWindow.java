package io.warden.api.alerts;

import io.warden.alerts.metric.Metric;
import io.warden.alerts.metric.MetricBoard;
import io.warden.alerts.metric.MetricSource;
import io.warden.alerts.metric.Reading;
import io.warden.api.route.RequestMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The API's own request metrics for the alert rules, over a sliding window
 * ({@code alerts.apiWindow}): the share of 5xx answers ({@code api.errorRatio}), of 429s
 * ({@code api.rateLimitedShare}) and the 99th percentile latency by route
 * ({@code api.latencyP99}). Recorded on the request path (a few atomic adds), computed once per
 * evaluation round into a {@link MetricBoard}. No request in the window is no data: the default
 * API rules treat that as fine.
 *
 * <p>Latency counts GET routes only, and not those that wait by design: a log follow, the
 * doctor's host scan, the stream's upgrade. Control calls (POST) wait for a service to start
 * or stop and are not timed either. A 503 of {@code /health} (a component is down) is no API error. Percentiles come from log buckets 10 % wide, so a p99 reads
 * at most 10 % high.
 *
 * <p>Thread safety: {@link #answered} from any thread; {@link #refresh} and {@link #read} on
 * the evaluation thread.
 */
public final class RequestWindow implements MetricSource, RequestMetrics.RequestObserver {

    private static final int SLOTS = 12;
    private static final int BUCKETS = 150;
    private static final double FIRST_BOUND_SECONDS = 0.0001;
    private static final double GROWTH = 1.1;
    /** Its 503 says a component is down, which other rules report: not an API error. */
    private static final String HEALTH = "GET /health";
    private static final Set<String> UNTIMED = Set.of("GET /api/v1/services/{name}/logs", "GET /api/v1/doctor",
            "GET /api/v1/stream");

    private static final class Slot {
        final long epoch;
        final LongAdder total = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder limited = new LongAdder();
        final Map<String, AtomicLongArray> latency = new ConcurrentHashMap<>();

        Slot(long epoch) {
            this.epoch = epoch;
        }
    }

    private final long slotNanos;
    private final LongSupplier nanoTime;
    private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SLOTS);
    private final MetricBoard board = new MetricBoard();
    private Set<String> timedRoutes = Set.of();

    /**
     * @param window   what the values are computed over; 12 slots of a twelfth each
     * @param nanoTime a monotonic counter (the daemon clock's)
     */
    public RequestWindow(Duration window, LongSupplier nanoTime) {
        this.slotNanos = Math.max(1, window.toNanos() / SLOTS);
        this.nanoTime = nanoTime;
    }

    @Override
    public void answered(String route, int status, long nanos) {
        Slot slot = current(nanoTime.getAsLong() / slotNanos);
        slot.total.increment();
        if (status >= 500 && !route.equals(HEALTH)) {
            slot.errors.increment();
        } else if (status == 429) {
            slot.limited.increment();
        }
        if (route.startsWith("GET ") && !UNTIMED.contains(route) && status != 429) {
            slot.latency.computeIfAbsent(route, r -> new AtomicLongArray(BUCKETS)).incrementAndGet(bucket(nanos));
        }
    }

    /** Computes the values over the window into the board. */
    @Override
    public void refresh() {
        long now = nanoTime.getAsLong() / slotNanos;
        long total = 0;
        long errors = 0;
        long limited = 0;
        Map<String, long[]> latency = new HashMap<>();
        for (int i = 0; i < SLOTS; i++) {
            Slot slot = slots.get(i);
            if (slot == null || slot.epoch <= now - SLOTS) {
                continue;
            }
            total += slot.total.sum();
            errors += slot.errors.sum();
            limited += slot.limited.sum();
            slot.latency.forEach((route, counts) -> {
                long[] sum = latency.computeIfAbsent(route, r -> new long[BUCKETS]);
                for (int b = 0; b < BUCKETS; b++) {
                    sum[b] += counts.get(b);
                }
            });
        }
        if (total == 0) {
            board.clear(Metric.API_ERROR_RATIO, null);
            board.clear(Metric.API_RATE_LIMITED_SHARE, null);
        } else {
            board.set(Metric.API_ERROR_RATIO, null, (double) errors / total);
            board.set(Metric.API_RATE_LIMITED_SHARE, null, (double) limited / total);
        }
        timedRoutes.stream().filter(route -> !latency.containsKey(route))
                .forEach(route -> board.clear(Metric.API_LATENCY_P99, route));
        latency.forEach((route, counts) -> board.set(Metric.API_LATENCY_P99, route, p99(counts)));
        timedRoutes = Set.copyOf(latency.keySet());
    }

    @Override
    public Reading read(Metric metric, String subject) {
        return metric.scope() == Metric.Scope.API ? board.read(metric, subject)
                : Reading.noData(metric + " is not an API metric");
    }

    private Slot current(long epoch) {
        int index = (int) Math.floorMod(epoch, (long) SLOTS);
        while (true) {
            Slot slot = slots.get(index);
            if (slot != null && slot.epoch >= epoch) {
                return slot;
            }
            Slot fresh = new Slot(epoch);
            if (slots.compareAndSet(index, slot, fresh)) {
                return fresh;
            }
        }
    }

    private static int bucket(long nanos) {
        double seconds = nanos / 1e9;
        if (seconds <= FIRST_BOUND_SECONDS) {
            return 0;
        }
        int index = (int) Math.ceil(Math.log(seconds / FIRST_BOUND_SECONDS) / Math.log(GROWTH));
        return Math.min(index, BUCKETS - 1);
    }

    /** The upper bound of the bucket that holds the 99th percentile, in seconds. */
    private static double p99(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        long rank = (long) Math.ceil(total * 0.99);
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return FIRST_BOUND_SECONDS * Math.pow(GROWTH, b);
            }
        }
        return FIRST_BOUND_SECONDS * Math.pow(GROWTH, BUCKETS - 1);
    }
}
