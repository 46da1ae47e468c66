package io.warden.api.limit;

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
}
