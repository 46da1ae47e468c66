package io.warden.api.limit;

/**
 * Which bucket a request draws from. A request with a valid token draws from its user's bucket of
 * the route's class ({@link #READ}, {@link #WRITE}, {@link #STREAM}); one without draws from its
 * address's {@link #ANONYMOUS} bucket, so a tokenless flood cannot empty a user's buckets; and
 * {@code /health} always draws from its caller's {@link #HEALTH} bucket.
 */
public enum RateClass {
    /** GET routes: state, metrics, history, logs. */
    READ,
    /** Routes that change something: start, stop, approve. */
    WRITE,
    /** WebSocket connects; messages on an open socket draw from {@link #MESSAGE}. */
    STREAM,
    /** Inbound WebSocket messages, per connection. */
    MESSAGE,
    /** Every request without a valid token (except {@code /health} and dashboard files), per client address. */
    ANONYMOUS,
    /** {@code GET /health}, per user or, without a token, per address. */
    HEALTH,
    /** The dashboard's page and static files: public, so limited apart from the API's buckets. */
    ASSET
}
