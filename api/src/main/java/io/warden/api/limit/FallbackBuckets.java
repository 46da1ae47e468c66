package io.warden.api.limit;

import io.warden.api.ComponentHealth;
import io.warden.os.HostClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shared store with a way out: when a draw fails (the store refused or did not answer within
 * {@link SharedBuckets#TIMEOUT}), that request and the following ones are decided by the
 * {@link StoreFallback}: local buckets at each limit divided by the number of agents, every request
 * allowed, or every request refused. While the store is down, one request every
 * {@link #RETRY_NANOS} (and every {@code /health}) tries it again; the first success brings the
 * shared buckets back. Thread safe: the state is two volatile fields, set by whichever request
 * saw the change.
 */
final class FallbackBuckets implements BucketStore {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackBuckets.class);
    /** How often a request tries a store that is down again. */
    static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final BucketStore shared;
    private final LocalBuckets local;
    private final StoreFallback fallback;
    private final int agents;
    private final HostClock clock;
    private final Map<Limit, Limit> divided = new ConcurrentHashMap<>();

    /** Null while the shared store works. */
    private volatile Outage outage;

    private record Outage(Instant since, String reason, long nextTryNanos) {
    }

    FallbackBuckets(BucketStore shared, LocalBuckets local, StoreFallback fallback, int agents, HostClock clock) {
        this.shared = shared;
        this.local = local;
        this.fallback = fallback;
        this.agents = agents;
        this.clock = clock;
    }

    @Override
    public Decision tryConsume(RateClass rateClass, String client, Limit limit) {
        Outage current = outage;
        if (current == null || clock.nanoTime() - current.nextTryNanos() >= 0) {
            try {
                Decision decision = shared.tryConsume(rateClass, client, limit);
                if (current != null) {
                    recovered(current);
                }
                return decision;
            } catch (BucketStoreException e) {
                failed(current, e.getMessage());
            }
        }
        return switch (fallback) {
            case LOCAL -> local.tryConsume(rateClass, client, divided.computeIfAbsent(limit, this::divide));
            case FAIL_OPEN -> new Decision(true, limit.capacity(), limit.capacity(), 0, 0);
            case FAIL_CLOSED -> new Decision(false, limit.capacity(), 0, 1, 1);
        };
    }

    @Override
    public String describe() {
        return shared.describe();
    }

    /** Down, with since when, why and what answers instead, while the store is down; asks the store each time. */
    @Override
    public ComponentHealth health() {
        Outage current = outage;
        ComponentHealth health = shared.health();
        if (health.up()) {
            if (current != null) {
                recovered(current);
            }
            return health;
        }
        failed(current, health.detail());
        Outage now = outage;
        return ComponentHealth.down(now.reason() + " (since " + TIME.format(now.since()) + " UTC); " + answer());
    }

    @Override
    public int evictIdle() {
        return local.evictIdle() + shared.evictIdle();
    }

    @Override
    public void close() {
        shared.close();
    }

    /** What decides while the store is down, in words. */
    private String answer() {
        return switch (fallback) {
            case LOCAL -> "local buckets at " + (agents == 1 ? "each full limit" : "1/" + agents + " of each limit")
                    + " (rateLimits.fallback: local)";
            case FAIL_OPEN -> "every request allowed (rateLimits.fallback: fail-open)";
            case FAIL_CLOSED -> "every request refused (rateLimits.fallback: fail-closed)";
        };
    }

    private void failed(Outage current, String reason) {
        long next = clock.nanoTime() + RETRY_NANOS;
        if (current == null) {
            outage = new Outage(clock.instant(), reason, next);
            LOG.warn("rate limits: {} unreachable ({}); {} until it is back", shared.describe(), reason, answer());
        } else {
            outage = new Outage(current.since(), reason, next);
        }
    }

    private void recovered(Outage current) {
        if (outage == current) {
            outage = null;
            LOG.info("rate limits: {} is back after {} ms; shared buckets again", shared.describe(),
                    clock.instant().toEpochMilli() - current.since().toEpochMilli());
        }
    }

    private Limit divide(Limit limit) {
        return Limit.of(Math.max(1, limit.capacity() / agents), Math.max(1, limit.refill() / agents), limit.period());
    }
}
