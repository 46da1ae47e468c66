package io.warden.alerts.state;

import io.warden.alerts.AlertState;
import java.time.Instant;
import java.util.Objects;

/**
 * The state of one alert (one rule for one service), as kept and persisted.
 *
 * @param fingerprint the alert's identity, from its rule's labels
 * @param state       its state
 * @param startsAt    when the condition began (pending began), null while inactive
 * @param activeAt    the last evaluation at which the condition held, for {@code keepFiringFor}
 * @param endsAt      when it resolved, null unless resolved
 * @param severity    {@code critical} or {@code warning} while pending or active
 * @param value       the last value read, null for no data and errors
 * @param reason      why there was no value, empty otherwise
 */
public record Instance(String fingerprint, AlertState state, Instant startsAt, Instant activeAt, Instant endsAt,
                       String severity, Double value, String reason) {

    public Instance {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(state, "state");
        reason = Objects.requireNonNullElse(reason, "");
    }

    /** An alert that has never been active. */
    public static Instance inactive(String fingerprint) {
        return new Instance(fingerprint, AlertState.INACTIVE, null, null, null, null, null, "");
    }
}
