package io.warden.governance;

import java.util.List;

/** A lifecycle step that the current status does not allow; names the allowed ones. */
public class IllegalTransitionException extends GovernanceException {

    private final List<String> allowed;

    /** A refused step with the steps that the current status allows. */
    public IllegalTransitionException(String message, List<String> allowed) {
        super(message);
        this.allowed = List.copyOf(allowed);
    }

    /** The statuses (lower case) reachable from the current one. */
    public List<String> allowed() {
        return allowed;
    }
}
