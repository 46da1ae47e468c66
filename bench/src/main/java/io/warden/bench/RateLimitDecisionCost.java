package io.warden.bench;

import io.warden.api.limit.BucketStore;
import io.warden.api.limit.Limit;
import io.warden.api.limit.RateClass;
import io.warden.api.limit.RateLimits;
import io.warden.api.limit.SharedBuckets;
import io.warden.api.limit.StoreFallback;
import io.warden.os.HostClock;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * The latency of one rate-limit decision (draw a token, as the API does per request) on each
 * store: in memory, Redis, PostgreSQL. One thread, sequential, over 1,000 client keys, after a
 * warm-up; the bucket never runs dry, so every decision is a full round trip of the store.
 *
 * <p>Usage: {@code RateLimitDecisionCost STORE JDBC_URL DECISIONS} with STORE {@code local},
 * {@code redis://HOST:PORT} or {@code postgresql} (JDBC_URL is its {@code storage.url}).
 */
public final class RateLimitDecisionCost {

    private RateLimitDecisionCost() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: RateLimitDecisionCost local|redis://HOST:PORT|postgresql JDBC_URL DECISIONS");
            System.exit(2);
        }
        int decisions = Integer.parseInt(args[2]);
        Limit plenty = Limit.of(1_000_000_000L, 1_000_000_000L, Duration.ofSeconds(1));
        RateLimits settings = new RateLimits(plenty, null, null, null, null, null, null, args[0],
                StoreFallback.FAIL_CLOSED, 1);
        String run = Long.toHexString(System.nanoTime());
        try (BucketStore store = SharedBuckets.open(settings, args[1], HostClock.system())) {
            // The pools connect in the background: the measurement starts once the store answers.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!store.health().up() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            measure(store, plenty, run + "-warm", Math.max(1_000, decisions / 5));
            Histogram latency = measure(store, plenty, run, decisions);
            System.out.printf("%s: %,d decisions, median %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs%n",
                    store.describe(), latency.getTotalCount(), micros(latency.getValueAtPercentile(50)),
                    micros(latency.getValueAtPercentile(99)), micros(latency.getValueAtPercentile(99.9)),
                    micros(latency.getMaxValue()));
        }
    }

    private static Histogram measure(BucketStore store, Limit limit, String run, int decisions) {
        Histogram latency = new Histogram(3);
        for (int i = 0; i < decisions; i++) {
            String client = "bench-" + run + "-" + (i % 1_000);
            long start = System.nanoTime();
            boolean allowed = store.tryConsume(RateClass.READ, client, limit).allowed();
            latency.recordValue(System.nanoTime() - start);
            if (!allowed) {
                throw new IllegalStateException("decision " + i + " refused: " + store.health().detail());
            }
        }
        return latency;
    }

    private static double micros(long nanos) {
        return nanos / 1e3;
    }
}
