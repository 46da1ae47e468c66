package io.warden.governance.store;

import io.warden.governance.assessment.Assessment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last committed state of the assessments this process wrote most recently, so that the next
 * write of one (a submit after a create, an approval after a submit) need not read back what it just
 * wrote. Possibly stale when another process wrote the database in between: a write from it is
 * still checked against the stored version, and a conflict reads the database again. Bounded (least
 * recently used out), thread-safe.
 */
final class RecentAssessments {

    private final Map<String, Assessment> byId;

    RecentAssessments(int capacity) {
        this.byId = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Assessment> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<Assessment> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Records {@code committed} unless a later version of it is already recorded (commits may finish out of order). */
    synchronized void committed(Assessment committed) {
        byId.merge(committed.id(), committed, (held, fresh) -> fresh.version() > held.version() ? fresh : held);
    }

    /** Forgets {@code id}: a write of it failed, and whether the database holds it is not known here. */
    synchronized void forget(String id) {
        byId.remove(id);
    }
}
