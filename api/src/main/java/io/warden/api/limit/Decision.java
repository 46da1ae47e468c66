package io.warden.api.limit;

import io.github.bucket4j.ConsumptionProbe;

/**
 * The outcome of drawing one token, with what the rate-limit headers report.
 *
 * @param allowed         whether the request may proceed
 * @param limit           the bucket's capacity ({@code RateLimit-Limit})
 * @param remaining       tokens left after this request ({@code RateLimit-Remaining})
 * @param resetSeconds    seconds until the bucket is full again ({@code RateLimit-Reset})
 * @param retryAfterSeconds when refused, seconds until one token is back ({@code Retry-After}); 0 when allowed
 */
public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    /** The decision of a Bucket4j draw from a bucket of {@code capacity}. */
    static Decision of(ConsumptionProbe probe, long capacity) {
        long reset = ceilSeconds(probe.getNanosToWaitForReset());
        if (probe.isConsumed()) {
            return new Decision(true, capacity, probe.getRemainingTokens(), reset, 0);
        }
        return new Decision(false, capacity, 0, reset, Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())));
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
