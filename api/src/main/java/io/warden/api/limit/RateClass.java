package io.warden.api.limit;

/** Which bucket a route draws from: every route has exactly one. */
public enum RateClass {
    /** GET routes: state, metrics, history, logs. */
    READ,
    /** Routes that change something: start, stop, approve. */
    WRITE,
    /** WebSocket connects; messages on an open socket draw from {@link #MESSAGE}. */
    STREAM,
    /** Inbound WebSocket messages, per connection. */
    MESSAGE,
    /** The dashboard's page and static files: public, so limited apart from the API's buckets. */
    ASSET
}
