package io.warden.api.limit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code api.rateLimits} in {@code warden.yaml}: one bucket per client and class. Defaults suit a
 * dashboard and a CLI on one host: reads 200 at once and 50/s, writes 20 at once and 2/s,
 * WebSocket connects 10 at once and 1/s, messages 50 at once and 10/s per connection, requests
 * without a token 20 at once and 5/s per address, {@code /health} 20 at once and 10/s per caller,
 * dashboard assets 100 at once and 20/s (a first load is about 15 files, a reload mostly 304s).
 *
 * @param read    GET routes
 * @param write   routes that change state
 * @param stream  WebSocket connects
 * @param message inbound WebSocket messages, per connection
 * @param anonymous requests without a valid token, per client address
 * @param health   {@code /health}, per caller
 * @param asset    the dashboard's page and static files
 * @param store    where the buckets live: {@code local} (default), {@code redis://HOST:PORT} (or
 *                 {@code rediss://}), or {@code postgresql} (the database of {@code storage.url})
 * @param fallback what an unreachable shared store does to requests (default {@code local})
 * @param agents   how many API instances share the store: during an outage each one's local
 *                 buckets get each limit divided by it (default 1)
 */
public record RateLimits(Limit read, Limit write, Limit stream, Limit message, Limit anonymous, Limit health,
                         Limit asset, String store, StoreFallback fallback, Integer agents) {

    public RateLimits {
        read = read == null ? Limit.of(200, 50, Duration.ofSeconds(1)) : read;
        write = write == null ? Limit.of(20, 2, Duration.ofSeconds(1)) : write;
        stream = stream == null ? Limit.of(10, 1, Duration.ofSeconds(1)) : stream;
        message = message == null ? Limit.of(50, 10, Duration.ofSeconds(1)) : message;
        anonymous = anonymous == null ? Limit.of(20, 5, Duration.ofSeconds(1)) : anonymous;
        health = health == null ? Limit.of(20, 10, Duration.ofSeconds(1)) : health;
        asset = asset == null ? Limit.of(100, 20, Duration.ofSeconds(1)) : asset;
        store = store == null || store.isBlank() ? "local" : store.strip();
        if (!store.equals("local") && !store.equals("postgresql") && !store.startsWith("redis://")
                && !store.startsWith("rediss://")) {
            throw new IllegalArgumentException("store must be local, postgresql or redis://HOST:PORT, was '"
                    + store.replaceAll("//[^@/]*@", "//***@") + "'");
        }
        fallback = fallback == null ? StoreFallback.LOCAL : fallback;
        agents = agents == null ? 1 : agents;
        if (agents < 1) {
            throw new IllegalArgumentException("agents must be at least 1, was " + agents);
        }
    }

    /** The defaults. */
    public static RateLimits defaults() {
        return new RateLimits(null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether the buckets live in Redis or PostgreSQL rather than in this process. */
    public boolean shared() {
        return !store.equals("local");
    }

    /** The limit of one class. */
    public Limit of(RateClass rateClass) {
        return switch (rateClass) {
            case READ -> read;
            case WRITE -> write;
            case STREAM -> stream;
            case MESSAGE -> message;
            case ANONYMOUS -> anonymous;
            case HEALTH -> health;
            case ASSET -> asset;
        };
    }

    Map<RateClass, Limit> asMap() {
        Map<RateClass, Limit> map = new EnumMap<>(RateClass.class);
        for (RateClass rateClass : RateClass.values()) {
            map.put(rateClass, of(rateClass));
        }
        return map;
    }
}
