package io.warden.api.route;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;
import io.warden.api.limit.Decision;
import io.warden.api.limit.RateClass;
import io.warden.api.limit.RateLimits;

/**
 * The {@code RateLimit-Limit}, {@code -Remaining} and {@code -Reset} headers of a decision. They
 * are on every response, so the values that repeat (the limit of a class, and small remaining and
 * reset counts) are built once as Helidon's pre-encoded headers instead of three strings and
 * header objects per request. Thread safe (a cache slot filled twice holds equal headers).
 */
final class RateLimitHeaders {

    private static final HeaderName LIMIT = HeaderNames.create("RateLimit-Limit");
    private static final HeaderName REMAINING = HeaderNames.create("RateLimit-Remaining");
    private static final HeaderName RESET = HeaderNames.create("RateLimit-Reset");

    /** Remaining and reset values below this are cached: the default buckets hold at most a few hundred. */
    private static final int CACHED_VALUES = 4_096;

    private final Header[] limits = new Header[RateClass.values().length];
    private final long[] capacities = new long[RateClass.values().length];
    private final Header[] remaining = new Header[CACHED_VALUES];
    private final Header[] reset = new Header[CACHED_VALUES];

    RateLimitHeaders(RateLimits rateLimits) {
        for (RateClass rateClass : RateClass.values()) {
            capacities[rateClass.ordinal()] = rateLimits.of(rateClass).capacity();
            limits[rateClass.ordinal()] = HeaderValues.createCached(LIMIT, capacities[rateClass.ordinal()]);
        }
    }

    /** Sets the three headers of {@code decision}, drawn from {@code rateClass}. */
    void write(ServerResponse response, RateClass rateClass, Decision decision) {
        int index = rateClass.ordinal();
        response.header(decision.limit() == capacities[index] ? limits[index]
                : HeaderValues.createCached(LIMIT, decision.limit()));
        response.header(cached(remaining, REMAINING, decision.remaining()));
        response.header(cached(reset, RESET, decision.resetSeconds()));
    }

    private static Header cached(Header[] cache, HeaderName name, long value) {
        if (value < 0 || value >= cache.length) {
            return HeaderValues.createCached(name, value);
        }
        Header header = cache[(int) value];
        if (header == null) {
            header = HeaderValues.createCached(name, value);
            cache[(int) value] = header;
        }
        return header;
    }
}
