package io.warden.governance.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.governance.ApprovalRefusedException;
import io.warden.governance.ValidationException;
import io.warden.governance.assessment.Decision;
import io.warden.governance.assessment.Verdict;
import io.warden.governance.matrix.RiskLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalMatrixTest {

    private static final ApprovalMatrix MATRIX = ApprovalMatrix.DEFAULTS;
    private static final List<String> ROLES = MATRIX.roles();
    private static final Instant T = Instant.parse("2025-11-10T10:00:00Z");

    private static Decision approval(String user, Set<String> roles) {
        return new Decision(user, List.copyOf(roles), Verdict.APPROVE, "", T, 1);
    }

    /** The seed's rule in plain set terms, written independently of the matching. */
    private static boolean seedRuleHolds(RiskLevel level, Set<String> present) {
        return switch (level) {
            case LOW -> present.containsAll(List.of("developer", "lead"));
            case MEDIUM -> present.contains("lead") && (present.contains("qa") || present.contains("security"));
            case HIGH -> present.containsAll(List.of("lead", "qa", "security", "stakeholder"));
            case CRITICAL -> present.containsAll(List.of("business-owner", "cto"));
        };
    }

    @Test
    void everySubsetOfRoles_eachHeldByADifferentPerson_completesExactlyWhenTheSeedRuleHolds() {
        for (RiskLevel level : RiskLevel.values()) {
            for (int mask = 0; mask < 1 << ROLES.size(); mask++) {
                Set<String> present = new HashSet<>();
                List<Decision> round = new ArrayList<>();
                for (int bit = 0; bit < ROLES.size(); bit++) {
                    if ((mask & 1 << bit) != 0) {
                        present.add(ROLES.get(bit));
                        round.add(approval("user" + bit, Set.of(ROLES.get(bit))));
                    }
                }
                ApprovalProgress progress = MATRIX.progress(level, "author", round);
                assertThat(progress.complete()).as("%s with %s", level, present)
                        .isEqualTo(seedRuleHolds(level, present));
                assertThat(progress.stillNeeded().isEmpty()).isEqualTo(progress.complete());
            }
        }
    }

    @Test
    void onePersonHoldingEveryRole_neverCompletesAnyLevelAlone() {
        for (RiskLevel level : RiskLevel.values()) {
            ApprovalProgress progress = MATRIX.progress(level, "author", List.of(approval("root", Set.copyOf(ROLES))));
            assertThat(progress.complete()).as(level.name()).isFalse();
            assertThat(progress.filledBy()).hasSize(1);
        }
    }

    @Test
    void upToFourPeopleWithAnyMixOfRelevantRoles_completeExactlyWhenDistinctPeopleCanFillEverySlot() {
        for (RiskLevel level : RiskLevel.values()) {
            List<String> relevant = List.copyOf(MATRIX.ruleFor(level).roles());
            List<Set<String>> roleSets = new ArrayList<>();
            for (int mask = 1; mask < 1 << relevant.size(); mask++) {
                Set<String> set = new HashSet<>();
                for (int bit = 0; bit < relevant.size(); bit++) {
                    if ((mask & 1 << bit) != 0) {
                        set.add(relevant.get(bit));
                    }
                }
                roleSets.add(set);
            }
            int[] checked = {0};
            people(level, roleSets, new ArrayList<>(), 0, checked);
            assertThat(checked[0]).as(level.name()).isPositive();
        }
    }

    /** Every multiset of up to four people (by index, non-decreasing), checked against brute force. */
    private void people(RiskLevel level, List<Set<String>> roleSets, List<Set<String>> chosen, int from, int[] checked) {
        List<Decision> round = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            round.add(approval("p" + i, chosen.get(i)));
        }
        assertThat(MATRIX.progress(level, "author", round).complete()).as("%s with %s", level, chosen)
                .isEqualTo(bruteForce(level, chosen, 0, new HashSet<>()));
        checked[0]++;
        if (chosen.size() == 4) {
            return;
        }
        for (int next = from; next < roleSets.size(); next++) {
            chosen.add(roleSets.get(next));
            people(level, roleSets, chosen, next, checked);
            chosen.removeLast();
        }
    }

    /** Each person picks one of their roles or none; does some choice satisfy the seed rule? */
    private static boolean bruteForce(RiskLevel level, List<Set<String>> people, int index, Set<String> picked) {
        if (index == people.size()) {
            return seedRuleHolds(level, picked);
        }
        if (bruteForce(level, people, index + 1, picked)) {
            return true;
        }
        for (String role : people.get(index)) {
            if (picked.add(role)) {
                boolean holds = bruteForce(level, people, index + 1, picked);
                picked.remove(role);
                if (holds) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void authorsApproval_neverCounts_andIsRefused() {
        List<Decision> round = List.of(approval("alice", Set.of("lead")), approval("erin", Set.of("developer")));
        assertThat(MATRIX.progress(RiskLevel.LOW, "alice", round).complete()).isFalse();
        assertThatThrownBy(() -> MATRIX.checkDecision(RiskLevel.LOW, "Alice", Approver.of("alice", "lead"), List.of(),
                Verdict.APPROVE)).isInstanceOf(ApprovalRefusedException.class)
                .hasMessageContaining("alice cannot approve this assessment: they are its author")
                .hasMessageContaining("developer + lead");
    }

    @Test
    void secondDecisionOfOnePerson_andApproverWithoutARequiredRole_areRefused() {
        List<Decision> round = List.of(approval("bob", Set.of("lead")));
        assertThatThrownBy(() -> MATRIX.checkDecision(RiskLevel.MEDIUM, "alice", Approver.of("bob", "lead", "qa"),
                round, Verdict.APPROVE)).isInstanceOf(ApprovalRefusedException.class)
                .hasMessageContaining("bob already decided");
        assertThatThrownBy(() -> MATRIX.checkDecision(RiskLevel.MEDIUM, "alice", Approver.of("erin", "developer"),
                List.of(), Verdict.REJECT)).isInstanceOf(ApprovalRefusedException.class)
                .hasMessageContaining("erin holds roles [developer], none of which the MEDIUM rule needs"
                        + " (lead + one of (qa, security))");
    }

    @Test
    void rejectionByARequiredRole_rejects_butOneByAnOutsiderDoesNot() {
        Decision qaRejects = new Decision("carol", List.of("qa"), Verdict.REJECT, "no load test", T, 1);
        Decision devRejects = new Decision("erin", List.of("developer"), Verdict.REJECT, "meh", T, 1);
        assertThat(MATRIX.progress(RiskLevel.MEDIUM, "alice", List.of(qaRejects)).rejected()).isTrue();
        assertThat(MATRIX.progress(RiskLevel.MEDIUM, "alice", List.of(devRejects)).rejected()).isFalse();
    }

    @Test
    void unknownRole_isRefusedNamingIt_inApproversAndInRules() {
        assertThatThrownBy(() -> MATRIX.checkKnown(Approver.of("zed", "lead", "tester")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("roles");
                    assertThat(e).hasMessageContaining("role 'tester', which is unknown");
                });
        assertThatThrownBy(() -> new ApprovalMatrix(List.of("lead"), Map.of(RiskLevel.LOW, ApprovalRule.allOf("lead"),
                RiskLevel.MEDIUM, ApprovalRule.allOf("lead"), RiskLevel.HIGH, ApprovalRule.allOf("lead", "cfo"),
                RiskLevel.CRITICAL, ApprovalRule.allOf("lead"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("rules.high");
                    assertThat(e).hasMessageContaining("'cfo'");
                });
    }

    @Test
    void describe_readsLikeTheSeed() {
        assertThat(MATRIX.ruleFor(RiskLevel.MEDIUM).describe()).isEqualTo("lead + one of (qa, security)");
        assertThat(MATRIX.ruleFor(RiskLevel.CRITICAL).describe()).isEqualTo("business-owner + cto");
    }
}
