package io.warden.alerts.silence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A silence: alerts whose labels match every matcher send nothing between {@code startsAt} and
 * {@code endsAt}; they still change state and are listed as silenced.
 *
 * @param id        assigned when added
 * @param matchers  at least one label matcher
 * @param startsAt  from when it applies
 * @param endsAt    until when; after it the silence is dropped
 * @param createdBy who asked
 * @param comment   why
 */
public record Silence(String id, List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
                      String comment) {

    public Silence {
        Objects.requireNonNull(id, "id");
        if (matchers == null || matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher, for example "
                    + "alertname=\"api-5xx\"");
        }
        matchers = List.copyOf(matchers);
        if (startsAt == null || endsAt == null) {
            throw new IllegalArgumentException("a silence needs startsAt and endsAt");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("endsAt (" + endsAt + ") must be after startsAt (" + startsAt + ")");
        }
        if (createdBy == null || createdBy.isBlank()) {
            throw new IllegalArgumentException("a silence needs createdBy: who silences");
        }
        comment = Objects.requireNonNullElse(comment, "");
    }

    /** Whether it silences an alert with these labels at {@code now}. */
    public boolean silences(Map<String, String> labels, Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt)
                && matchers.stream().allMatch(matcher -> matcher.matches(labels));
    }

    /** Whether it has ended at {@code now}. */
    public boolean expired(Instant now) {
        return !now.isBefore(endsAt);
    }
}
