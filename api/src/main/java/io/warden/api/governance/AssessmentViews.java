package io.warden.api.governance;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.warden.governance.approval.ApprovalProgress;
import io.warden.governance.assessment.Assessment;
import io.warden.governance.assessment.AuditEntry;
import io.warden.governance.assessment.Kind;
import io.warden.governance.assessment.Status;
import io.warden.governance.matrix.RiskLevel;
import io.warden.governance.policy.PolicyDecision;
import java.time.Instant;
import java.util.List;

/** The shapes the assessment routes answer with, beyond the assessment itself. Immutable values. */
final class AssessmentViews {

    private AssessmentViews() {
    }

    /**
     * One line of a list: enough to choose an assessment without loading every risk and checklist.
     */
    record Summary(String id, String title, Kind kind, RiskLevel level, Status status, List<String> services,
                   String author, int round, Instant createdAt, Instant updatedAt) {

        static Summary of(Assessment a) {
            return new Summary(a.id(), a.content().title(), a.content().kind(), a.level(), a.status(),
                    a.content().services(), a.author(), a.round(), a.createdAt(), a.updatedAt());
        }
    }

    /**
     * {@code GET /api/v1/assessments/{id}}: the assessment, where its review round stands, and
     * whether the policy requires it to be approved before a deploy.
     */
    record Detail(Assessment assessment, ApprovalProgress approval, PolicyDecision policy) {
    }

    /**
     * An audit entry with its before and after states embedded as JSON (they are stored as JSON
     * text; embedding spares every client a second parse).
     */
    record AuditLine(long seq, Instant at, String actor, String role, String action, String detail,
                     @JsonRawValue String before, @JsonRawValue String after) {

        static AuditLine of(AuditEntry e) {
            return new AuditLine(e.seq(), e.at(), e.actor(), e.role(), e.action(), e.detail(), e.before(), e.after());
        }
    }
}
