package io.warden.api.limit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** {@code rateLimits.fallback}: what a shared store's outage does to requests, until it is back. */
public enum StoreFallback {
    /** Local buckets at each limit divided by {@code rateLimits.agents}: the fleet as a whole stays near the limit. */
    LOCAL("local"),
    /** Every request is allowed: availability over protection. */
    FAIL_OPEN("fail-open"),
    /** Every request is refused with 429: protection over availability. */
    FAIL_CLOSED("fail-closed");

    private final String configName;

    StoreFallback(String configName) {
        this.configName = configName;
    }

    /** The name as written in warden.yaml. */
    @JsonValue
    public String configName() {
        return configName;
    }

    /** Parses the config name. */
    @JsonCreator
    public static StoreFallback parse(String text) {
        for (StoreFallback fallback : values()) {
            if (fallback.configName.equals(text)) {
                return fallback;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a fallback: use one of "
                + Arrays.stream(values()).map(StoreFallback::configName).toList());
    }

    @Override
    public String toString() {
        return configName;
    }
}
