package io.warden.api.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.warden.os.HostClock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets per client key and {@link RateClass} (Bucket4j, in memory). Buckets of clients
 * that went quiet are dropped by {@link #evictIdle()}, so the map cannot grow without bound (a
 * known Bucket4j pitfall). Thread safe and lock free on the request path.
 */
public final class RateLimiter {

    private final RateLimits limits;
    private final TimeMeter time;
    /** Per class, buckets by client key: no key object is allocated on the request path. */
    private final Map<RateClass, Map<String, Entry>> buckets = new java.util.EnumMap<>(RateClass.class);

    private static final class Entry {
        final Bucket bucket;
        volatile long lastUsedNanos;

        Entry(Bucket bucket, long now) {
            this.bucket = bucket;
            this.lastUsedNanos = now;
        }
    }

    /** Buckets timed by the monotonic counter of the daemon's clock. */
    public RateLimiter(RateLimits limits, HostClock clock) {
        this(limits, new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.nanoTime();
            }

            @Override
            public boolean isWallClockBased() {
                return false; // monotonic: a stepped wall clock neither drains nor fills a bucket
            }
        });
    }

    /**
     * @param time the clock of the buckets and of idleness: a hand-advanced meter in tests
     */
    public RateLimiter(RateLimits limits, TimeMeter time) {
        this.limits = limits;
        this.time = time;
        for (RateClass rateClass : RateClass.values()) {
            buckets.put(rateClass, new ConcurrentHashMap<>());
        }
    }

    /** The limits in force. */
    public RateLimits limits() {
        return limits;
    }

    /** Draws one token for {@code client} from the bucket of {@code rateClass}. */
    public Decision tryAcquire(String client, RateClass rateClass) {
        long now = time.currentTimeNanos();
        Map<String, Entry> byClient = buckets.get(rateClass);
        Entry entry = byClient.get(client);
        if (entry == null) {
            entry = byClient.computeIfAbsent(client, key -> new Entry(newBucket(rateClass), now));
        }
        entry.lastUsedNanos = now;
        return decide(entry.bucket.tryConsumeAndReturnRemaining(1), limits.of(rateClass));
    }

    /** A bucket for one WebSocket connection's inbound messages, not shared with anyone. */
    public Bucket newMessageBucket() {
        return newBucket(RateClass.MESSAGE);
    }

    /** Draws one token from a connection's own message bucket. */
    public Decision tryAcquire(Bucket bucket, RateClass rateClass) {
        return decide(bucket.tryConsumeAndReturnRemaining(1), limits.of(rateClass));
    }

    /** Drops buckets that have been full long enough to be equal to new ones; returns how many. */
    public int evictIdle() {
        long now = time.currentTimeNanos();
        int before = size();
        buckets.forEach((rateClass, byClient) -> {
            long idle = refillAllNanos(rateClass);
            byClient.values().removeIf(entry -> now - entry.lastUsedNanos > idle);
        });
        return before - size();
    }

    /** How many client buckets exist now. */
    public int size() {
        return buckets.values().stream().mapToInt(Map::size).sum();
    }

    private long refillAllNanos(RateClass rateClass) {
        Limit limit = limits.of(rateClass);
        double periods = Math.ceil((double) limit.capacity() / limit.refill());
        return (long) (periods * limit.period().toNanos()) + TimeUnit.SECONDS.toNanos(1);
    }

    private Bucket newBucket(RateClass rateClass) {
        Limit limit = limits.of(rateClass);
        Bandwidth bandwidth = Bandwidth.builder()
                .capacity(limit.capacity())
                .refillGreedy(limit.refill(), limit.period())
                .build();
        return Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(time).build();
    }

    private static Decision decide(ConsumptionProbe probe, Limit limit) {
        long reset = ceilSeconds(probe.getNanosToWaitForReset());
        if (probe.isConsumed()) {
            return new Decision(true, limit.capacity(), probe.getRemainingTokens(), reset, 0);
        }
        return new Decision(false, limit.capacity(), 0, reset, Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())));
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
