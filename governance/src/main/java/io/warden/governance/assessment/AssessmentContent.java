package io.warden.governance.assessment;

import io.warden.governance.ValidationException;
import io.warden.governance.matrix.Risk;
import io.warden.governance.matrix.RiskLevel;
import java.util.List;
import java.util.Locale;

/**
 * An assessment as its author files it (from YAML, JSON or code): everything but the identity,
 * status, decisions and retrospective, which the lifecycle owns.
 *
 * @param title       one line naming the change
 * @param summary     the executive summary (the completeness gate requires it)
 * @param kind        planned or retrospective ({@code null} reads as planned)
 * @param services    the services the change touches
 * @param change      the change itself ({@code null} reads as not described)
 * @param tags        free tags; {@code security}, {@code breaking}, {@code schema}, {@code dependency-major}
 *                    matter to the policy (stored lower case)
 * @param environment where it is deployed ({@code production} matters to the policy; may be empty)
 * @param level       the level the author declares, or {@code null}; when present it must equal the
 *                    level the risks give, or the assessment is refused naming {@code level}
 * @param risks       the identified risks
 * @param testing     what was tested and what not
 * @param rollback    the rollback procedure, in order
 * @param monitoring  the monitoring thresholds
 * @param checklists  pre-deployment, deployment and post-deployment checklists
 * @param followUps   follow-up actions
 */
public record AssessmentContent(String title, String summary, Kind kind, List<String> services, Change change,
                                List<String> tags, String environment, RiskLevel level, List<Risk> risks,
                                Testing testing, List<RollbackStep> rollback, List<Threshold> monitoring,
                                Checklists checklists, List<FollowUp> followUps) {

    /** Validates and normalises every component; a refusal names the field. */
    public AssessmentContent {
        title = ValidationException.requireText("title", title);
        summary = ValidationException.optionalText(summary);
        kind = kind == null ? Kind.PLANNED : kind;
        services = ValidationException.texts("services", services);
        change = change == null ? Change.NONE : change;
        tags = ValidationException.texts("tags", tags).stream()
                .map(tag -> tag.toLowerCase(Locale.ROOT)).distinct().toList();
        environment = ValidationException.optionalText(environment).toLowerCase(Locale.ROOT);
        risks = ValidationException.items("risks", risks);
        testing = testing == null ? Testing.NONE : testing;
        rollback = ValidationException.items("rollback", rollback);
        monitoring = ValidationException.items("monitoring", monitoring);
        checklists = checklists == null ? Checklists.NONE : checklists;
        followUps = ValidationException.items("followUps", followUps);
    }

    /**
     * The same content with the declared level replaced (the stored copy carries the computed one);
     * this very instance when the level is already {@code newLevel}, so a write that keeps the content
     * keeps its instance (and its rendered JSON, see the codec).
     */
    public AssessmentContent withLevel(RiskLevel newLevel) {
        if (newLevel == level) {
            return this;
        }
        return new AssessmentContent(title, summary, kind, services, change, tags, environment, newLevel, risks,
                testing, rollback, monitoring, checklists, followUps);
    }
}
