package io.warden.api.auth;

/** What a route needs from its caller, and what a token grants. Ordered: each includes the ones before. */
public enum Scope {
    /** No token needed (only where the config allows, e.g. {@code /health}). */
    PUBLIC,
    /** Read state, metrics, logs, events. */
    READ,
    /** Also change things: start, stop, restart, approve. */
    ADMIN;

    /** Whether a caller holding this scope may use a route that requires {@code required}. */
    public boolean covers(Scope required) {
        return ordinal() >= required.ordinal();
    }
}
