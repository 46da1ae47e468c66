package io.warden.governance.assessment;

import io.warden.governance.IncompleteAssessmentException;
import io.warden.governance.matrix.RiskLevel;
import java.util.ArrayList;
import java.util.List;

/**
 * What an assessment must hold before review, by level (the seed's "completeness" quality gate).
 * Every level: summary, services, risks and at least one rollback step. MEDIUM adds testing notes
 * and monitoring thresholds. HIGH and CRITICAL add a command and an expected duration on every
 * rollback step, warning and critical values on every threshold, and all three checklists.
 */
public final class CompletenessGate {

    /** One missing item: the field and the rule that wants it. */
    public record Missing(String field, String rule) {
        @Override
        public String toString() {
            return field + " (" + rule + ")";
        }
    }

    private CompletenessGate() {
    }

    /** Every item {@code content} lacks for review at {@code level}, in the template's order. */
    static List<Missing> missing(AssessmentContent content, RiskLevel level) {
        List<Missing> missing = new ArrayList<>();
        if (content.summary().isEmpty()) {
            missing.add(new Missing("summary", "every assessment needs an executive summary"));
        }
        if (content.services().isEmpty()) {
            missing.add(new Missing("services", "name at least one service the change touches"));
        }
        if (content.risks().isEmpty()) {
            missing.add(new Missing("risks", "list at least one risk with likelihood and impact"));
        }
        boolean medium = level.atLeast(RiskLevel.MEDIUM);
        boolean high = level.atLeast(RiskLevel.HIGH);
        if (medium && content.testing().done().isEmpty()) {
            missing.add(new Missing("testing.done", level + " needs testing notes: what was tested"));
        }
        if (content.rollback().isEmpty()) {
            missing.add(new Missing("rollback", "every assessment needs rollback steps"));
        }
        for (int i = 0; high && i < content.rollback().size(); i++) {
            RollbackStep step = content.rollback().get(i);
            if (!step.hasCommand()) {
                missing.add(new Missing("rollback[" + i + "].command", level + " needs the exact command of every rollback step"));
            }
            if (step.expectedDuration() == null) {
                missing.add(new Missing("rollback[" + i + "].expectedDuration", level + " needs the expected duration of every rollback step"));
            }
        }
        if (medium && content.monitoring().isEmpty()) {
            missing.add(new Missing("monitoring", level + " needs monitoring thresholds"));
        }
        for (int i = 0; high && i < content.monitoring().size(); i++) {
            Threshold threshold = content.monitoring().get(i);
            if (threshold.warning().isEmpty()) {
                missing.add(new Missing("monitoring[" + i + "].warning", level + " needs a warning value on every threshold"));
            }
            if (threshold.critical().isEmpty()) {
                missing.add(new Missing("monitoring[" + i + "].critical", level + " needs a critical value on every threshold"));
            }
        }
        if (high) {
            Checklists lists = content.checklists();
            if (lists.pre().isEmpty()) {
                missing.add(new Missing("checklists.pre", level + " needs a pre-deployment checklist"));
            }
            if (lists.deployment().isEmpty()) {
                missing.add(new Missing("checklists.deployment", level + " needs a deployment checklist"));
            }
            if (lists.post().isEmpty()) {
                missing.add(new Missing("checklists.post", level + " needs a post-deployment checklist"));
            }
        }
        return List.copyOf(missing);
    }

    /** Refuses review while anything is missing, listing every missing item. */
    public static void check(String id, AssessmentContent content, RiskLevel level) {
        List<Missing> missing = missing(content, level);
        if (!missing.isEmpty()) {
            StringBuilder message = new StringBuilder("assessment ").append(id).append(" (").append(level)
                    .append(") cannot go to review: ").append(missing.size()).append(" item(s) missing: ");
            message.append(String.join("; ", missing.stream().map(Missing::toString).toList()));
            message.append(". Fill them in with an update, then submit again");
            throw new IncompleteAssessmentException(message.toString(),
                    missing.stream().map(Missing::field).toList());
        }
    }
}
