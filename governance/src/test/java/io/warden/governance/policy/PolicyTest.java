package io.warden.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.governance.matrix.RiskLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTest {

    private final Policy policy = Policy.DEFAULTS;

    @Test
    void lowUntaggedStagingChange_needsNoApproval() {
        assertThat(policy.evaluate(RiskLevel.LOW, List.of("docs"), "staging"))
                .isEqualTo(new PolicyDecision(false, List.of()));
    }

    @Test
    void everyLevelFromMedium_needsApproval() {
        for (RiskLevel level : RiskLevel.values()) {
            PolicyDecision decision = policy.evaluate(level, List.of(), "");
            assertThat(decision.required()).as(level.name()).isEqualTo(level.atLeast(RiskLevel.MEDIUM));
        }
        assertThat(policy.evaluate(RiskLevel.HIGH, List.of(), "").reasons()).containsExactly("level HIGH >= MEDIUM");
    }

    @Test
    void eachSeedTagAndProduction_needApprovalEvenWhenLow_andTheReasonsNameThem() {
        for (String tag : List.of("security", "breaking", "schema", "dependency-major", "SECURITY")) {
            assertThat(policy.evaluate(RiskLevel.LOW, List.of(tag), "dev").required()).as(tag).isTrue();
        }
        assertThat(policy.evaluate(RiskLevel.LOW, List.of("schema", "ui"), "Production").reasons())
                .containsExactly("tag schema", "environment production");
    }

    @Test
    void configuredPolicy_replacesTheDefaults() {
        Policy strict = new Policy(RiskLevel.LOW, List.of(), List.of("staging"));
        assertThat(strict.evaluate(RiskLevel.LOW, List.of("security"), "production").reasons())
                .containsExactly("level LOW >= LOW");
        Policy lax = new Policy(RiskLevel.CRITICAL, List.of(), List.of());
        assertThat(lax.evaluate(RiskLevel.HIGH, List.of("security"), "production").required()).isFalse();
    }
}
