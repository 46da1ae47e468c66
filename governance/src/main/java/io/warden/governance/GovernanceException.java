package io.warden.governance;

/**
 * The root of every failure in the governance module. Unchecked, so the edges (HTTP problem+json,
 * CLI exit codes) translate it once. Messages say what failed, the value, the rule and the fix.
 */
public class GovernanceException extends RuntimeException {

    /** A failure described by its message. */
    public GovernanceException(String message) {
        super(message);
    }

    /** A failure described by its message, caused by another. */
    public GovernanceException(String message, Throwable cause) {
        super(message, cause);
    }
}
