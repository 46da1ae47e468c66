package io.warden.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.governance.approval.ApprovalMatrix;
import io.warden.governance.export.AssessmentCodec;
import io.warden.governance.matrix.RiskBands;
import io.warden.governance.matrix.RiskLevel;
import io.warden.governance.policy.Policy;
import org.junit.jupiter.api.Test;

/** The governance block of warden.yaml, bound by the same codec. */
class GovernanceConfigTest {

    private final AssessmentCodec codec = new AssessmentCodec();

    @Test
    void emptyBlock_isTheSeedsDefaults() {
        assertThat(codec.readYaml("{}", "warden.yaml", GovernanceConfig.class)).isEqualTo(GovernanceConfig.DEFAULTS);
        assertThat(GovernanceConfig.DEFAULTS.bands()).isEqualTo(new RiskBands(5, 10, 20));
        assertThat(GovernanceConfig.DEFAULTS.approvals()).isSameAs(ApprovalMatrix.DEFAULTS);
        assertThat(GovernanceConfig.DEFAULTS.policy()).isSameAs(Policy.DEFAULTS);
    }

    @Test
    void customBandsMatrixAndPolicy_bindFromYaml() {
        GovernanceConfig config = codec.readYaml("""
                bands: {medium: 4, high: 9, critical: 16}
                approvals:
                  roles: [dev, lead, owner]
                  rules:
                    low: {allOf: [dev]}
                    medium: {allOf: [lead]}
                    high: {allOf: [lead], anyOf: [[dev, owner]]}
                    critical: {allOf: [owner, lead]}
                policy: {minimumLevel: high, tags: [schema], environments: [prod]}
                """, "warden.yaml", GovernanceConfig.class);
        assertThat(config.bands().levelOf(16)).isEqualTo(RiskLevel.CRITICAL);
        assertThat(config.approvals().ruleFor(RiskLevel.HIGH).describe()).isEqualTo("lead + one of (dev, owner)");
        assertThat(config.policy().evaluate(RiskLevel.MEDIUM, java.util.List.of(), "prod").reasons())
                .containsExactly("environment prod");
    }

    @Test
    void unknownRoleInARule_andMissingLevel_areRefusedWithTheirPathAndLine() {
        assertThatThrownBy(() -> codec.readYaml("""
                approvals:
                  roles: [dev, lead]
                  rules:
                    low: {allOf: [dev]}
                    medium: {allOf: [lead]}
                    high: {allOf: [lead, cfo]}
                    critical: {allOf: [lead]}
                """, "warden.yaml", GovernanceConfig.class))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("approvals.rules.high");
                    assertThat(e).hasMessage("warden.yaml:6: approvals.rules.high: rules.high names role 'cfo',"
                            + " which is unknown; known roles are [dev, lead] (add it to the matrix's roles or fix"
                            + " the spelling)");
                });
        assertThatThrownBy(() -> codec.readYaml("approvals: {roles: [dev], rules: {low: {allOf: [dev]}}}",
                "warden.yaml", GovernanceConfig.class))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("approvals.rules.medium"));
    }
}
