package io.warden.alerts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The state of one alert. {@code pending} waits for {@code for}; {@code firing}, {@code nodata}
 * and {@code error} are the three active states (they notify as firing, with the state in the
 * {@code alertstate} label); {@code resolved} stays listed for {@code keepResolved}.
 */
public enum AlertState {
    INACTIVE, PENDING, FIRING, NODATA, ERROR, RESOLVED;

    /** Whether receivers are told this alert fires. */
    public boolean active() {
        return this == FIRING || this == NODATA || this == ERROR;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
