package io.warden.governance;

import io.warden.governance.approval.Approver;
import io.warden.governance.assessment.Assessment;
import io.warden.governance.assessment.AssessmentContent;
import io.warden.governance.assessment.AuditEntry;
import io.warden.governance.assessment.Decision;
import io.warden.governance.assessment.Retrospective;
import io.warden.governance.assessment.Status;
import io.warden.governance.export.AssessmentCodec;
import io.warden.governance.matrix.Risk;
import io.warden.governance.matrix.RiskBands;
import io.warden.governance.matrix.RiskLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The pieces of one write: the next version of an assessment and the audit entries that explain it. */
final class Changes {

    /** One write: the assessment after it and what goes to the audit log. */
    record Mutation(Assessment updated, List<AuditEntry> audit) {
    }

    /** {@code {"status":"in_review"}}, the before and after of a transition, as the codec writes it. */
    private static final Map<Status, String> STATUS_JSON = statusJson();

    private static Map<Status, String> statusJson() {
        Map<Status, String> texts = new EnumMap<>(Status.class);
        for (Status status : Status.values()) {
            texts.put(status, "{\"status\":\"" + status.wire() + "\"}");
        }
        return texts;
    }

    private final RiskBands bands;
    private final AssessmentCodec codec;

    Changes(RiskBands bands, AssessmentCodec codec) {
        this.bands = bands;
        this.codec = codec;
    }

    /** The level the risks give; refuses a declared level that disagrees, naming {@code level}. */
    RiskLevel levelOf(AssessmentContent content) {
        RiskLevel computed = bands.overall(content.risks());
        if (content.level() != null && content.level() != computed) {
            String why = bands.highest(content.risks()).map(risk -> "the highest risk '" + risk.title() + "' scores "
                    + risk.likelihood() + " x " + risk.impact() + " = " + risk.score()).orElse("no risk is listed");
            throw new ValidationException("level", "level is " + content.level() + " but the risks give " + computed
                    + ": " + why + ", which is " + computed + " under the bands (" + bandsText() + "). Set level to "
                    + computed + ", leave it out (it is computed), or change the risks' likelihood or impact");
        }
        return computed;
    }

    String bandsText() {
        return "1-" + (bands.medium() - 1) + " LOW, " + bands.medium() + "-" + (bands.high() - 1) + " MEDIUM, "
                + bands.high() + "-" + (bands.critical() - 1) + " HIGH, " + bands.critical() + "-25 CRITICAL";
    }

    /** The next version of {@code current} with the given parts changed. */
    static Assessment next(Assessment current, AssessmentContent content, RiskLevel level, Status status, int round,
                           List<Decision> decisions, Retrospective retrospective, Instant now) {
        return new Assessment(current.id(), current.version() + 1, content.withLevel(level), level, status,
                current.author(), round, decisions, retrospective, current.createdAt(), now);
    }

    static Assessment withStatus(Assessment current, Status status, Instant now) {
        return next(current, current.content(), current.level(), status, current.round(), current.decisions(),
                current.retrospective(), now);
    }

    static List<Decision> plus(List<Decision> decisions, Decision decision) {
        List<Decision> all = new ArrayList<>(decisions);
        all.add(decision);
        return all;
    }

    AuditEntry entry(Assessment subject, Instant at, Approver actor, String role, String action, String detail,
                     Object before, Object after) {
        return AuditEntry.pending(subject.id(), at, actor.user(), role, action, detail,
                before == null ? null : codec.toCompactJson(before), after == null ? null : codec.toCompactJson(after));
    }

    AuditEntry transition(Assessment before, Assessment after, Approver actor, String role, String why) {
        return AuditEntry.pending(after.id(), after.updatedAt(), actor.user(), role, "transition",
                before.status().wire() + " -> " + after.status().wire() + (why.isEmpty() ? "" : ": " + why),
                STATUS_JSON.get(before.status()), STATUS_JSON.get(after.status()));
    }

    static String roles(Approver actor) {
        return String.join(",", actor.roles());
    }

    static String describe(Risk risk) {
        return risk.title() + " (" + risk.likelihood() + "x" + risk.impact() + ")";
    }
}
