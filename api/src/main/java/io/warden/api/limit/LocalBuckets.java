package io.warden.api.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Buckets in this process's memory (Bucket4j). Buckets of clients that went quiet are dropped by
 * {@link #evictIdle()}, so the map cannot grow without bound (a known Bucket4j pitfall). Thread
 * safe and lock free on the request path; no key object is allocated there.
 */
public final class LocalBuckets implements BucketStore {

    private final TimeMeter time;
    private final Map<RateClass, Map<String, Entry>> buckets = new EnumMap<>(RateClass.class);

    private static final class Entry {
        final Bucket bucket;
        final Limit limit;
        volatile long lastUsedNanos;

        Entry(Bucket bucket, Limit limit, long now) {
            this.bucket = bucket;
            this.limit = limit;
            this.lastUsedNanos = now;
        }
    }

    /** @param time the clock of the buckets and of idleness: a hand-advanced meter in tests */
    public LocalBuckets(TimeMeter time) {
        this.time = time;
        for (RateClass rateClass : RateClass.values()) {
            buckets.put(rateClass, new ConcurrentHashMap<>());
        }
    }

    @Override
    public Decision tryConsume(RateClass rateClass, String client, Limit limit) {
        long now = time.currentTimeNanos();
        Map<String, Entry> byClient = buckets.get(rateClass);
        Entry entry = byClient.get(client);
        if (entry == null) {
            entry = byClient.computeIfAbsent(client, key -> new Entry(newBucket(limit), limit, now));
        } else if (entry.limit != limit && !entry.limit.equals(limit)) {
            // Another shape (a shared store's fallback divides the limits): a new bucket, as a shared store's key would be.
            entry = new Entry(newBucket(limit), limit, now);
            byClient.put(client, entry);
        }
        entry.lastUsedNanos = now;
        return Decision.of(entry.bucket.tryConsumeAndReturnRemaining(1), entry.limit.capacity());
    }

    @Override
    public String describe() {
        return "local";
    }

    /** Drops buckets that have been full long enough to be equal to new ones; returns how many. */
    @Override
    public int evictIdle() {
        long now = time.currentTimeNanos();
        int before = size();
        buckets.values().forEach(byClient -> byClient.values().removeIf(
                entry -> now - entry.lastUsedNanos > refillAllNanos(entry.limit)));
        return before - size();
    }

    /** How many client buckets exist now. */
    int size() {
        return buckets.values().stream().mapToInt(Map::size).sum();
    }

    Bucket newBucket(Limit limit) {
        return Bucket.builder().addLimit(bandwidth(limit)).withCustomTimePrecision(time).build();
    }

    /** How long an unused bucket of {@code limit} takes to be full again, plus a second. */
    static long refillAllNanos(Limit limit) {
        double periods = Math.ceil((double) limit.capacity() / limit.refill());
        return (long) (periods * limit.period().toNanos()) + TimeUnit.SECONDS.toNanos(1);
    }

    static Bandwidth bandwidth(Limit limit) {
        return Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.refill(), limit.period()).build();
    }

    /** The same bucket, for the shared stores. */
    static BucketConfiguration configuration(Limit limit) {
        return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
    }
}
