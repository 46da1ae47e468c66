package io.warden.api.limit;

import io.github.bucket4j.TimeMeter;
import io.warden.os.HostClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Opens the {@link BucketStore} that {@code rateLimits.store} names; what the shared stores have in common. */
public final class SharedBuckets {

    /** The longest a draw may wait on a shared store before its fallback answers. */
    static final Duration TIMEOUT = Duration.ofMillis(500);

    private SharedBuckets() {
    }

    /**
     * The store of {@code settings}: local buckets, or Redis or PostgreSQL buckets behind the
     * configured fallback. Nothing is connected yet: an unreachable store starts in its fallback.
     *
     * @param storageUrl {@code storage.url} (for {@code store: postgresql}), or null
     * @throws IllegalArgumentException when {@code store: postgresql} has no PostgreSQL {@code storage.url}
     */
    public static BucketStore open(RateLimits settings, String storageUrl, HostClock clock) {
        TimeMeter monotonic = RateLimiter.monotonic(clock);
        if (!settings.shared()) {
            return new LocalBuckets(monotonic);
        }
        BucketStore shared;
        if (settings.store().equals("postgresql")) {
            if (storageUrl == null || !storageUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("rateLimits.store: postgresql keeps the buckets in the database of "
                        + "storage.url, which must then be jdbc:postgresql://HOST:PORT/DB?user=...; it is "
                        + (storageUrl == null ? "not set (SQLite)" : storageUrl.replaceAll("(?i)(password=)[^&;]*", "$1***")));
            }
            shared = new PostgresBuckets(storageUrl, wallClock(clock));
        } else {
            shared = new RedisBuckets(settings.store(), wallClock(clock));
        }
        return new FallbackBuckets(shared, new LocalBuckets(monotonic), settings.fallback(), settings.agents(), clock);
    }

    /**
     * The shared buckets' time: wall clock, since every API instance reads and writes the same
     * bucket state (their monotonic counters have nothing in common). Keep the hosts on NTP.
     */
    static TimeMeter wallClock(HostClock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /**
     * A client's bucket key: {@code warden:rl:CLASS:SHAPE:CLIENT}. The shape (capacity, refill,
     * period) is in the key, so a changed limit reaches every client at once instead of when its
     * old bucket expires.
     */
    static String key(RateClass rateClass, String client, Limit limit) {
        return "warden:rl:" + rateClass.name().toLowerCase(Locale.ROOT) + ":" + limit.capacity() + "-" + limit.refill()
                + "-" + limit.period().toMillis() + ":" + client;
    }

    /** The innermost message of a failure: what a user can act on ("Connection refused"). */
    static String reason(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.strip();
    }
}
