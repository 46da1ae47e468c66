package io.warden.governance.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.governance.IncompleteAssessmentException;
import io.warden.governance.Samples;
import io.warden.governance.matrix.RiskLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletenessGateTest {

    private static List<String> missing(AssessmentContent content, RiskLevel level) {
        return CompletenessGate.missing(content, level).stream().map(CompletenessGate.Missing::field).toList();
    }

    @Test
    void bareDraft_listsEveryMissingItem_growingWithTheLevel() {
        AssessmentContent bare = Samples.bare("svc", 1, 1, null);
        assertThat(missing(bare, RiskLevel.LOW)).containsExactly("summary", "services", "rollback");
        assertThat(missing(bare, RiskLevel.MEDIUM))
                .containsExactly("summary", "services", "testing.done", "rollback", "monitoring");
        assertThat(missing(bare, RiskLevel.HIGH)).containsExactly("summary", "services", "testing.done", "rollback",
                "monitoring", "checklists.pre", "checklists.deployment", "checklists.post");
        assertThat(missing(bare, RiskLevel.CRITICAL)).isEqualTo(missing(bare, RiskLevel.HIGH));
    }

    @Test
    void high_needsCommandAndDurationOnEveryStep_andWarningAndCriticalOnEveryThreshold() {
        AssessmentContent complete = Samples.complete("svc", 4, 4);
        AssessmentContent weak = new AssessmentContent(complete.title(), complete.summary(), complete.kind(),
                complete.services(), complete.change(), complete.tags(), complete.environment(), null,
                complete.risks(), complete.testing(),
                List.of(complete.rollback().getFirst(), new RollbackStep("Tell the team", "", null)),
                List.of(new Threshold("errors", "0%", "", "> 5%"), new Threshold("p99", "< 1s", "> 2s", "")),
                complete.checklists(), complete.followUps());
        assertThat(missing(weak, RiskLevel.MEDIUM)).isEmpty();
        assertThat(missing(weak, RiskLevel.HIGH)).containsExactly("rollback[1].command", "rollback[1].expectedDuration",
                "monitoring[0].warning", "monitoring[1].critical");
    }

    @Test
    void refusal_namesEveryItemWithItsRule_andTheFix() {
        assertThatThrownBy(() -> CompletenessGate.check("a1", Samples.bare("svc", 1, 1, null), RiskLevel.MEDIUM))
                .isInstanceOfSatisfying(IncompleteAssessmentException.class, e -> {
                    assertThat(e.missing()).hasSize(5);
                    assertThat(e).hasMessageStartingWith("assessment a1 (MEDIUM) cannot go to review: 5 item(s) missing")
                            .hasMessageContaining("testing.done (MEDIUM needs testing notes: what was tested)")
                            .hasMessageEndingWith("Fill them in with an update, then submit again");
                });
        assertThatCode(() -> CompletenessGate.check("a2", Samples.complete("svc", 5, 5), RiskLevel.CRITICAL))
                .doesNotThrowAnyException();
    }
}
