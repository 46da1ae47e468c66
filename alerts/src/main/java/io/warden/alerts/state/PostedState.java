package io.warden.alerts.state;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A posted alert as kept and persisted: what was posted and its state.
 *
 * @param labels      its labels, {@code severity} included
 * @param annotations its annotations as last posted
 * @param deadline    when it resolves unless posted again, null for never
 * @param instance    its state; {@code value} is the value posted
 */
public record PostedState(Map<String, String> labels, Map<String, String> annotations, Instant deadline,
                          Instance instance) {

    public PostedState {
        labels = Map.copyOf(new TreeMap<>(Objects.requireNonNull(labels, "labels")));
        annotations = Map.copyOf(new TreeMap<>(Objects.requireNonNullElse(annotations, Map.of())));
        Objects.requireNonNull(instance, "instance");
    }
}
