package io.warden.deploy.gate;

import io.warden.governance.GovernanceService;
import io.warden.governance.NotFoundException;
import io.warden.governance.approval.ApprovalProgress;
import io.warden.governance.assessment.Assessment;
import io.warden.governance.assessment.AssessmentFilter;
import io.warden.governance.assessment.Status;
import io.warden.governance.matrix.RiskLevel;
import io.warden.governance.policy.PolicyDecision;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a deploy may proceed under the governance policy. Without an assessment the
 * change is judged by its tags and environment alone (its level is unknown, so it is taken as
 * LOW); with one, by the assessment's level, tags and environment as well. A required assessment
 * must be approved and name the service; an assessment covers one deploy, so one already
 * deployed is refused. The policy is the governance's at the time of each decision, so a
 * {@code warden apply} that changes it applies to the next deploy. Thread safe (it only reads).
 */
public final class Gate {

    private final GovernanceService governance;

    public Gate(GovernanceService governance) {
        this.governance = governance;
    }

    /**
     * The decision for deploying {@code service} to {@code environment} with {@code tags}, under
     * {@code assessmentId} (null for none).
     */
    public GateDecision check(String service, String environment, List<String> tags, String assessmentId) {
        if (assessmentId == null || assessmentId.isBlank()) {
            return withoutAssessment(service, environment, tags);
        }
        Assessment assessment;
        try {
            assessment = governance.get(assessmentId);
        } catch (NotFoundException e) {
            return GateDecision.refuse(List.of(), assessmentId, List.of("assessment " + assessmentId),
                    "assessment " + assessmentId + " does not exist; list the approved ones with"
                            + " `warden assessment list --service " + service + " --status approved`");
        }
        Set<String> allTags = new LinkedHashSet<>(tags);
        allTags.addAll(assessment.content().tags());
        String env = environment == null || environment.isBlank() ? assessment.content().environment() : environment;
        PolicyDecision decision = governance.config().policy().evaluate(assessment.level(), allTags, env);
        List<String> rules = decision.reasons();
        if (!assessment.content().services().contains(service)) {
            return GateDecision.refuse(rules, assessmentId, List.of("service " + service + " in the assessment"),
                    "assessment " + assessmentId + " covers " + assessment.content().services() + ", not " + service
                            + "; deploy with an assessment that names " + service);
        }
        if (assessment.status() == Status.APPROVED) {
            return GateDecision.allow(rules, assessmentId, "assessment " + assessmentId + " is approved ("
                    + assessment.level() + ")");
        }
        if (assessment.status().ordinal() > Status.APPROVED.ordinal()) {
            return GateDecision.refuse(rules, assessmentId, List.of("an approved assessment not yet deployed"),
                    "assessment " + assessmentId + " is " + assessment.status().wire() + ": it covered an earlier"
                            + " deploy; file a new assessment for this change");
        }
        if (!decision.required()) {
            return GateDecision.allow(rules, assessmentId, "no policy rule requires an approved assessment (level "
                    + assessment.level() + "); assessment " + assessmentId + " is " + assessment.status().wire()
                    + ": its thresholds are watched, its lifecycle is not moved");
        }
        List<String> missing = new ArrayList<>();
        String fix;
        if (assessment.status() == Status.IN_REVIEW) {
            ApprovalProgress progress = governance.progress(assessmentId);
            progress.stillNeeded().forEach(need -> missing.add("approval by " + need));
            fix = "it is in review and still needs " + String.join(", ", progress.stillNeeded())
                    + "; ask them to run `warden assessment approve " + assessmentId + "`";
        } else {
            missing.add("an approved assessment (this one is " + assessment.status().wire() + ")");
            fix = "it is " + assessment.status().wire() + "; submit it with `warden assessment submit "
                    + assessmentId + "` and have it approved";
        }
        return GateDecision.refuse(rules, assessmentId, missing, "deploy of " + service + " refused by policy ("
                + String.join("; ", rules) + "): assessment " + assessmentId + " is not approved; " + fix);
    }

    private GateDecision withoutAssessment(String service, String environment, List<String> tags) {
        PolicyDecision decision = governance.config().policy().evaluate(RiskLevel.LOW, tags, environment);
        if (!decision.required()) {
            return GateDecision.allow(List.of(), null, "no policy rule requires an approved assessment for "
                    + service + (environment == null || environment.isBlank() ? "" : " in " + environment));
        }
        List<String> approved = governance.list(new AssessmentFilter(Status.APPROVED, null, service)).stream()
                .map(Assessment::id).toList();
        String fix = approved.isEmpty()
                ? "file an assessment naming service " + service + ", have it approved, then deploy with"
                        + " --assessment ID"
                : "approved assessments for " + service + ": " + String.join(", ", approved)
                        + "; deploy with --assessment " + approved.get(0);
        return GateDecision.refuse(decision.reasons(), approved.isEmpty() ? null : approved.get(0),
                List.of("an approved assessment naming " + service), "deploy of " + service
                        + " refused by policy (" + String.join("; ", decision.reasons())
                        + "): it needs an approved assessment; " + fix);
    }
}
