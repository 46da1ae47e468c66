package io.warden.api.limit;

import io.warden.api.ComponentHealth;

/**
 * Where the token buckets live: in this process ({@link LocalBuckets}), or shared by every API
 * instance in Redis or PostgreSQL, so that two instances behind one load balancer limit a client
 * as one. Which bucket a request draws from (user, address, class) is decided above, by the
 * caller; a store only keeps buckets by that key. Implementations are thread safe.
 */
public interface BucketStore extends AutoCloseable {

    /**
     * Draws one token from the bucket of {@code client} in {@code rateClass}, shaped as {@code limit}
     * when it does not exist yet.
     *
     * @throws BucketStoreException when a shared store cannot be reached in time
     */
    Decision tryConsume(RateClass rateClass, String client, Limit limit);

    /** What the store is, for logs and {@code /health}: {@code local}, {@code redis://HOST:PORT}, {@code postgresql}. */
    String describe();

    /** Whether the store answers now, as {@code /health} reports it. */
    default ComponentHealth health() {
        return ComponentHealth.up(describe());
    }

    /** Drops buckets that expired; returns how many (shared stores expire keys themselves: 0). */
    default int evictIdle() {
        return 0;
    }

    @Override
    default void close() {
    }
}
