package io.warden.alerts;

import io.warden.alerts.state.Instance;
import io.warden.alerts.state.PostedState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The states of posted alerts ({@link PostedAlert}), by fingerprint: firing from the first post,
 * resolved when resolved by hand or when their {@code endsAt} passed, dropped {@code keepResolved}
 * after. Each method returns the state changes it made, for {@link Alerts} to list, persist and
 * notify. Thread safe (one lock; nothing slow under it).
 */
final class PostedAlerts {

    /** A state change: the entry after it, and the state before. */
    record Change(PostedState after, AlertState from) {
    }

    private final Map<String, PostedState> entries = new LinkedHashMap<>(); // guarded by this

    PostedAlerts(List<PostedState> stored) {
        stored.forEach(entry -> entries.put(entry.instance().fingerprint(), entry));
    }

    /** Fires the alert (a new episode unless it fires already) or refreshes it; a change when it began firing. */
    synchronized Optional<Change> post(PostedAlert alert, Instant now) {
        String fingerprint = alert.fingerprint();
        PostedState prev = entries.get(fingerprint);
        boolean firing = prev != null && prev.instance().state() == AlertState.FIRING;
        Instant startsAt = firing ? prev.instance().startsAt() : now;
        Instance instance = new Instance(fingerprint, AlertState.FIRING, startsAt, now, null,
                alert.labels().get("severity"), alert.value(), "");
        PostedState next = new PostedState(alert.labels(), alert.annotations(), alert.endsAt(), instance);
        entries.put(fingerprint, next);
        return firing ? Optional.empty() : Optional.of(new Change(next, prev == null ? AlertState.INACTIVE
                : prev.instance().state()));
    }

    /** Resolves the firing alerts whose labels include every one of {@code matching}. */
    synchronized List<Change> resolve(Map<String, String> matching, Instant now) {
        List<Change> changes = new ArrayList<>();
        for (PostedState entry : List.copyOf(entries.values())) {
            if (entry.instance().state() == AlertState.FIRING
                    && entry.labels().entrySet().containsAll(matching.entrySet())) {
                changes.add(resolved(entry, now));
            }
        }
        return changes;
    }

    /** Resolves those whose deadline passed, and drops those resolved longer than {@code keepResolved} ago. */
    synchronized List<Change> expire(Instant now, Duration keepResolved) {
        List<Change> changes = new ArrayList<>();
        for (PostedState entry : List.copyOf(entries.values())) {
            Instance instance = entry.instance();
            if (instance.state() == AlertState.FIRING && entry.deadline() != null && !now.isBefore(entry.deadline())) {
                changes.add(resolved(entry, now));
            } else if (instance.state() == AlertState.RESOLVED
                    && instance.endsAt().plus(keepResolved).isBefore(now)) {
                entries.remove(instance.fingerprint());
                changes.add(new Change(new PostedState(entry.labels(), entry.annotations(), entry.deadline(),
                        Instance.inactive(instance.fingerprint())), AlertState.RESOLVED));
            }
        }
        return changes;
    }

    /** Every entry kept (firing and recently resolved), oldest post first. */
    synchronized List<PostedState> list() {
        return List.copyOf(entries.values());
    }

    private Change resolved(PostedState entry, Instant now) {
        Instance was = entry.instance();
        Instance instance = new Instance(was.fingerprint(), AlertState.RESOLVED, was.startsAt(), was.activeAt(), now,
                was.severity(), was.value(), "");
        PostedState next = new PostedState(entry.labels(), entry.annotations(), entry.deadline(), instance);
        entries.put(was.fingerprint(), next);
        return new Change(next, AlertState.FIRING);
    }

    /** The entry as listed and notified. */
    static Alert alert(PostedState entry, boolean silenced) {
        Instance instance = entry.instance();
        return new Alert(instance.fingerprint(), entry.labels().get("alertname"), instance.state(),
                instance.severity(), entry.labels(), entry.annotations(), instance.value(), instance.startsAt(),
                instance.endsAt(), silenced);
    }
}
