package io.warden.governance;

import io.warden.governance.approval.Approver;
import io.warden.governance.assessment.AssessmentContent;
import io.warden.governance.assessment.Change;
import io.warden.governance.assessment.Checklists;
import io.warden.governance.assessment.FollowUp;
import io.warden.governance.assessment.Kind;
import io.warden.governance.assessment.Priority;
import io.warden.governance.assessment.RollbackStep;
import io.warden.governance.assessment.Testing;
import io.warden.governance.assessment.Threshold;
import io.warden.governance.matrix.Risk;
import io.warden.governance.matrix.RiskCategory;
import io.warden.governance.matrix.RiskLevel;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** Assessments and people the tests share. */
public final class Samples {

    /** Author: a developer who is also a lead, so self-approval would otherwise count. */
    public static final Approver ALICE = Approver.of("alice", "developer", "lead");
    /** A lead. */
    public static final Approver BOB = Approver.of("bob", "lead");
    /** A QA engineer. */
    public static final Approver CAROL = Approver.of("carol", "qa");
    /** A security engineer. */
    public static final Approver DAVE = Approver.of("dave", "security");
    /** A developer. */
    public static final Approver ERIN = Approver.of("erin", "developer");

    private Samples() {
    }

    /** A complete assessment whose single risk scores {@code likelihood x impact}. */
    public static AssessmentContent complete(String service, int likelihood, int impact) {
        return complete(service, Kind.PLANNED, likelihood, impact);
    }

    /** A complete assessment (it passes the gate at any level) of {@code kind}. */
    public static AssessmentContent complete(String service, Kind kind, int likelihood, int impact) {
        return new AssessmentContent("Raise the worker pool of " + service, "Doubles the worker pool.", kind,
                List.of(service), new Change("workers: 4 -> 8", "-workers: 4\n+workers: 8", List.of("warden.yaml"),
                        1, 1),
                List.of("config"), "staging", null,
                List.of(new Risk(RiskCategory.PERFORMANCE, "Memory grows with the pool", likelihood, impact,
                        "Watch RSS", "ops")),
                new Testing(List.of("Load test at 2x traffic"), List.of("No soak test")),
                List.of(new RollbackStep("Restore 4 workers", "warden deploy " + service + " --spec previous",
                        Duration.ofMinutes(2))),
                List.of(new Threshold("RSS", "< 400MB", "> 600MB", "> 800MB")),
                new Checklists(List.of("Backup spec"), List.of("Deploy"), List.of("Watch 1h")),
                List.of(new FollowUp("Soak test", "qa", "2 hours", Priority.MEDIUM, LocalDate.of(2025, 11, 17))));
    }

    /** A draft with nothing but a title and one risk: incomplete at any level. */
    public static AssessmentContent bare(String service, int likelihood, int impact, RiskLevel declared) {
        return new AssessmentContent("Bare " + service, null, null, List.of(), null, null, null, declared,
                List.of(new Risk(RiskCategory.TECHNICAL, "Something breaks", likelihood, impact, null, null)),
                null, null, null, null, null);
    }
}
