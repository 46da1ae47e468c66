package io.warden.alerts.silence;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The silences in force. Expired silences are dropped whenever the list is read. Thread safe:
 * the API adds and removes while the evaluation thread asks.
 */
public final class Silences {

    private final InstantSource clock;
    private final Map<String, Silence> byId = new ConcurrentHashMap<>();

    public Silences(InstantSource clock, Collection<Silence> restored) {
        this.clock = clock;
        restored.forEach(silence -> byId.put(silence.id(), silence));
        list();
    }

    /**
     * Adds a silence; a new id is assigned.
     *
     * @throws IllegalArgumentException if it has already ended
     */
    public Silence add(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
                       String comment) {
        Silence silence = new Silence(UUID.randomUUID().toString(), matchers,
                startsAt == null ? clock.instant() : startsAt, endsAt, createdBy, comment);
        if (silence.expired(clock.instant())) {
            throw new IllegalArgumentException("endsAt " + endsAt + " has passed; a silence must end in the future");
        }
        byId.put(silence.id(), silence);
        return silence;
    }

    /** Removes a silence; empty if there is none with this id (or it expired). */
    public Optional<Silence> remove(String id) {
        return Optional.ofNullable(byId.remove(id));
    }

    /** The silences that have not ended, active or scheduled, by start. */
    public List<Silence> list() {
        Instant now = clock.instant();
        byId.values().removeIf(silence -> silence.expired(now));
        return byId.values().stream().sorted(Comparator.comparing(Silence::startsAt).thenComparing(Silence::id))
                .toList();
    }

    /** Whether an alert with these labels is silenced at {@code now}. */
    public boolean silenced(Map<String, String> labels, Instant now) {
        for (Silence silence : byId.values()) {
            if (silence.silences(labels, now)) {
                return true;
            }
        }
        return false;
    }
}
