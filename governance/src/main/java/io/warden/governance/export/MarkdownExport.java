package io.warden.governance.export;

import io.warden.config.Durations;
import io.warden.governance.approval.ApprovalMatrix;
import io.warden.governance.approval.ApprovalProgress;
import io.warden.governance.assessment.Assessment;
import io.warden.governance.assessment.AssessmentContent;
import io.warden.governance.assessment.Checklists;
import io.warden.governance.assessment.Decision;
import io.warden.governance.assessment.FollowUp;
import io.warden.governance.assessment.Retrospective;
import io.warden.governance.assessment.RollbackStep;
import io.warden.governance.assessment.Threshold;
import io.warden.governance.matrix.Risk;
import io.warden.governance.matrix.RiskBands;
import io.warden.governance.matrix.RiskCategory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Renders an assessment as Markdown in the seed template's sections: executive summary, change,
 * risks by category with scores, testing, rollback with commands, monitoring table, checklists,
 * approvals, follow-ups, retrospective. Thread-safe.
 */
public final class MarkdownExport {

    private final RiskBands bands;
    private final ApprovalMatrix approvals;

    /** An export that scores with {@code bands} and describes approvals with {@code approvals}. */
    public MarkdownExport(RiskBands bands, ApprovalMatrix approvals) {
        this.bands = bands;
        this.approvals = approvals;
    }

    /** The whole document. */
    public String render(Assessment assessment) {
        AssessmentContent content = assessment.content();
        StringBuilder md = new StringBuilder();
        md.append("# Risk assessment: ").append(content.title()).append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "Risk level", "**" + assessment.level() + "**");
        row(md, "Status", assessment.status().wire().toUpperCase(Locale.ROOT));
        row(md, "Kind", word(content.kind().name()));
        row(md, "Services", String.join(", ", content.services()));
        row(md, "Environment", content.environment());
        row(md, "Tags", String.join(", ", content.tags()));
        row(md, "Author", assessment.author());
        row(md, "Created", assessment.createdAt().toString());
        row(md, "Updated", assessment.updatedAt().toString());
        row(md, "Id", assessment.id());
        md.append('\n');

        md.append("## 1. Executive summary\n\n").append(orNone(content.summary())).append("\n\n");
        md.append("**Overall risk level: ").append(assessment.level()).append("**");
        bands.highest(content.risks()).ifPresent(risk -> md.append(" (highest risk: ").append(risk.title())
                .append(", likelihood ").append(risk.likelihood()).append(" x impact ").append(risk.impact())
                .append(" = ").append(risk.score()).append(")"));
        md.append(". Bands: 1-").append(bands.medium() - 1).append(" LOW, ").append(bands.medium()).append('-')
                .append(bands.high() - 1).append(" MEDIUM, ").append(bands.high()).append('-')
                .append(bands.critical() - 1).append(" HIGH, ").append(bands.critical()).append("-25 CRITICAL.\n\n");

        md.append("## 2. Change\n\n");
        if (!content.change().description().isEmpty()) {
            md.append(content.change().description()).append("\n\n");
        }
        md.append("- Files changed: ").append(content.change().filesChanged()).append('\n');
        md.append("- Lines changed: ").append(content.change().linesChanged()).append('\n');
        content.change().files().forEach(file -> md.append("  - `").append(file).append("`\n"));
        if (!content.change().specDiff().isEmpty()) {
            md.append("\n```diff\n").append(content.change().specDiff()).append("\n```\n");
        }
        md.append('\n');

        md.append("## 3. Risks\n\n");
        for (RiskCategory category : RiskCategory.values()) {
            md.append("### ").append(category.title()).append(" risks\n\n");
            List<Risk> risks = content.risks().stream().filter(risk -> risk.category() == category).toList();
            if (risks.isEmpty()) {
                md.append("None identified.\n\n");
                continue;
            }
            md.append("| # | Risk | Likelihood | Impact | Score | Level | Mitigation | Owner |\n");
            md.append("|---|---|---|---|---|---|---|---|\n");
            int n = 1;
            for (Risk risk : risks) {
                md.append("| ").append(n++).append(" | ").append(cell(risk.title())).append(" | ")
                        .append(risk.likelihood()).append(" | ").append(risk.impact()).append(" | ")
                        .append(risk.score()).append(" | ").append(bands.levelOf(risk)).append(" | ")
                        .append(cell(risk.mitigation())).append(" | ").append(cell(risk.owner())).append(" |\n");
            }
            md.append('\n');
        }

        md.append("## 4. Testing\n\n### Tested\n\n");
        bullets(md, content.testing().done());
        md.append("### Not tested (gaps)\n\n");
        bullets(md, content.testing().gaps());

