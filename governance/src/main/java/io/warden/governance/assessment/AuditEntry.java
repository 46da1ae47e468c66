package io.warden.governance.assessment;

import io.warden.governance.ValidationException;
import java.time.Instant;

/**
 * One line of the append-only audit log: who, in which role, when, did what to which assessment,
 * with the state before and after as JSON.
 *
 * @param assessmentId the assessment
 * @param seq          1, 2, 3... per assessment, in order; 0 for an entry not yet appended (the store
 *                     numbers it)
 * @param at           when
 * @param actor        who
 * @param role         the role(s) they acted in, comma separated
 * @param action       {@code created}, {@code updated}, {@code transition}, {@code approved}, {@code rejected},
 *                     {@code retrospective}
 * @param detail       a sentence for people
 * @param before       JSON of what changed, before ({@code null} for a creation)
 * @param after        JSON of what changed, after
 */
public record AuditEntry(String assessmentId, long seq, Instant at, String actor, String role, String action,
                         String detail, String before, String after) {

    /** An entry to append: the store gives it its sequence number. */
    public static AuditEntry pending(String assessmentId, java.time.Instant at, String actor, String role,
                                     String action, String detail, String before, String after) {
        return new AuditEntry(assessmentId, 0, at, actor, role, action, detail, before, after);
    }

    /** Validates the entry. */
    public AuditEntry {
        assessmentId = ValidationException.requireText("assessmentId", assessmentId);
        actor = ValidationException.requireText("actor", actor);
        role = ValidationException.optionalText(role);
        action = ValidationException.requireText("action", action);
        detail = ValidationException.optionalText(detail);
        if (at == null || seq < 0) {
            throw new ValidationException("seq", "audit entry " + seq + " at " + at + " needs seq >= 0 and an instant");
        }
    }
}
