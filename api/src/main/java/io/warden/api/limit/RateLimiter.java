package io.warden.api.limit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.warden.api.ComponentHealth;
import io.warden.os.HostClock;

/**
 * Token buckets per client key and {@link RateClass}. The caller decides the key (a user, an
 * address); the {@link BucketStore} underneath decides where the buckets live (this process, or
 * Redis or PostgreSQL shared by several API instances). A WebSocket connection's message bucket
 * is always local: it belongs to that one connection. Thread safe.
 */
public final class RateLimiter implements AutoCloseable {

    private volatile RateLimits limits;
    private final TimeMeter time;
    private final BucketStore store;

    /** Local buckets timed by the monotonic counter of the daemon's clock. */
    public RateLimiter(RateLimits limits, HostClock clock) {
        this(limits, monotonic(clock));
    }

    /** Local buckets; @param time the clock of the buckets and of idleness: a hand-advanced meter in tests */
    public RateLimiter(RateLimits limits, TimeMeter time) {
        this(limits, time, new LocalBuckets(time));
    }

    /**
     * @param time  the clock of the connections' message buckets
     * @param store where the clients' buckets live; closed with this limiter
     */
    public RateLimiter(RateLimits limits, TimeMeter time, BucketStore store) {
        this.limits = limits;
        this.time = time;
        this.store = store;
    }

    /** The daemon's monotonic clock as Bucket4j's time: a stepped wall clock neither drains nor fills a bucket. */
    public static TimeMeter monotonic(HostClock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.nanoTime();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
    }

    /** The limits in force. */
    public RateLimits limits() {
        return limits;
    }

    /**
     * Takes changed limits ({@code warden apply}): the next draw of every client, new or known,
     * is from a bucket of the new shape (full, as a shared store's new key would be). Where the
     * buckets live ({@code store}, {@code fallback}, {@code agents}) is read at start only: those
     * of {@code next} are ignored.
     */
    public void reload(RateLimits next) {
        RateLimits now = limits;
        limits = new RateLimits(next.read(), next.write(), next.stream(), next.message(), next.anonymous(),
                next.health(), next.asset(), now.store(), now.fallback(), now.agents());
    }

    /** Draws one token for {@code client} from the bucket of {@code rateClass}. */
    public Decision tryAcquire(String client, RateClass rateClass) {
        return store.tryConsume(rateClass, client, limits.of(rateClass));
    }

    /** A bucket for one WebSocket connection's inbound messages, not shared with anyone. */
    public Bucket newMessageBucket() {
        return Bucket.builder().addLimit(LocalBuckets.bandwidth(limits.of(RateClass.MESSAGE)))
                .withCustomTimePrecision(time).build();
    }

    /** Draws one token from a connection's own message bucket. */
    public Decision tryAcquire(Bucket bucket, RateClass rateClass) {
        return Decision.of(bucket.tryConsumeAndReturnRemaining(1), limits.of(rateClass).capacity());
    }

    /** Drops buckets that have been full long enough to be equal to new ones; returns how many. */
    public int evictIdle() {
        return store.evictIdle();
    }

    /** How many client buckets this process holds (local buckets only). */
    public int size() {
        return store instanceof LocalBuckets local ? local.size() : 0;
    }

    /** The store's state, for {@code /health}. */
    public ComponentHealth health() {
        return store.health();
    }

    @Override
    public void close() {
        store.close();
    }
}
