package io.warden.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An alert raised from outside the rules (a deploy's warning breach, a rollback), the way a client
 * posts one to Alertmanager: its labels are its identity (the fingerprint leaves {@code severity}
 * out, so a changed severity is the same alert), its annotations say what was seen, and it fires
 * from its first post until it is resolved ({@link AlertPoster#resolve}) or {@code endsAt} passes.
 * Posting it again while it fires updates annotations, value and {@code endsAt}.
 *
 * @param labels      {@code alertname} and {@code severity} ({@code warning} or {@code critical}) required
 * @param annotations {@code summary} and whatever else tells what happened
 * @param value       the value seen, null for none
 * @param endsAt      when it resolves unless posted again; null: only when resolved
 */
public record PostedAlert(Map<String, String> labels, Map<String, String> annotations, Double value,
                          Instant endsAt) {

    public PostedAlert {
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(labels, "labels")));
        annotations = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(
                Objects.requireNonNullElse(annotations, Map.of())));
        String name = labels.get("alertname");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a posted alert needs an alertname label, had " + labels.keySet());
        }
        String severity = labels.get("severity");
        if (!"warning".equals(severity) && !"critical".equals(severity)) {
            throw new IllegalArgumentException("a posted alert's severity label must be warning or critical, was "
                    + severity);
        }
    }

    /** The alert's identity: every label but {@code severity}. */
    String fingerprint() {
        Map<String, String> identity = new TreeMap<>(labels);
        identity.remove("severity");
        return AlertIdentity.fingerprint(identity);
    }
}
