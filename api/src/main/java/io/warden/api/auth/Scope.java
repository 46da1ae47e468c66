package io.warden.api.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

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

    /** The name as written in warden.yaml and JSON. */
    @JsonValue
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the config name. */
    @JsonCreator
    static Scope parse(String text) {
        return Arrays.stream(values()).filter(scope -> scope.configName().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a scope: use read or admin"));
    }

    @Override
    public String toString() {
        return configName();
    }
}
