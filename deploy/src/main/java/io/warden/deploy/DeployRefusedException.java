package io.warden.deploy;

import io.warden.deploy.gate.GateDecision;

/** The policy refused the deploy (the CLI exits 4); the decision names the rule and what would satisfy it. */
public final class DeployRefusedException extends DeployException {

    private static final long serialVersionUID = 1L;

    private final transient GateDecision decision;

    public DeployRefusedException(GateDecision decision) {
        super(decision.explanation());
        this.decision = decision;
    }

    /** The refusal: its rules, the assessment to use, the approvals missing. */
    public GateDecision decision() {
        return decision;
    }
}
