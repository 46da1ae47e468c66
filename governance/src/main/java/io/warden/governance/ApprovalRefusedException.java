package io.warden.governance;

/**
 * A decision the approval matrix does not accept: self-approval, a second decision by the same
 * person, an approver who holds none of the roles the level requires, or a decision outside review.
 */
public class ApprovalRefusedException extends GovernanceException {

    /** A refusal described by its message. */
    public ApprovalRefusedException(String message) {
        super(message);
    }
}