        md.append("## 5. Rollback procedure\n\n");
        if (content.rollback().isEmpty()) {
            md.append("None given.\n\n");
        }
        Duration total = Duration.ZERO;
        int step = 1;
        for (RollbackStep rollback : content.rollback()) {
            md.append(step++).append(". ").append(rollback.step());
            if (rollback.expectedDuration() != null) {
                md.append(" (expected: ").append(Durations.format(rollback.expectedDuration())).append(')');
                total = total.plus(rollback.expectedDuration());
            }
            md.append('\n');
            if (rollback.hasCommand()) {
                md.append("   ```\n   ").append(rollback.command().replace("\n", "\n   ")).append("\n   ```\n");
            }
        }
        if (!total.isZero()) {
            md.append("\nExpected rollback time: ").append(Durations.format(total)).append(".\n");
        }
        md.append('\n');

        md.append("## 6. Monitoring\n\n");
        if (content.monitoring().isEmpty()) {
            md.append("None given.\n\n");
        } else {
            md.append("| Metric | Expected | Warning | Critical |\n|---|---|---|---|\n");
            for (Threshold threshold : content.monitoring()) {
                md.append("| ").append(cell(threshold.metric())).append(" | ").append(cell(threshold.expected()))
                        .append(" | ").append(cell(threshold.warning())).append(" | ")
                        .append(cell(threshold.critical())).append(" |\n");
            }
            md.append('\n');
        }

        md.append("## 7. Checklists\n\n");
        Checklists lists = content.checklists();
        checklist(md, "Pre-deployment", lists.pre());
        checklist(md, "Deployment", lists.deployment());
        checklist(md, "Post-deployment", lists.post());

        approvalsSection(md, assessment);

        md.append("## 9. Follow-up actions\n\n");
        if (content.followUps().isEmpty()) {
            md.append("None.\n\n");
        } else {
            md.append("| Action | Owner | Effort | Priority | Due |\n|---|---|---|---|---|\n");
            for (FollowUp followUp : content.followUps()) {
                md.append("| ").append(cell(followUp.action())).append(" | ").append(cell(followUp.owner()))
                        .append(" | ").append(cell(followUp.effort())).append(" | ")
                        .append(followUp.priority() == null ? "" : followUp.priority()).append(" | ")
                        .append(followUp.due() == null ? "" : followUp.due()).append(" |\n");
            }
            md.append('\n');
        }

        md.append("## 10. Retrospective\n\n");
        Retrospective retro = assessment.retrospective();
        if (retro == null) {
            md.append("Not yet held (it closes the assessment after the change was observed).\n");
        } else {
            md.append("- Predicted level: ").append(retro.predictedLevel()).append('\n');
            md.append("- Actual level: ").append(retro.actualLevel()).append('\n');
            md.append("- Prediction held: ").append(retro.predictionHeld() ? "yes" : "no").append("\n\n");
            md.append("### Observed incidents\n\n");
            bullets(md, retro.observedIncidents());
            if (!retro.notes().isEmpty()) {
                md.append("### Notes\n\n").append(retro.notes()).append('\n');
            }
        }
        return md.toString();
    }

    private void approvalsSection(StringBuilder md, Assessment assessment) {
        md.append("## 8. Approvals\n\n");
        md.append("Required for ").append(assessment.level()).append(": ")
                .append(approvals.ruleFor(assessment.level()).describe()).append(" (one person per role; the author")
                .append(" cannot approve).\n\n");
        if (assessment.round() > 0) {
            ApprovalProgress progress = approvals.progress(assessment.level(), assessment.author(),
                    assessment.currentDecisions());
            md.append(progress.complete() ? "Approval complete." : progress.rejected() ? "Rejected."
                    : "Still needed: " + String.join(", ", progress.stillNeeded()) + ".").append("\n\n");
        }
        if (assessment.decisions().isEmpty()) {
            md.append("No decisions yet.\n\n");
            return;
        }
        md.append("| Round | Who | Roles | Decision | When | Comment |\n|---|---|---|---|---|---|\n");
        for (Decision decision : assessment.decisions()) {
            md.append("| ").append(decision.round()).append(" | ").append(cell(decision.user())).append(" | ")
                    .append(String.join(", ", decision.roles())).append(" | ")
                    .append(decision.verdict() == io.warden.governance.assessment.Verdict.APPROVE ? "APPROVED"
                            : "REJECTED").append(" | ").append(decision.at()).append(" | ")
                    .append(cell(decision.comment())).append(" |\n");
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| **").append(name).append("** | ").append(cell(value)).append(" |\n");
    }

    private static void bullets(StringBuilder md, List<String> items) {
        if (items.isEmpty()) {
            md.append("None.\n\n");
            return;
        }
        items.forEach(item -> md.append("- ").append(item).append('\n'));
        md.append('\n');
    }

    private static void checklist(StringBuilder md, String title, List<String> items) {
        md.append("### ").append(title).append("\n\n");
        if (items.isEmpty()) {
            md.append("None given.\n\n");
            return;
        }
        items.forEach(item -> md.append("- [ ] ").append(item).append('\n'));
        md.append('\n');
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", "<br>");
    }

    private static String orNone(String text) {
        return text.isEmpty() ? "None given." : text;
    }

    private static String word(String name) {
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }
}
