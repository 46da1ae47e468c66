package io.warden.governance;

import io.warden.governance.approval.ApprovalMatrix;
import io.warden.governance.matrix.RiskBands;
import io.warden.governance.policy.Policy;

/**
 * The governance settings of {@code warden.yaml}: the risk bands, the approval matrix and the
 * policy. Each part defaults to the seed's when absent ({@link #DEFAULTS}).
 *
 * @param bands     where scores become levels
 * @param approvals who approves which level
 * @param policy    which changes need an approved assessment
 */
public record GovernanceConfig(RiskBands bands, ApprovalMatrix approvals, Policy policy) {

    /** The seed's bands, matrix and policy. */
    public static final GovernanceConfig DEFAULTS =
            new GovernanceConfig(RiskBands.DEFAULTS, ApprovalMatrix.DEFAULTS, Policy.DEFAULTS);

    /** Fills absent parts with the defaults. */
    public GovernanceConfig {
        bands = bands == null ? RiskBands.DEFAULTS : bands;
        approvals = approvals == null ? ApprovalMatrix.DEFAULTS : approvals;
        policy = policy == null ? Policy.DEFAULTS : policy;
    }
}
