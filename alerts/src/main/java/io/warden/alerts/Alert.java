package io.warden.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One alert as listed ({@code GET /api/v1/alerts}, {@code warden alerts}) and notified.
 *
 * @param fingerprint 16 hex digits identifying the alert (rule name, service, rule labels)
 * @param name        the rule's name, the {@code alertname} label
 * @param state       pending, firing, nodata, error or resolved
 * @param severity    {@code critical} or {@code warning}; null while inactive
 * @param labels      alertname, service (if any), route (if any), the rule's labels and severity
 * @param annotations {@code summary}, and {@code reason} when there was no value
 * @param value       the last value read, null for no data and errors
 * @param startsAt    when the condition began
 * @param endsAt      when it resolved, null unless resolved
 * @param silenced    whether a silence matches it now (it then sends nothing)
 */
public record Alert(String fingerprint, String name, AlertState state, String severity, Map<String, String> labels,
                    Map<String, String> annotations, Double value, Instant startsAt, Instant endsAt,
                    boolean silenced) {

    public Alert {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(state, "state");
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        annotations = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    }
}
